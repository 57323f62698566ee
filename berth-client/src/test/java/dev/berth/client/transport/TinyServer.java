package dev.berth.client.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A raw HTTP test server on a unix socket: each connection runs a script on a virtual thread. */
final class TinyServer implements AutoCloseable {

  @FunctionalInterface
  interface Script {
    void run(Conn conn) throws Exception;
  }

  /** One accepted connection. */
  static final class Conn {
    final SocketChannel ch;
    final InputStream in;
    final OutputStream out;

    Conn(SocketChannel ch) {
      this.ch = ch;
      this.in = new java.io.BufferedInputStream(Channels.newInputStream(ch));
      this.out = Channels.newOutputStream(ch);
    }

    record Req(String method, String target, Map<String, String> headers, byte[] body) {
      String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
      }
    }

    /** Reads one request (body by Content-Length or chunked); null at end of stream. */
    Req readRequest() throws IOException {
      Req head = readHead();
      if (head == null) {
        return null;
      }
      byte[] body = new byte[0];
      if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
          int size = Integer.parseInt(line().strip(), 16);
          if (size == 0) {
            line();
            break;
          }
          b.writeBytes(in.readNBytes(size));
          line();
        }
        body = b.toByteArray();
      } else if (head.header("content-length") != null) {
        body = in.readNBytes(Integer.parseInt(head.header("content-length")));
      }
      return new Req(head.method(), head.target(), head.headers(), body);
    }

    Req readHead() throws IOException {
      String first = line();
      if (first == null) {
        return null;
      }
      String[] p = first.split(" ");
      Map<String, String> h = new LinkedHashMap<>();
      String l;
      while (!(l = line()).isEmpty()) {
        int c = l.indexOf(':');
        h.put(l.substring(0, c).toLowerCase(Locale.ROOT), l.substring(c + 1).strip());
      }
      return new Req(p[0], p[1], h, null);
    }

    String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          if (b.size() == 0) {
            return null;
          }
          throw new EOFException();
        }
        b.write(c);
      }
      String s = b.toString(StandardCharsets.ISO_8859_1);
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    void send(String s) throws IOException {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void json(int status, String json) throws IOException {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      send("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n" + json);
    }
  }

  final Path socket;
  private final ServerSocketChannel server;
  final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  TinyServer(Path socket, Script script) throws IOException {
    this.socket = socket;
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (server.isOpen()) {
                    try {
                      SocketChannel ch = server.accept();
                      accepted.incrementAndGet();
                      Thread.ofVirtual()
                          .start(
                              () -> {
                                try (ch) {
                                  script.run(new Conn(ch));
                                } catch (Exception e) {
                                  // scripts end by closing; failures show up in client asserts
                                }
                              });
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
