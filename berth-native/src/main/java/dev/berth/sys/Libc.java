package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Binds C library functions for the classes of this package. Every binding captures errno right
 * after the call returns: reading it later from Java would see whatever the JVM's own calls left.
 *
 * <p>Binding native code is a restricted operation; this class is the one place that does it, and
 * berth's launchers pass {@code --enable-native-access} for it.
 */
@SuppressWarnings("restricted")
final class Libc {

  static final int AT_FDCWD = -100;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(
          symbol("strerror"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle CLOSE =
      function("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private Libc() {}

  /**
   * A handle whose first parameter is the call-state segment from {@link #callState}, followed by
   * the C function's own parameters.
   */
  static MethodHandle function(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
  }

  static MemorySegment callState(Arena arena) {
    return arena.allocate(CALL_STATE);
  }

  static int errno(MemorySegment callState) {
    return (int) ERRNO.get(callState, 0L);
  }

  /** A NUL-terminated UTF-8 copy of {@code s}, or NULL for a null {@code s}. */
  static MemorySegment cString(Arena arena, String s) {
    return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
  }

  static String strerror(int errno) {
    try {
      // glibc returns a pointer into its static message table (or a per-thread buffer for unknown
      // values), valid until the next call on this thread: copy it out at once.
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
      return text.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** Closes a descriptor this package opened; a failure to close is of no use to the caller. */
  static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      int ignored = (int) CLOSE.invokeExact(callState(arena), fd);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /**
   * Downcalls declare {@code Throwable} but throw only unchecked failures of the binding itself;
   * pass those on unchanged.
   */
  static RuntimeException unexpected(Throwable t) {
    if (t instanceof RuntimeException e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("native call failed", t);
  }

  private static MemorySegment symbol(String name) {
    return LINKER
        .defaultLookup()
        .find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no function " + name));
  }
}
