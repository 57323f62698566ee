package dev.berth.sys;

import java.io.IOException;

/**
 * A Linux call that failed. The message names the call, the path it acted on and the C library's
 * text for the errno, so a log line is enough to see what went wrong where; callers branch on
 * {@link #errno()} against the constants in {@link Errno}.
 */
public final class NativeIoException extends IOException {

  private final int errno;

  /** A failure of {@code call} on {@code path}: "mount /x: Device or resource busy (errno 16)". */
  public NativeIoException(String call, String path, int errno) {
    super(call + " " + path + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
    this.errno = errno;
  }

  /**
   * As above, with the kernel's own explanation appended; the new mount API reports why it refused
   * an option ("overlay: failed to resolve ..."), which errno alone cannot say.
   */
  public NativeIoException(String call, String path, int errno, String kernelMessage) {
    super(
        call
            + " "
            + path
            + ": "
            + Libc.strerror(errno)
            + " (errno "
            + errno
            + "): "
            + kernelMessage);
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }
}
