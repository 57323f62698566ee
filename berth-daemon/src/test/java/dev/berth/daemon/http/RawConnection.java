package dev.berth.daemon.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A test client speaking raw HTTP/1.1 over a unix socket, so tests see exact bytes. */
final class RawConnection implements AutoCloseable {

  record Reply(int status, String reason, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final SocketChannel ch;
  private final ByteBuffer in = ByteBuffer.allocate(1 << 16).flip();

  RawConnection(Path socket) throws IOException {
    ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
  }

  SocketChannel channel() {
    return ch;
  }

  void send(String s) throws IOException {
    send(s.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] b) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(b);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  Reply request(String method, String target) throws IOException {
    send(method + " " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    return readReply(method.equals("HEAD"));
  }

  Reply request(String method, String target, String contentType, byte[] body) throws IOException {
    send(
        method
            + " "
            + target
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n");
    send(body);
    return readReply(false);
  }

  /** Reads status line and headers; the body is left unread. */
  Reply readHead() throws IOException {
    String status = readLine();
    if (status == null) {
      throw new EOFException("connection closed before a response");
    }
    String[] parts = status.split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while (!(line = readLine()).isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      rawHeaderNames.append(line, 0, colon).append('\n');
    }
    return new Reply(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers, new byte[0]);
  }

  final StringBuilder rawHeaderNames = new StringBuilder();

  Reply readReply(boolean headOnly) throws IOException {
    Reply head = readHead();
    if (headOnly || head.status() == 204 || head.status() == 304) {
      return head;
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk;
      while ((chunk = readChunk()) != null) {
        out.writeBytes(chunk);
      }
      body = out.toByteArray();
    } else if (head.header("content-length") != null) {
      body = readN(Integer.parseInt(head.header("content-length")));
    } else {
      body = readToEnd();
    }
    return new Reply(head.status(), head.reason(), head.headers(), body);
  }

  /** One chunk of a chunked body; null after the last one. */
  byte[] readChunk() throws IOException {
    String sizeLine = readLine();
    int size = Integer.parseInt(sizeLine.strip(), 16);
    if (size == 0) {
      readLine(); // the empty line after the last chunk (no trailers)
      return null;
    }
    byte[] b = readN(size);
    readLine();
    return b;
  }

  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = readByte();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
  }

  int readByte() throws IOException {
    if (!in.hasRemaining() && !fill()) {
      return -1;
    }
    return in.get() & 0xff;
  }

  byte[] readN(int n) throws IOException {
    byte[] b = new byte[n];
    int off = 0;
    while (off < n) {
      if (!in.hasRemaining() && !fill()) {
        throw new EOFException("expected " + n + " bytes, got " + off);
      }
      int k = Math.min(n - off, in.remaining());
      in.get(b, off, k);
      off += k;
    }
    return b;
  }

  byte[] readToEnd() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (in.hasRemaining() || fill()) {
      byte[] b = new byte[in.remaining()];
      in.get(b);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private boolean fill() throws IOException {
    in.compact();
    int n = ch.read(in);
    in.flip();
    return n > 0;
  }

  void shutdownOutput() throws IOException {
    ch.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
