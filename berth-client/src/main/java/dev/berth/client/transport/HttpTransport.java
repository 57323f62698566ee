package dev.berth.client.transport;

import dev.berth.api.errors.BerthException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small blocking HTTP/1.1 client for the Engine API. Connections are kept alive and reused (a
 * pool of up to {@value #MAX_IDLE} idle ones); {@link #hijack} opens a dedicated connection for
 * attach/exec. Thread-safe: concurrent {@link #send} calls use separate connections.
 *
 * <pre>{@code
 * try (HttpTransport t = HttpTransport.unix(Path.of("/run/berth.sock"));
 *      Response r = t.send(Request.get("/v1.47/version")).orThrow()) {
 *   byte[] json = r.bodyBytes();
 * }
 * }</pre>
 *
 * Transport failures are {@link IOException}s; error statuses are not thrown by {@link #send}
 * (call {@link Response#orThrow()}), but are by {@link #hijack}.
 */
public final class HttpTransport implements AutoCloseable {

  static final int MAX_IDLE = 8;
  private static final int SINGLE_WRITE_LIMIT = 64 << 10;
  private static final int DRAIN_LIMIT = 64 << 10;
  private static final String DEFAULT_HOST = "api.moby.localhost";

  private final Dialer dialer;
  private final String host;
  private final String userAgent;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  HttpTransport(Dialer dialer, String host, String userAgent) {
    this.dialer = Objects.requireNonNull(dialer, "dialer");
    this.host = host;
    this.userAgent = userAgent;
  }

  /** A transport to a daemon listening on a unix socket. */
  public static HttpTransport unix(Path socket) {
    Path s = socket.toAbsolutePath();
    return new HttpTransport(() -> UnixConnection.open(s), DEFAULT_HOST, "berth-client");
  }

  /** Sends a request and returns the response once its headers arrived. */
  public Response send(Request request) throws IOException {
    if (closed) {
      throw new IOException("transport closed");
    }
    Connection c = takeIdle();
    if (c != null) {
      try {
        return exchange(c, request);
      } catch (NoResponse e) {
        // The daemon had closed this idle connection: retry once on a fresh one when safe.
        if (!request.replayable()) {
          throw new IOException("connection closed by the daemon", e);
        }
      }
    }
    try {
      return exchange(dialer.dial(), request);
    } catch (NoResponse e) {
      throw new IOException("connection closed by the daemon before it answered", e);
    }
  }

  /**
   * Writes the request and reads the response head. When writing fails on the socket, the daemon
   * may still have answered (an error sent before it read the whole body): read that answer.
   */
  private Response exchange(Connection c, Request request) throws IOException {
    IOException writeFailure = null;
    try {
      writeRequest(c, request, false);
    } catch (BodySourceFailure e) {
      c.close();
      throw e.source();
    } catch (IOException e) {
      writeFailure = e;
      c.markBroken();
    }
    try {
      return readResponse(c, request);
    } catch (IOException | RuntimeException e) {
      c.close();
      if (writeFailure != null) {
        e.addSuppressed(writeFailure);
      }
      throw e;
    }
  }

  /**
   * Sends {@code request} with {@code Connection: Upgrade} and {@code Upgrade: tcp} on a new
   * connection and returns the raw duplex once the daemon answered 101 (or 200 with a raw stream).
   *
   * @throws BerthException when the daemon answered with an error status (e.g. no such container)
   */
  public HijackedStream hijack(Request request) throws IOException {
    if (closed) {
      throw new IOException("transport closed");
    }
    Connection c = dialer.dial();
    try {
      writeRequest(c, request, true);
      Head head = readHead(c);
      String contentType = head.headers.first("Content-Type");
      if (head.status == 101
          || head.status == 200
              && contentType != null
              && contentType.startsWith("application/vnd.docker.")) {
        return new HijackedStream(c, head.status, contentType);
      }
      c.markBroken(); // the daemon closes a connection whose upgrade it refused
      byte[] body;
      try (InputStream in = body(c, request, head)) {
        body = in.readNBytes(1 << 20);
      }
      c.close();
      if (ErrorDecoder.isError(head.status)) {
        throw ErrorDecoder.decode(head.status, body);
      }
      throw new IOException("unable to upgrade to tcp, received " + head.status);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      Connection c;
      while ((c = idle.poll()) != null) {
        c.close();
      }
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ pool

  private Connection takeIdle() {
    lock.lock();
    try {
      return idle.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  /** A response body ended cleanly: keep the connection for the next request. */
  void release(Connection c, boolean reusable) {
    if (!reusable || closed || c.isClosed() || c.isBroken()) {
      c.close();
      return;
    }
    lock.lock();
    try {
      if (idle.size() < MAX_IDLE && !closed) {
        idle.addFirst(c);
        return;
      }
    } finally {
      lock.unlock();
    }
    c.close();
  }

  int idleCount() {
    lock.lock();
    try {
      return idle.size();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ writing

  private void writeRequest(Connection c, Request r, boolean hijack) throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
    boolean hasUserAgent = false;
    boolean hasContentType = false;
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      switch (name) {
        case "host", "content-length", "transfer-encoding" -> {
          continue;
        }
        case "connection", "upgrade" -> {
          if (hijack) {
            continue;
          }
        }
        case "user-agent" -> hasUserAgent = true;
        case "content-type" -> hasContentType = true;
        default -> {}
      }
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (!hasUserAgent && userAgent != null) {
      sb.append("User-Agent: ").append(userAgent).append("\r\n");
    }
    if (hijack) {
      sb.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
    }
    Request.Body body = r.body();
    if (body != null && body.contentType() != null && !hasContentType) {
      sb.append("Content-Type: ").append(body.contentType()).append("\r\n");
    }
    switch (body) {
      case null -> {
        if (r.method().equals("POST") || r.method().equals("PUT")) {
          sb.append("Content-Length: 0\r\n");
        }
      }
      case Request.Bytes b -> sb.append("Content-Length: ").append(b.data().length).append("\r\n");
      case Request.Stream s -> {
        if (s.length() >= 0) {
          sb.append("Content-Length: ").append(s.length()).append("\r\n");
        } else {
          sb.append("Transfer-Encoding: chunked\r\n");
        }
      }
    }
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    switch (body) {
      case null -> c.write(head);
      case Request.Bytes b -> {
        byte[] data = b.data();
        if (data.length <= SINGLE_WRITE_LIMIT) {
          byte[] all = new byte[head.length + data.length];
          System.arraycopy(head, 0, all, 0, head.length);
          System.arraycopy(data, 0, all, head.length, data.length);
          c.write(all);
        } else {
          c.write(head);
          c.write(data);
        }
      }
      case Request.Stream s -> {
        c.write(head);
        if (s.length() >= 0) {
          copyFixed(s.in(), c, s.length());
        } else {
          copyChunked(s.in(), c);
        }
      }
    }
  }

  private static void copyFixed(InputStream in, Connection c, long length) throws IOException {
    byte[] buf = new byte[64 << 10];
    long left = length;
    while (left > 0) {
      int n = readSource(in, buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new BodySourceFailure(
            new EOFException("request body ended " + left + " bytes short of its length"));
      }
      c.write(buf, 0, n);
      left -= n;
    }
  }

  /** Sends {@code in} as chunks, one per read, so a slow producer's data goes out promptly. */
  private static void copyChunked(InputStream in, Connection c) throws IOException {
    final int reserve = 10; // up to 8 hex digits and CRLF before the data
    byte[] buf = new byte[reserve + (64 << 10) + 2];
    int n;
    while ((n = readSource(in, buf, reserve, buf.length - reserve - 2)) >= 0) {
      if (n == 0) {
        continue;
      }
      byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      int start = reserve - size.length;
      System.arraycopy(size, 0, buf, start, size.length);
      buf[reserve + n] = '\r';
      buf[reserve + n + 1] = '\n';
      c.write(buf, start, size.length + n + 2);
    }
    c.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  // ------------------------------------------------------------------ reading

  private record Head(int status, String reason, boolean keepAlive, Headers headers) {}

  private Head readHead(Connection c) throws IOException {
    boolean first = true;
    while (true) {
      String statusLine;
      try {
        statusLine = c.readLine();
      } catch (IOException e) {
        if (first) {
          throw new NoResponse(e); // e.g. reset: the daemon had closed an idle connection
        }
        throw e;
      }
      first = false;
      if (statusLine == null) {
        throw new NoResponse(null);
      }
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new IOException("malformed status line: " + statusLine);
      }
      int status;
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new IOException("malformed status line: " + statusLine, e);
      }
      String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
      Headers headers = new Headers();
      String line;
      while (true) {
        line = c.readLine();
        if (line == null) {
          throw new EOFException("connection closed inside the response headers");
        }
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed header line: " + line);
        }
        headers.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
      if (status >= 100 && status < 200 && status != 101) {
        continue; // 100 Continue and other interim responses
      }
      boolean http11 = statusLine.charAt(7) == '1';
      boolean keepAlive =
          http11
              ? !headers.hasToken("Connection", "close")
              : headers.hasToken("Connection", "keep-alive");
      return new Head(status, reason, keepAlive, headers);
    }
  }

  private Response readResponse(Connection c, Request request) throws IOException {
    Head head = readHead(c);
    return new Response(head.status, head.reason, head.headers, body(c, request, head));
  }

  private InputStream body(Connection c, Request request, Head head) throws IOException {
    int status = head.status;
    if (request.method().equals("HEAD") || status == 204 || status == 304 || status == 101) {
      release(c, head.keepAlive && status != 101);
      return InputStream.nullInputStream();
    }
    String te = head.headers.first("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new ChunkedBody(c, head.keepAlive);
    }
    String cl = head.headers.first("Content-Length");
    if (cl != null) {
      long length;
      try {
        length = Long.parseLong(cl.strip());
      } catch (NumberFormatException e) {
        throw new IOException("malformed Content-Length: " + cl, e);
      }
      if (length == 0) {
        release(c, head.keepAlive);
        return InputStream.nullInputStream();
      }
      return new FixedBody(c, length, head.keepAlive);
    }
    return new UntilCloseBody(c);
  }

  /** A body of known length. */
  private final class FixedBody extends InputStream {
    private final Connection c;
    private final boolean keepAlive;
    private long remaining;
    private boolean done;

    FixedBody(Connection c, long length, boolean keepAlive) {
      this.c = c;
      this.remaining = length;
      this.keepAlive = keepAlive;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (remaining == 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = c.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        finish(false);
        throw new EOFException("response body cut short: " + remaining + " bytes missing");
      }
      remaining -= n;
      if (remaining == 0) {
        finish(keepAlive);
      }
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(remaining, Integer.MAX_VALUE);
    }

    private void finish(boolean reusable) {
      if (!done) {
        done = true;
        release(c, reusable);
      }
    }

    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      if (remaining <= DRAIN_LIMIT) {
        byte[] sink = new byte[(int) remaining];
        try {
          while (remaining > 0 && read(sink, 0, (int) remaining) >= 0) {
            // drain so the connection can be reused
          }
        } catch (IOException e) {
          finish(false);
        }
      }
      finish(false);
    }
  }

  /** A chunked body. Closing before the end drops the connection (it may be an endless stream). */
  private final class ChunkedBody extends InputStream {
    private final Connection c;
    private final boolean keepAlive;
    private long chunkLeft;
    private boolean afterChunk;
    private boolean eof;
    private boolean done;

    ChunkedBody(Connection c, boolean keepAlive) {
      this.c = c;
      this.keepAlive = keepAlive;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (eof) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      try {
        if (chunkLeft == 0) {
          if (!nextChunk()) {
            return -1;
          }
        }
        int n = c.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
          throw new EOFException("chunked response body cut short");
        }
        chunkLeft -= n;
        afterChunk = chunkLeft == 0;
        return n;
      } catch (IOException e) {
        finish(false);
        throw e;
      }
    }

    /** Reads the next chunk header; false (and the connection released) after the last chunk. */
    private boolean nextChunk() throws IOException {
      if (afterChunk) {
        String crlf = c.readLine();
        if (crlf == null || !crlf.isEmpty()) {
          throw new IOException("malformed chunked body");
        }
        afterChunk = false;
      }
      String sizeLine = c.readLine();
      if (sizeLine == null) {
        throw new EOFException("chunked response body cut short");
      }
      int semi = sizeLine.indexOf(';');
      String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size: " + sizeLine, e);
      }
      if (size < 0) {
        throw new IOException("malformed chunk size: " + sizeLine);
      }
      if (size == 0) {
        String trailer;
        while ((trailer = c.readLine()) != null && !trailer.isEmpty()) {
          // trailers are ignored
        }
        eof = true;
        finish(keepAlive && trailer != null);
        return false;
      }
      chunkLeft = size;
      return true;
    }

    private void finish(boolean reusable) {
      if (!done) {
        done = true;
        release(c, reusable);
      }
    }

    @Override
    public void close() {
      finish(false);
    }
  }

  /** A body that ends when the daemon closes the connection. */
  private static final class UntilCloseBody extends InputStream {
    private final Connection c;

    UntilCloseBody(Connection c) {
      this.c = c;
    }

    @Override
    public int read() throws IOException {
      int b = c.isClosed() ? -1 : c.read();
      if (b < 0) {
        c.close();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (c.isClosed()) {
        return -1;
      }
      int n = c.read(b, off, len);
      if (n < 0) {
        c.close();
      }
      return n;
    }

    @Override
    public void close() {
      c.close();
    }
  }

  /** The daemon closed the connection before sending a status line. */
  private static final class NoResponse extends IOException {
    NoResponse(IOException cause) {
      super("connection closed before a response", cause);
    }
  }

  /** Reading the caller's body stream failed (not the socket). */
  private static final class BodySourceFailure extends IOException {
    BodySourceFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }

    IOException source() {
      return (IOException) getCause();
    }
  }

  private static int readSource(InputStream in, byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw new BodySourceFailure(e);
    }
  }
}
