package dev.berth.client.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One connection to the daemon with HTTP/1.1 read buffering on top of a raw byte channel. A
 * subclass supplies the raw channel: {@link UnixConnection} today; a TLS connection over TCP
 * plugs in the same way (see {@link Dialer}). Reads and writes may happen on two threads at once
 * (a hijacked stream), but each direction from one thread at a time.
 */
abstract class Connection implements AutoCloseable {

  private static final int MAX_LINE = 1 << 20;

  private final byte[] buf = new byte[16 << 10];
  private int pos;
  private int limit;
  private volatile boolean closed;

  /** Reads at least one byte into {@code b}, or returns -1 at end of stream. */
  protected abstract int readRaw(byte[] b, int off, int len) throws IOException;

  protected abstract void writeRaw(byte[] b, int off, int len) throws IOException;

  /** Half-close: the daemon reads end-of-stream; we can still read. */
  abstract void shutdownOutput() throws IOException;

  protected abstract void closeRaw() throws IOException;

  /** A description for error messages, e.g. {@code unix:///run/berth.sock}. */
  abstract String endpoint();

  final void write(byte[] b) throws IOException {
    writeRaw(b, 0, b.length);
  }

  final void write(byte[] b, int off, int len) throws IOException {
    writeRaw(b, off, len);
  }

  /** Reads buffered bytes first, then from the channel; -1 at end of stream. */
  final int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos < limit) {
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
    if (len >= buf.length) {
      return readRaw(b, off, len);
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  final int read() throws IOException {
    if (pos >= limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /** A CRLF- (or LF-) terminated line without its terminator; null at end of stream. */
  final String readLine() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos >= limit && !fill()) {
        if (line == null) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a line");
      }
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      if (pos < limit) {
        int end = pos;
        pos++; // skip \n
        String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
        String s = line == null ? part : line.append(part).toString();
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line == null) {
        line = new StringBuilder();
      }
      line.append(new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
      if (line.length() > MAX_LINE) {
        throw new IOException("response line too long");
      }
    }
  }

  private boolean fill() throws IOException {
    pos = 0;
    limit = 0;
    int n = readRaw(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    limit = n;
    return true;
  }

  private volatile boolean broken;

  /** Never reuse this connection (a write failed on it). */
  void markBroken() {
    broken = true;
  }

  boolean isBroken() {
    return broken;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeRaw();
    } catch (IOException ignored) {
      // nothing left to do with a connection we are dropping
    }
  }
}
