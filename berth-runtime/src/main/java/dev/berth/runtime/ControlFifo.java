package dev.berth.runtime;

import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.sys.Errno;
import dev.berth.sys.Fifos;
import dev.berth.sys.NativeIoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * conmon's control fifo ({@code ctl} in the directory it serves the attach socket from): one line
 * per request, {@code "<type> <height> <width>\n"}, type 1 resizing the terminal. conmon queues a
 * resize until it holds the terminal, so it may be sent as soon as the fifo exists.
 */
final class ControlFifo {

  private static final int RESIZE = 1;

  private ControlFifo() {}

  static Path of(Path dir) {
    return dir.resolve("ctl");
  }

  static void resize(Path fifo, int height, int width, String owner) {
    byte[] line = (RESIZE + " " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      Fifos.write(fifo, line);
    } catch (NativeIoException e) {
      if (e.errno() == Errno.ENXIO || e.errno() == Errno.ENOENT) {
        throw new ConflictException(owner + " is not running");
      }
      throw new InternalException(owner + ": resizing its terminal: " + e.getMessage(), e);
    }
  }
}
