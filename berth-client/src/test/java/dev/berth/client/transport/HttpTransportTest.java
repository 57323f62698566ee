package dev.berth.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.ForbiddenException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.api.errors.NotImplementedException;
import dev.berth.api.errors.NotModifiedException;
import dev.berth.api.errors.UnauthorizedException;
import dev.berth.api.errors.UnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class HttpTransportTest {

  @TempDir Path dir;

  TinyServer serve(TinyServer.Script script) throws IOException {
    return new TinyServer(dir.resolve("s" + System.nanoTime() + ".sock"), script);
  }

  /** Answers every request on the connection with its method, target and body size. */
  static void echoLoop(TinyServer.Conn c) throws IOException {
    TinyServer.Conn.Req r;
    while ((r = c.readRequest()) != null) {
      c.json(
          200,
          "{\"method\":\"" + r.method() + "\",\"target\":\"" + r.target() + "\",\"size\":" + r.body().length
              + ",\"ct\":\"" + r.header("content-type") + "\",\"te\":\"" + r.header("transfer-encoding")
              + "\",\"ua\":\"" + r.header("user-agent") + "\"}");
    }
  }

  @Test
  void keepAliveReusesOneConnection() throws Exception {
    try (TinyServer s = serve(HttpTransportTest::echoLoop);
        HttpTransport t = HttpTransport.unix(s.socket)) {
      for (int i = 0; i < 5; i++) {
        try (Response r = t.send(Request.get("/v1.47/containers/json?all=1"))) {
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.header("content-type")).isEqualTo("application/json");
          assertThat(r.bodyString()).contains("\"target\":\"/v1.47/containers/json?all=1\"");
        }
      }
      assertThat(s.accepted.get()).isEqualTo(1);
      assertThat(t.idleCount()).isEqualTo(1);
    }
  }

  @Test
  void bodiesBytesAndChunkedStreams() throws Exception {
    try (TinyServer s = serve(HttpTransportTest::echoLoop);
        HttpTransport t = HttpTransport.unix(s.socket)) {
      String r1 = t.send(Request.post("/containers/create").withJson("{\"Image\":\"x\"}")).bodyString();
      assertThat(r1).contains("\"size\":13", "\"ct\":\"application/json\"", "\"ua\":\"berth-client\"");
      String r2 = t.send(Request.post("/containers/x/start")).bodyString();
      assertThat(r2).contains("\"size\":0");
      byte[] big = new byte[3_000_000];
      new Random(3).nextBytes(big);
      String r3 =
          t.send(Request.post("/images/load").withStream("application/x-tar", new ByteArrayInputStream(big)))
              .bodyString();
      assertThat(r3).contains("\"size\":3000000", "\"te\":\"chunked\"", "\"ct\":\"application/x-tar\"");
      String r4 =
          t.send(
                  Request.post("/build")
                      .withBody(new Request.Stream("application/x-tar", new ByteArrayInputStream(big), big.length)))
              .bodyString();
      assertThat(r4).contains("\"size\":3000000", "\"te\":\"null\"");
      assertThat(s.accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void chunkedAndUntilCloseResponses() throws Exception {
    try (TinyServer s =
            serve(
                c -> {
                  TinyServer.Conn.Req r = c.readRequest();
                  if (r.target().equals("/chunked")) {
                    c.send(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: y\r\n\r\n");
                    TinyServer.Conn.Req again = c.readRequest();
                    c.json(200, "{\"again\":\"" + again.target() + "\"}");
                  } else {
                    c.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
                    c.ch.close();
                  }
                });
        HttpTransport t = HttpTransport.unix(s.socket)) {
      assertThat(t.send(Request.get("/chunked")).bodyString()).isEqualTo("hello world");
      assertThat(t.send(Request.get("/second")).bodyString()).isEqualTo("{\"again\":\"/second\"}");
      assertThat(t.send(Request.get("/close")).bodyString()).isEqualTo("until the end");
    }
  }

  @Test
  void errorsBecomeTheMatchingException() throws Exception {
    Map<Integer, Class<? extends BerthException>> kinds =
        Map.of(
            400, InvalidArgumentException.class,
            401, UnauthorizedException.class,
            403, ForbiddenException.class,
            404, NotFoundException.class,
            409, ConflictException.class,
            500, InternalException.class,
            501, NotImplementedException.class,
            503, UnavailableException.class,
            502, InternalException.class);
    try (TinyServer s =
            serve(
                c -> {
                  TinyServer.Conn.Req r;
                  while ((r = c.readRequest()) != null) {
                    int status = Integer.parseInt(r.target().substring(1));
                    if (status == 304) {
                      c.send("HTTP/1.1 304 Not Modified\r\n\r\n");
                    } else if (status == 418) {
                      c.send("HTTP/1.1 418 X\r\nContent-Length: 9\r\n\r\nnot json\n");
                    } else {
                      c.json(status, "{\"message\":\"failed with " + status + "\"}\n");
                    }
                  }
                });
        HttpTransport t = HttpTransport.unix(s.socket)) {
      for (var e : kinds.entrySet()) {
        Response r = t.send(Request.post("/" + e.getKey()));
        assertThat(r.status()).isEqualTo(e.getKey());
        assertThatThrownBy(r::orThrow)
            .isInstanceOf(e.getValue())
            .hasMessage("failed with " + e.getKey());
      }
      assertThatThrownBy(() -> t.send(Request.post("/304")).orThrow())
          .isInstanceOf(NotModifiedException.class);
      assertThatThrownBy(() -> t.send(Request.post("/418")).orThrow())
          .isInstanceOf(InternalException.class)
          .hasMessage("not json");
      assertThat(t.send(Request.post("/200")).orThrow().status()).isEqualTo(200);
      assertThat(s.accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void staleIdleConnectionIsRetried() throws Exception {
    try (TinyServer s =
            serve(
                c -> {
                  c.readRequest();
                  c.json(200, "{}");
                  c.ch.close(); // closes without saying Connection: close
                });
        HttpTransport t = HttpTransport.unix(s.socket)) {
      assertThat(t.send(Request.get("/a")).bodyString()).isEqualTo("{}");
      Thread.sleep(50);
      assertThat(t.send(Request.get("/b")).bodyString()).isEqualTo("{}");
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }

  @Test
  void earlyErrorDuringUploadIsReported() throws Exception {
    try (TinyServer s =
            serve(
                c -> {
                  c.readHead();
                  c.json(400, "{\"message\":\"not a tar\"}");
                  c.ch.close();
                });
        HttpTransport t = HttpTransport.unix(s.socket)) {
      InputStream endless =
          new InputStream() {
            @Override
            public int read() {
              return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
              return len;
            }
          };
      Response r = t.send(Request.post("/images/load").withStream("application/x-tar", endless));
      assertThat(r.status()).isEqualTo(400);
      assertThatThrownBy(r::orThrow).isInstanceOf(InvalidArgumentException.class).hasMessage("not a tar");
    }
  }

  @Test
  void connectFailureSaysWhere() {
    HttpTransport t = HttpTransport.unix(dir.resolve("missing.sock"));
    assertThatThrownBy(() -> t.send(Request.get("/_ping")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing.sock");
  }

  @Test
  void hijackWithHalfClose() throws Exception {
    AtomicReference<TinyServer.Conn.Req> seen = new AtomicReference<>();
    try (TinyServer s =
            serve(
                c -> {
                  seen.set(c.readRequest());
                  c.send(
                      "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                          + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
                  byte[] stdin = c.in.readAllBytes(); // until the client half-closes
                  c.out.write(new byte[] {1, 0, 0, 0, 0, 0, 0, (byte) stdin.length});
                  c.out.write(stdin);
                  c.out.write(new byte[] {2, 0, 0, 0, 0, 0, 0, 4});
                  c.out.write("err\n".getBytes());
                  c.out.flush();
                });
        HttpTransport t = HttpTransport.unix(s.socket);
        HijackedStream h = t.hijack(Request.post("/v1.47/containers/abc/attach?stream=1&stdin=1"))) {
      assertThat(h.status()).isEqualTo(101);
      assertThat(h.multiplexed()).isTrue();
      h.output().write("typed input\n".getBytes());
      h.closeWrite();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      StdStreamDemux.copy(h.input(), out, err);
      assertThat(out.toString()).isEqualTo("typed input\n");
      assertThat(err.toString()).isEqualTo("err\n");
      assertThat(seen.get().header("connection")).isEqualTo("Upgrade");
      assertThat(seen.get().header("upgrade")).isEqualTo("tcp");
      assertThat(seen.get().header("content-length")).isEqualTo("0");
    }
  }

  @Test
  void hijackErrorThrows() throws Exception {
    try (TinyServer s =
            serve(
                c -> {
                  c.readRequest();
                  c.json(404, "{\"message\":\"No such container: nope\"}");
                });
        HttpTransport t = HttpTransport.unix(s.socket)) {
      assertThatThrownBy(() -> t.hijack(Request.post("/containers/nope/attach")))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("No such container: nope");
    }
  }

  @Test
  void demuxFramesAndSystemErrors() throws IOException {
    byte[] stream = {
      1, 0, 0, 0, 0, 0, 0, 2, 'h', 'i', 2, 0, 0, 0, 0, 0, 0, 1, '!', 3, 0, 0, 0, 0, 0, 0, 3, 'b', 'a', 'd'
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThatThrownBy(() -> StdStreamDemux.copy(new ByteArrayInputStream(stream), out, err))
        .isInstanceOf(IOException.class)
        .hasMessage("error from daemon in stream: bad");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("!");
    StdStreamDemux d = new StdStreamDemux(new ByteArrayInputStream(new byte[] {1, 0, 0}));
    assertThatThrownBy(d::next).isInstanceOf(java.io.EOFException.class);
  }

  @Test
  void earlyCloseOfAStreamDropsTheConnection() throws Exception {
    try (TinyServer s =
            serve(
                c -> {
                  TinyServer.Conn.Req r;
                  while ((r = c.readRequest()) != null) {
                    if (r.target().equals("/events")) {
                      c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nev1\r\n");
                    } else {
                      c.json(200, "{}");
                    }
                  }
                });
        HttpTransport t = HttpTransport.unix(s.socket)) {
      Response events = t.send(Request.get("/events"));
      byte[] first = events.body().readNBytes(3);
      assertThat(new String(first)).isEqualTo("ev1");
      events.close(); // an endless stream: must not block draining
      assertThat(t.send(Request.get("/ping")).bodyString()).isEqualTo("{}");
      assertThat(s.accepted.get()).isEqualTo(2);
    }
  }
}
