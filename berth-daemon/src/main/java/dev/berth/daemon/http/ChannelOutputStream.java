package dev.berth.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The output of a streamed response or a hijacked connection, written on a handler's virtual
 * thread. Bytes collect in a buffer; {@link #flush()} (or a full buffer) sends them, as one HTTP
 * chunk or as raw bytes on a hijacked connection, and then waits while the connection's outbound
 * buffer is above its high-water mark. Writes after the client went away throw {@link IOException}.
 */
final class ChannelOutputStream extends OutputStream {

  static final int CHUNK = 32 << 10;

  private final HttpConnection connection;
  private final HttpConnection.Exchange exchange;
  private final Channel channel;
  private final boolean raw;
  /** The response head, until it is sent (HTTP mode only). */
  private HttpResponse head;
  private ByteBuf buffer;
  private boolean closed;

  /** HTTP mode: sends {@code head} at the first flush, then chunks (or raw bytes for HTTP/1.0). */
  ChannelOutputStream(HttpConnection connection, HttpConnection.Exchange exchange, HttpResponse head) {
    this.connection = connection;
    this.exchange = exchange;
    this.channel = connection.channel();
    this.raw = false;
    this.head = head;
  }

  /** Raw mode: a hijacked connection whose response head was already written. */
  ChannelOutputStream(HttpConnection connection, HttpConnection.Exchange exchange) {
    this.connection = connection;
    this.exchange = exchange;
    this.channel = connection.channel();
    this.raw = true;
    this.head = null;
  }

  /** True once the response head went out: errors can no longer become an error response. */
  boolean committed() {
    return head == null;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (buffer == null) {
      buffer = channel.alloc().buffer(256, CHUNK);
    }
    buffer.writeByte(b);
    if (buffer.readableBytes() >= CHUNK) {
      send();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      if (buffer == null) {
        buffer = channel.alloc().buffer(Math.min(Math.max(len, 256), CHUNK), CHUNK);
      }
      int n = Math.min(len, CHUNK - buffer.readableBytes());
      buffer.writeBytes(b, off, n);
      off += n;
      len -= n;
      if (buffer.readableBytes() >= CHUNK) {
        send();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    send();
  }

  /** Sends the head (if still pending) and the buffered bytes, then waits for writability. */
  private void send() throws IOException {
    HttpResponse h = head;
    ByteBuf b = buffer;
    head = null;
    buffer = null;
    Object content = null;
    if (b != null && b.isReadable()) {
      content = raw ? b : new DefaultHttpContent(b);
    } else if (b != null) {
      b.release();
    }
    connection.writeFromHandler(h, content);
    connection.awaitWritable();
  }

  /**
   * Ends the stream normally. In HTTP mode a stream whose head is still pending goes out as a plain
   * response with a Content-Length (what Go's server does for small handler output).
   */
  void finish() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (raw) {
      ByteBuf b = buffer;
      buffer = null;
      if (b != null && b.isReadable()) {
        connection.writeFromHandler(null, b);
      } else if (b != null) {
        b.release();
      }
      return;
    }
    HttpResponse h = head;
    ByteBuf b = buffer;
    head = null;
    buffer = null;
    connection.finishStream(exchange, h, b);
  }

  /** Drops what was not sent; used when the stream failed before its head went out. */
  void discard() {
    closed = true;
    head = null;
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  /** Closing flushes; the server ends the response (or connection) when the handler returns. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      flush();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (!channel.isActive()) {
      discard();
      throw new IOException("client disconnected");
    }
  }
}
