package dev.berth.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * File-system calls java.nio lacks: device nodes, numeric ownership without a user database,
 * extended attributes, and symlinks whose target text is kept byte for byte. Every call acts on the
 * path itself and never follows a final symlink.
 *
 * <p>java.nio sets modes, setuid, setgid and sticky bits included, through {@code unix:mode}; set
 * it without {@code NOFOLLOW_LINKS}, on a path known not to be a symlink, because with that option
 * java.nio opens the file to fchmod it. Opening a fifo blocks, and opening a device node acts on
 * the device (a watchdog starts counting). For the same reason times are set here ({@link
 * #lutimes}): java.nio's setTimes opens every file but a symlink.
 */
public final class FileNodes {

  public static final int S_IFIFO = 0010000;
  public static final int S_IFCHR = 0020000;
  /** The file-type bits of a mode, as stat(2) reports it. */
  public static final int S_IFMT = 0170000;
  public static final int S_IFBLK = 0060000;

  private static final MethodHandle MKNOD =
      Libc.function("mknod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
  private static final MethodHandle LCHOWN =
      Libc.function("lchown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle SYMLINK =
      Libc.function("symlink", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle LSETXATTR =
      Libc.function(
          "lsetxattr",
          FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle LGETXATTR =
      Libc.function(
          "lgetxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
  private static final MethodHandle UTIMENSAT =
      Libc.function(
          "utimensat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
  private static final MethodHandle LLISTXATTR =
      Libc.function("llistxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));

  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  private FileNodes() {}

  /** glibc's makedev: the 64-bit dev_t encoding of a major and minor device number. */
  public static long makedev(int major, int minor) {
    long maj = Integer.toUnsignedLong(major);
    long min = Integer.toUnsignedLong(minor);
    return (min & 0xffL) | ((maj & 0xfffL) << 8) | ((min & ~0xffL) << 12) | ((maj & ~0xfffL) << 32);
  }

  /**
   * mknod(2). {@code mode} is the file type ({@link #S_IFCHR}, {@link #S_IFBLK} or {@link
   * #S_IFIFO}) or'ed with permission bits, which the process umask still narrows.
   */
  public static void mknod(Path path, int mode, long dev) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) MKNOD.invokeExact(state, Libc.cString(arena, path.toString()), mode, dev);
      check(rc, "mknod", path, state);
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /** lchown(2) with numeric ids; -1 leaves that id unchanged. */
  public static void lchown(Path path, int uid, int gid) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) LCHOWN.invokeExact(state, Libc.cString(arena, path.toString()), uid, gid);
      check(rc, "lchown", path, state);
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /**
   * symlink(2). java.nio would normalize the target ("a//b/" becomes "a/b"), which changes what a
   * trailing slash means and what a later diff of the tree reports; this keeps it verbatim.
   */
  public static void symlink(String target, Path link) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc =
          (int)
              SYMLINK.invokeExact(
                  state, Libc.cString(arena, target), Libc.cString(arena, link.toString()));
      check(rc, "symlink", link, state);
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /**
   * utimensat(2) with AT_SYMLINK_NOFOLLOW: sets the times of {@code path} itself, symlink or fifo
   * or device, to the nanosecond, without opening it.
   */
  public static void lutimes(Path path, FileTime lastModified, FileTime lastAccess)
      throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      // struct timespec times[2] = {atime, mtime}, each {tv_sec, tv_nsec}.
      MemorySegment times = arena.allocate(JAVA_LONG, 4);
      Instant atime = lastAccess.toInstant();
      Instant mtime = lastModified.toInstant();
      times.setAtIndex(JAVA_LONG, 0, atime.getEpochSecond());
      times.setAtIndex(JAVA_LONG, 1, atime.getNano());
      times.setAtIndex(JAVA_LONG, 2, mtime.getEpochSecond());
      times.setAtIndex(JAVA_LONG, 3, mtime.getNano());
      int rc =
          (int)
              UTIMENSAT.invokeExact(
                  state,
                  Libc.AT_FDCWD,
                  Libc.cString(arena, path.toString()),
                  times,
                  AT_SYMLINK_NOFOLLOW);
      check(rc, "utimensat", path, state);
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /** lsetxattr(2), creating or replacing {@code name}. */
  public static void lsetxattr(Path path, String name, byte[] value) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment data = arena.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, data, JAVA_BYTE, 0, value.length);
      int rc =
          (int)
              LSETXATTR.invokeExact(
                  state,
                  Libc.cString(arena, path.toString()),
                  Libc.cString(arena, name),
                  data,
                  (long) value.length,
                  0);
      check(rc, "lsetxattr " + name, path, state);
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /** lgetxattr(2); empty when the attribute is not set. */
  public static Optional<byte[]> lgetxattr(Path path, String name) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment cPath = Libc.cString(arena, path.toString());
      MemorySegment cName = Libc.cString(arena, name);
      // Ask for the size, then read; retry if the value grew in between (ERANGE).
      while (true) {
        long size = (long) LGETXATTR.invokeExact(state, cPath, cName, MemorySegment.NULL, 0L);
        if (size < 0) {
          int errno = Libc.errno(state);
          if (errno == Errno.ENODATA) {
            return Optional.empty();
          }
          throw new NativeIoException("lgetxattr " + name, path.toString(), errno);
        }
        MemorySegment buffer = arena.allocate(Math.max(1, size));
        long got = (long) LGETXATTR.invokeExact(state, cPath, cName, buffer, size);
        if (got >= 0) {
          return Optional.of(buffer.asSlice(0, got).toArray(JAVA_BYTE));
        }
        int errno = Libc.errno(state);
        if (errno == Errno.ENODATA) {
          return Optional.empty();
        }
        if (errno != Errno.ERANGE) {
          throw new NativeIoException("lgetxattr " + name, path.toString(), errno);
        }
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /** llistxattr(2): the names of all extended attributes the caller may see, in kernel order. */
  public static List<String> llistxattr(Path path) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment cPath = Libc.cString(arena, path.toString());
      while (true) {
        long size = (long) LLISTXATTR.invokeExact(state, cPath, MemorySegment.NULL, 0L);
        if (size < 0) {
          throw new NativeIoException("llistxattr", path.toString(), Libc.errno(state));
        }
        if (size == 0) {
          return List.of();
        }
        MemorySegment buffer = arena.allocate(size);
        long got = (long) LLISTXATTR.invokeExact(state, cPath, buffer, size);
        if (got >= 0) {
          return splitNames(buffer.asSlice(0, got).toArray(JAVA_BYTE));
        }
        int errno = Libc.errno(state);
        if (errno != Errno.ERANGE) {
          throw new NativeIoException("llistxattr", path.toString(), errno);
        }
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  private static List<String> splitNames(byte[] list) {
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < list.length; i++) {
      if (list[i] == 0) {
        names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return List.copyOf(names);
  }

  private static void check(int rc, String call, Path path, MemorySegment state)
      throws NativeIoException {
    if (rc != 0) {
      throw new NativeIoException(call, path.toString(), Libc.errno(state));
    }
  }
}
