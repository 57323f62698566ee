package dev.berth.client.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Docker's multiplexed stream (attach, logs, exec without a TTY): frames of an 8-byte header
 * {@code [type, 0, 0, 0, size uint32 big-endian]} and {@code size} bytes; type 0 (stdin) and 1
 * go to stdout, 2 to stderr, 3 is an error from the daemon.
 */
public final class StdStreamDemux {

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int SYSTEMERR = 3;

  /** One frame. */
  public record Frame(int stream, byte[] data) {}

  private final InputStream in;
  private final byte[] header = new byte[8];

  public StdStreamDemux(InputStream in) {
    this.in = in;
  }

  /** The next frame, or null at a clean end of stream. */
  public Frame next() throws IOException {
    int n = in.readNBytes(header, 0, 8);
    if (n == 0) {
      return null;
    }
    if (n < 8) {
      throw new EOFException("multiplexed stream cut inside a frame header");
    }
    int type = header[0] & 0xff;
    if (type > SYSTEMERR) {
      throw new IOException("unrecognized stream type " + type + " in multiplexed stream");
    }
    long size =
        (header[4] & 0xffL) << 24 | (header[5] & 0xff) << 16 | (header[6] & 0xff) << 8 | (header[7] & 0xff);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("frame too large: " + size);
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("multiplexed stream cut inside a frame");
    }
    return new Frame(type, data);
  }

  /**
   * Copies every frame to its sink until end of stream, flushing after each frame. A systemerr
   * frame ends the copy with an IOException carrying the daemon's message.
   */
  public static void copy(InputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
    StdStreamDemux demux = new StdStreamDemux(in);
    Frame f;
    while ((f = demux.next()) != null) {
      switch (f.stream()) {
        case STDIN, STDOUT -> {
          stdout.write(f.data());
          stdout.flush();
        }
        case STDERR -> {
          stderr.write(f.data());
          stderr.flush();
        }
        default ->
            throw new IOException(
                "error from daemon in stream: " + new String(f.data(), StandardCharsets.UTF_8));
      }
    }
  }
}
