package dev.berth.daemon.http;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes arriving on a connection (a request body, or the client side of a hijacked connection),
 * read by a handler on its virtual thread. The event loop offers buffers; when more than {@link
 * #HIGH_WATER} bytes wait unread the connection stops reading from the socket until the reader has
 * drained them below {@link #LOW_WATER}: TCP flow control then slows the client down.
 */
final class BodyStream extends InputStream {

  static final int HIGH_WATER = 1 << 20;
  static final int LOW_WATER = 256 << 10;

  /** After a response, this many unread body bytes are dropped before the connection is closed. */
  static final long DISCARD_LIMIT = 256 << 10;

  private final HttpConnection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final ArrayDeque<ByteBuf> buffers = new ArrayDeque<>();
  private long buffered;
  private boolean ended;
  private IOException failure;
  private boolean discarding;
  private long discarded;
  private boolean paused;
  private boolean closed;

  BodyStream(HttpConnection connection) {
    this.connection = connection;
  }

  /** An already ended, empty stream. */
  static BodyStream empty() {
    BodyStream s = new BodyStream(null);
    s.ended = true;
    return s;
  }

  // ---- event loop side ----

  /** Takes ownership of {@code buf}. Returns false when discarding went past its limit. */
  boolean offer(ByteBuf buf) {
    int n = buf.readableBytes();
    lock.lock();
    try {
      if (n == 0 || ended) {
        buf.release();
        return true;
      }
      if (discarding) {
        buf.release();
        discarded += n;
        return discarded <= DISCARD_LIMIT;
      }
      buffers.add(buf);
      buffered += n;
      if (buffered >= HIGH_WATER && !paused && connection != null) {
        paused = true;
        connection.pressureChanged(this);
      }
      available.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The sender finished (end of body, or the client half-closed a hijacked connection). */
  void end() {
    lock.lock();
    try {
      ended = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The body was cut short; readers get {@code cause} once the buffered bytes are consumed. */
  void fail(IOException cause) {
    lock.lock();
    try {
      if (!ended && failure == null) {
        failure = cause;
      }
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Drops what is buffered and whatever comes later (the response went out without reading it). */
  void discard() {
    boolean resume;
    lock.lock();
    try {
      discarding = true;
      releaseAll();
      resume = paused;
      paused = false;
      available.signalAll();
    } finally {
      lock.unlock();
    }
    if (resume) {
      connection.pressureChanged(this);
    }
  }

  boolean isPaused() {
    lock.lock();
    try {
      return paused;
    } finally {
      lock.unlock();
    }
  }

  boolean isEnded() {
    lock.lock();
    try {
      return ended;
    } finally {
      lock.unlock();
    }
  }

  // ---- reader side ----

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    boolean resume = false;
    int total = 0;
    lock.lock();
    try {
      while (buffers.isEmpty()) {
        if (closed) {
          throw new IOException("stream closed");
        }
        if (failure != null) {
          throw failure;
        }
        if (ended || discarding) {
          return -1;
        }
        try {
          available.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading the request body");
        }
      }
      while (total < len && !buffers.isEmpty()) {
        ByteBuf head = buffers.peek();
        int n = Math.min(len - total, head.readableBytes());
        head.readBytes(b, off + total, n);
        total += n;
        if (!head.isReadable()) {
          buffers.poll().release();
        }
      }
      buffered -= total;
      if (paused && buffered <= LOW_WATER) {
        paused = false;
        resume = true;
      }
    } finally {
      lock.unlock();
    }
    if (resume) {
      connection.pressureChanged(this);
    }
    return total;
  }

  @Override
  public int available() {
    lock.lock();
    try {
      return (int) Math.min(Integer.MAX_VALUE, buffered);
    } finally {
      lock.unlock();
    }
  }

  /** Closing drops unread bytes; the server decides whether the connection can be reused. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
    discard();
  }

  private void releaseAll() {
    ByteBuf b;
    while ((b = buffers.poll()) != null) {
      b.release();
    }
    buffered = 0;
  }
}
