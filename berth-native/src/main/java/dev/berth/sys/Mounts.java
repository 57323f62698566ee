package dev.berth.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** mount(2), umount2(2), the new mount API (fsopen(2) and friends) and a mount-point test. */
public final class Mounts {

  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1L << 18;
  public static final long MS_SLAVE = 1L << 19;

  public static final int MNT_DETACH = 2;

  /**
   * mount(2) copies its data argument into one page, NUL included; longer option strings must go
   * through {@link #mountConfigured}.
   */
  public static final int MOUNT_DATA_MAX = 4095;

  private static final int FSOPEN_CLOEXEC = 1;
  private static final int FSCONFIG_SET_FLAG = 0;
  private static final int FSCONFIG_SET_STRING = 1;
  private static final int FSCONFIG_CMD_CREATE = 6;
  private static final int FSMOUNT_CLOEXEC = 1;
  private static final int MOVE_MOUNT_F_EMPTY_PATH = 4;

  private static final MethodHandle MOUNT =
      Libc.function(
          "mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
  private static final MethodHandle UMOUNT2 =
      Libc.function("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

  private Mounts() {}

  /**
   * mount(2); {@code source}, {@code fsType} and {@code data} may be null where mount(2) allows.
   */
  public static void mount(String source, Path target, String fsType, long flags, String data)
      throws NativeIoException {
    if (data != null && data.getBytes(StandardCharsets.UTF_8).length > MOUNT_DATA_MAX) {
      throw new IllegalArgumentException(
          "mount " + target + ": options exceed one page; use Mounts.mountConfigured");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc =
          (int)
              MOUNT.invokeExact(
                  state,
                  Libc.cString(arena, source),
                  Libc.cString(arena, target.toString()),
                  Libc.cString(arena, fsType),
                  flags,
                  Libc.cString(arena, data));
      if (rc != 0) {
        throw new NativeIoException("mount", target.toString(), Libc.errno(state));
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /** umount2(2); {@code flags} is 0 or {@link #MNT_DETACH}. */
  public static void unmount(Path target, int flags) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) UMOUNT2.invokeExact(state, Libc.cString(arena, target.toString()), flags);
      if (rc != 0) {
        throw new NativeIoException("umount2", target.toString(), Libc.errno(state));
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /** One fsconfig(2) parameter: a string option, or a flag when {@code value} is null. */
  public record Option(String key, String value) {
    public Option {
      Objects.requireNonNull(key, "key");
    }

    public static Option flag(String key) {
      return new Option(key, null);
    }
  }

  /**
   * Mounts a new {@code fsType} filesystem at {@code target} through fsopen/fsconfig/fsmount/
   * move_mount (Linux 5.2). Options are handed over one call each, in order, so their total length
   * has no page limit and values need no escaping of ',' or ':'; overlayfs's repeatable {@code
   * lowerdir+} (Linux 6.8) is what makes deep layer stacks mountable. When the kernel refuses an
   * option, its own explanation is part of the exception.
   */
  public static void mountConfigured(String fsType, List<Option> options, Path target)
      throws NativeIoException {
    NewMountApi.mount(fsType, options, target);
  }

  /** Whether {@code path} is the mount point of some mount in this process's mount namespace. */
  public static boolean isMountPoint(Path path) throws IOException {
    if (!Files.exists(path)) {
      return false;
    }
    String wanted = path.toRealPath().toString();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      // Fields: id parent major:minor root mount-point options ...; the kernel escapes space, tab,
      // newline and backslash in paths as \ooo octal.
      String[] fields = line.split(" ", 6);
      if (fields.length > 4 && unescapeMountinfo(fields[4]).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  static String unescapeMountinfo(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    var bytes = new ByteArrayOutputStream(field.length());
    byte[] raw = field.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\\'
          && i + 3 < raw.length
          && isOctal(raw[i + 1])
          && isOctal(raw[i + 2])
          && isOctal(raw[i + 3])) {
        bytes.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
        i += 3;
      } else {
        bytes.write(raw[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte b) {
    return b >= '0' && b <= '7';
  }

  /**
   * Bound on first use only: the glibc wrappers for these calls arrived in 2.36, and a host with an
   * older C library should still be able to use the rest of this class.
   */
  private static final class NewMountApi {

    private static final MethodHandle FSOPEN =
        Libc.function("fsopen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FSCONFIG =
        Libc.function(
            "fsconfig",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle FSMOUNT =
        Libc.function("fsmount", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MOVE_MOUNT =
        Libc.function(
            "move_mount",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ =
        Libc.function("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    static void mount(String fsType, List<Option> options, Path target) throws NativeIoException {
      String where = target.toString();
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment state = Libc.callState(arena);
        int fsFd = (int) FSOPEN.invokeExact(state, Libc.cString(arena, fsType), FSOPEN_CLOEXEC);
        if (fsFd < 0) {
          throw new NativeIoException("fsopen " + fsType, where, Libc.errno(state));
        }
        try {
          for (Option option : options) {
            int cmd = option.value() == null ? FSCONFIG_SET_FLAG : FSCONFIG_SET_STRING;
            int rc =
                (int)
                    FSCONFIG.invokeExact(
                        state,
                        fsFd,
                        cmd,
                        Libc.cString(arena, option.key()),
                        Libc.cString(arena, option.value()),
                        0);
            if (rc != 0) {
              String call =
                  "fsconfig " + option.key() + (option.value() == null ? "" : "=" + option.value());
              throw refused(call, where, Libc.errno(state), fsFd);
            }
          }
          int rc =
              (int)
                  FSCONFIG.invokeExact(
                      state, fsFd, FSCONFIG_CMD_CREATE, MemorySegment.NULL, MemorySegment.NULL, 0);
          if (rc != 0) {
            throw refused("fsconfig create " + fsType, where, Libc.errno(state), fsFd);
          }
          int mountFd = (int) FSMOUNT.invokeExact(state, fsFd, FSMOUNT_CLOEXEC, 0);
          if (mountFd < 0) {
            throw refused("fsmount " + fsType, where, Libc.errno(state), fsFd);
          }
          try {
            rc =
                (int)
                    MOVE_MOUNT.invokeExact(
                        state,
                        mountFd,
                        arena.allocateFrom(""),
                        Libc.AT_FDCWD,
                        Libc.cString(arena, where),
                        MOVE_MOUNT_F_EMPTY_PATH);
            if (rc != 0) {
              throw new NativeIoException("move_mount", where, Libc.errno(state));
            }
          } finally {
            Libc.close(mountFd);
          }
        } finally {
          Libc.close(fsFd);
        }
      } catch (NativeIoException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw Libc.unexpected(t);
      }
    }

    /** The failure, with the messages the kernel logged on the filesystem context, if any. */
    private static NativeIoException refused(String call, String where, int errno, int fsFd)
        throws Throwable {
      StringBuilder log = new StringBuilder();
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment state = Libc.callState(arena);
        MemorySegment buffer = arena.allocate(1024);
        while (true) {
          long n = (long) READ.invokeExact(state, fsFd, buffer, buffer.byteSize());
          if (n <= 0) {
            break;
          }
          // Each read returns one message, led by its level: "e overlay: Unknown parameter 'x'".
          String message =
              new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8).strip();
          if (message.length() > 2 && message.charAt(1) == ' ') {
            message = message.substring(2);
          }
          log.append(log.isEmpty() ? "" : "; ").append(message);
        }
      }
      return log.isEmpty()
          ? new NativeIoException(call, where, errno)
          : new NativeIoException(call, where, errno, log.toString());
    }
  }
}
