package dev.berth.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Writes to a fifo that some other process reads, without waiting for that process. java.nio opens
 * a fifo blocking: with no reader (the process died) the open would hang forever.
 */
public final class Fifos {

  private static final int O_WRONLY = 1;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;

  private static final MethodHandle OPEN =
      Libc.function("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle WRITE =
      Libc.function("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

  private Fifos() {}

  /**
   * Writes {@code message} (at most PIPE_BUF bytes, so it arrives whole) to the fifo at {@code path}.
   * Fails with {@link Errno#ENXIO} when nobody has the fifo open for reading.
   */
  public static void write(Path path, byte[] message) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int fd = (int) OPEN.invokeExact(state, Libc.cString(arena, path.toString()), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) {
        throw new NativeIoException("open", path.toString(), Libc.errno(state));
      }
      try {
        MemorySegment bytes = arena.allocateFrom(JAVA_BYTE, message);
        long n = (long) WRITE.invokeExact(state, fd, bytes, (long) message.length);
        if (n < 0) {
          throw new NativeIoException("write", path.toString(), Libc.errno(state));
        }
      } finally {
        Libc.close(fd);
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }
}
