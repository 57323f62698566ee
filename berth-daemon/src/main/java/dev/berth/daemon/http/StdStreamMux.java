package dev.berth.daemon.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Docker's multiplexed stream framing (attach, logs and exec without a TTY): each frame is an
 * 8-byte header {@code [type, 0, 0, 0, size as uint32 big-endian]} followed by {@code size} bytes,
 * type 0 stdin, 1 stdout, 2 stderr, 3 systemerr. Writes from several threads (a stdout and a
 * stderr pump) are serialized per frame.
 */
public final class StdStreamMux {

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int SYSTEMERR = 3;

  /** Larger writes are split in frames of at most this size. */
  static final int MAX_FRAME = 1 << 20;

  private final OutputStream out;
  private final boolean autoFlush;

  /** Frames into {@code out}, flushing after each frame. */
  public StdStreamMux(OutputStream out) {
    this(out, true);
  }

  public StdStreamMux(OutputStream out, boolean autoFlush) {
    this.out = Objects.requireNonNull(out, "out");
    this.autoFlush = autoFlush;
  }

  /** The 8-byte header of a frame. */
  public static byte[] header(int streamType, int size) {
    if (streamType < 0 || streamType > 3) {
      throw new IllegalArgumentException("stream type " + streamType);
    }
    return new byte[] {
      (byte) streamType, 0, 0, 0, (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8),
      (byte) size
    };
  }

  /** Writes {@code len} bytes as frames of {@code streamType}. Empty writes send nothing. */
  public void write(int streamType, byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    synchronized (this) {
      while (len > 0) {
        int n = Math.min(len, MAX_FRAME);
        out.write(header(streamType, n));
        out.write(b, off, n);
        off += n;
        len -= n;
      }
      if (autoFlush) {
        out.flush();
      }
    }
  }

  public void flush() throws IOException {
    synchronized (this) {
      out.flush();
    }
  }

  /** A view that frames everything written to it as {@code streamType}. */
  public OutputStream stream(int streamType) {
    header(streamType, 0); // validates
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        StdStreamMux.this.write(streamType, new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        StdStreamMux.this.write(streamType, b, off, len);
      }

      @Override
      public void flush() throws IOException {
        StdStreamMux.this.flush();
      }
    };
  }

  public OutputStream stdout() {
    return stream(STDOUT);
  }

  public OutputStream stderr() {
    return stream(STDERR);
  }
}
