package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted Engine API on a unix socket for command tests: records every request and answers
 * through a handler, which may also take over the connection (attach, slow wait bodies).
 */
final class FakeDaemon implements AutoCloseable {

  /** One request. */
  record Req(String method, String target, Map<String, String> headers, byte[] body) {
    String path() {
      int q = target.indexOf('?');
      String p = q < 0 ? target : target.substring(0, q);
      return p.replaceFirst("^/v[0-9.]+", "");
    }

    Map<String, List<String>> query() {
      Map<String, List<String>> m = new LinkedHashMap<>();
      int q = target.indexOf('?');
      if (q >= 0) {
        for (String kv : target.substring(q + 1).split("&")) {
          int eq = kv.indexOf('=');
          String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
          m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
      }
      return m;
    }

    String param(String k) {
      List<String> v = query().get(k);
      return v == null ? null : v.get(0);
    }

    String bodyString() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return method + " " + path();
    }
  }

  /** Answers a request by writing a full HTTP response to {@code out}; false closes the connection. */
  @FunctionalInterface
  interface Handler {
    boolean handle(Req req, OutputStream out) throws IOException;
  }

  final Path socket;
  final List<Req> requests = new CopyOnWriteArrayList<>();
  private final ServerSocketChannel server;
  private final Handler handler;
  private final Thread acceptor;

  FakeDaemon(Path dir, Handler handler) throws IOException {
    this.socket = dir.resolve("fake.sock");
    Files.deleteIfExists(socket);
    this.handler = handler;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  String host() {
    return "unix://" + socket;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        Thread.ofVirtual().start(() -> serve(ch));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel ch) {
    try (ch) {
      InputStream in = Channels.newInputStream(ch);
      OutputStream out = Channels.newOutputStream(ch);
      while (true) {
        Req r = read(in);
        if (r == null) {
          return;
        }
        requests.add(r);
        if (!handler.handle(r, out)) {
          return;
        }
        out.flush();
      }
    } catch (IOException e) {
      // client went away
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      b.write(c);
    }
    if (c < 0 && b.size() == 0) {
      return null;
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static Req read(InputStream in) throws IOException {
    String start = line(in);
    if (start == null || start.isEmpty()) {
      return null;
    }
    String[] parts = start.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    String h;
    while ((h = line(in)) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    byte[] body = new byte[0];
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (true) {
        String size = line(in);
        int n = Integer.parseInt(size.split(";")[0].strip(), 16);
        if (n == 0) {
          line(in);
          break;
        }
        b.write(in.readNBytes(n));
        line(in);
      }
      body = b.toByteArray();
    }
    return new Req(parts[0], parts[1], headers, body);
  }

  // ------------------------------------------------------------------ response helpers

  static boolean json(OutputStream out, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nApi-Version: 1.47\r\n"
        + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
    return true;
  }

  static boolean empty(OutputStream out, int status) throws IOException {
    out.write(("HTTP/1.1 " + status + " X\r\nApi-Version: 1.47\r\n" + (status == 204 || status == 304 ? ""
        : "Content-Length: 0\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return true;
  }

  static boolean error(OutputStream out, int status, String message) throws IOException {
    return json(out, status, "{\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
  }

  static boolean ping(OutputStream out) throws IOException {
    out.write("HTTP/1.1 200 OK\r\nApi-Version: 1.47\r\nContent-Length: 2\r\n\r\nOK"
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return true;
  }

  /** Switches to a raw multiplexed stream, writes the frames, closes. */
  static boolean upgrade(OutputStream out, byte[]... frames) throws IOException {
    out.write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] f : frames) {
      out.write(f);
    }
    out.flush();
    return false;
  }

  static byte[] frame(int stream, String text) {
    byte[] d = text.getBytes(StandardCharsets.UTF_8);
    byte[] f = new byte[8 + d.length];
    f[0] = (byte) stream;
    f[4] = (byte) (d.length >>> 24);
    f[5] = (byte) (d.length >>> 16);
    f[6] = (byte) (d.length >>> 8);
    f[7] = (byte) d.length;
    System.arraycopy(d, 0, f, 8, d.length);
    return f;
  }

  List<String> calls() {
    List<String> out = new ArrayList<>();
    for (Req r : requests) {
      if (!r.path().equals("/_ping")) {
        out.add(r.toString());
      }
    }
    return out;
  }

  Req last(String method, String path) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      Req r = requests.get(i);
      if (r.method().equals(method) && r.path().equals(path)) {
        return r;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
    Files.deleteIfExists(socket);
  }
}
