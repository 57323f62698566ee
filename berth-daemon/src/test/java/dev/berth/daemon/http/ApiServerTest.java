package dev.berth.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.ForbiddenException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.api.errors.NotImplementedException;
import dev.berth.api.errors.NotModifiedException;
import dev.berth.api.errors.UnauthorizedException;
import dev.berth.api.errors.UnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ApiServerTest {

  @TempDir static Path dir;
  static Path socket;
  static ApiServer server;

  record Echo(@JsonProperty("Name") String name, @JsonProperty("Count") int count) {}

  static final CountDownLatch streamInterrupted = new CountDownLatch(1);
  static final CountDownLatch disconnectCallback = new CountDownLatch(1);
  static final AtomicReference<String> lastStdin = new AtomicReference<>();

  @BeforeAll
  static void start() throws IOException {
    socket = dir.resolve("sub/dir/berth.sock");
    Files.createDirectories(socket.getParent());
    Files.writeString(socket, "stale"); // a stale file is replaced
    Router router =
        new Router()
            .get(
                "/images/{name}/json",
                req -> Response.json(Map.of("name", req.pathParam("name"))))
            .delete("/images/{name}", req -> Response.json(Map.of("deleted", req.pathParam("name"))))
            .get("/images/json", req -> Response.json(List.of()))
            .get(
                "/containers/{id}/json",
                req ->
                    Response.json(
                        Map.of(
                            "id", req.pathParam("id"),
                            "version", req.apiVersion().value(),
                            "all", req.queryAll("x"),
                            "flag", req.queryBool("flag"),
                            "filters", req.filters())))
            .post("/echo", req -> Response.json(201, req.bodyJson(Echo.class)))
            .post(
                "/error/{kind}",
                req -> {
                  throw switch (req.pathParam("kind")) {
                    case "notfound" -> new NotFoundException("No such container: x");
                    case "conflict" -> new ConflictException("conflict!");
                    case "invalid" -> new InvalidArgumentException("bad arg");
                    case "unauthorized" -> new UnauthorizedException("who?");
                    case "forbidden" -> new ForbiddenException("no");
                    case "unavailable" -> new UnavailableException("later");
                    case "notimplemented" -> new NotImplementedException("nope");
                    case "notmodified" -> new NotModifiedException("already started");
                    case "internal" -> new InternalException("boom");
                    default -> new IllegalStateException("unexpected");
                  };
                })
            .post(
                "/upload",
                req -> {
                  MessageDigest md = MessageDigest.getInstance("SHA-256");
                  long n = 0;
                  byte[] buf = new byte[1 << 16];
                  try (InputStream in = req.body()) {
                    int k;
                    while ((k = in.read(buf)) > 0) {
                      md.update(buf, 0, k);
                      n += k;
                      if (req.queryBool("slow") && n % (1 << 20) < k) {
                        Thread.sleep(5);
                      }
                    }
                  }
                  return Response.json(
                      Map.of("size", n, "sha256", HexFormat.of().formatHex(md.digest())));
                })
            .post("/ignore-body", req -> Response.noContent())
            .get(
                "/stream",
                req ->
                    Response.stream(
                        "application/json",
                        out -> {
                          for (int i = 0; i < 3; i++) {
                            out.write(("{\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            Thread.sleep(20);
                          }
                        }))
            .get(
                "/stream-small",
                req -> Response.stream("text/plain", out -> out.write("tiny".getBytes())))
            .get(
                "/stream-fails-early",
                req ->
                    Response.stream(
                        "text/plain",
                        out -> {
                          throw new NotFoundException("gone before streaming");
                        }))
            .get(
                "/stream-forever",
                req -> {
                  req.onDisconnect(disconnectCallback::countDown);
                  return Response.stream(
                      "text/plain",
                      out -> {
                        out.write("start\n".getBytes());
                        out.flush();
                        try {
                          Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                          streamInterrupted.countDown();
                        }
                      });
                })
            .get(
                "/stream-big",
                req ->
                    Response.stream(
                        "application/octet-stream",
                        out -> {
                          byte[] block = new byte[100_000];
                          for (int i = 0; i < 200; i++) {
                            java.util.Arrays.fill(block, (byte) i);
                            out.write(block);
                          }
                        }))
            .post(
                "/containers/{id}/attach",
                req ->
                    Response.hijack(
                        req.queryBool("mux"),
                        (in, out) -> {
                          String stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                          lastStdin.set(stdin);
                          // keep writing after the client half-closed
                          for (int i = 0; i < 3; i++) {
                            out.write(("got " + stdin + " " + i + "\n").getBytes());
                            out.flush();
                          }
                        }))
            .post(
                "/exec/{id}/start",
                req -> {
                  Map<?, ?> body = req.bodyJson(Map.class);
                  return Response.hijack(
                      !Boolean.TRUE.equals(body.get("Tty")),
                      (in, out) -> {
                        StdStreamMux mux = new StdStreamMux(out);
                        mux.stdout().write(("tty=" + body.get("Tty") + " ").getBytes());
                        mux.stdout().write(in.readAllBytes());
                      });
                })
            .post(
                "/containers/{id}/attach-missing",
                req -> {
                  throw new NotFoundException("No such container: " + req.pathParam("id"));
                });
    server = ApiServer.builder(router).serverVersion("9.9.9-test").unixSocket(socket).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    assertThat(socket).doesNotExist();
  }

  static RawConnection connect() throws IOException {
    return new RawConnection(socket);
  }

  @Test
  void socketHasMode0660() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
        .isEqualTo("rw-rw----");
  }

  @Test
  void pingSendsDockerdHeaderSet() throws IOException {
    try (RawConnection c = connect()) {
      RawConnection.Reply r = c.request("GET", "/_ping");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("OK");
      assertThat(r.headers())
          .containsEntry("api-version", "1.47")
          .containsEntry("builder-version", "1")
          .containsEntry("cache-control", "no-cache, no-store, must-revalidate")
          .containsEntry("pragma", "no-cache")
          .containsEntry("docker-experimental", "false")
          .containsEntry("ostype", "linux")
          .containsEntry("server", "Docker/9.9.9-test (linux)")
          .containsEntry("content-type", "text/plain; charset=utf-8")
          .containsEntry("content-length", "2")
          .containsKey("date");
      assertThat(c.rawHeaderNames.toString())
          .contains("Api-Version\n", "Ostype\n", "Server\n", "Content-Type\n", "Content-Length\n");

      RawConnection.Reply head = c.request("HEAD", "/_ping");
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers())
          .containsEntry("content-length", "0")
          .containsEntry("content-type", "text/plain; charset=utf-8")
          .containsEntry("builder-version", "1");
      // still in sync on the same connection
      assertThat(c.request("GET", "/v1.24/_ping").text()).isEqualTo("OK");
    }
  }

  @Test
  void namesWithSlashesAndColons() throws IOException {
    try (RawConnection c = connect()) {
      RawConnection.Reply r = c.request("GET", "/v1.47/images/localhost:5000/foo/bar:tag/json");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("{\"name\":\"localhost:5000/foo/bar:tag\"}\n");
      assertThat(c.request("GET", "/images/json").text()).isEqualTo("[]\n");
      assertThat(c.request("DELETE", "/images/a/b:c").text())
          .isEqualTo("{\"deleted\":\"a/b:c\"}\n");
      // an encoded slash decodes before matching, like gorilla/mux
      assertThat(c.request("GET", "/images/foo%2Fbar%3Alatest/json").text())
          .isEqualTo("{\"name\":\"foo/bar:latest\"}\n");
    }
  }

  @Test
  void versionPrefix() throws IOException {
    try (RawConnection c = connect()) {
      assertThat(c.request("GET", "/containers/abc/json").text()).contains("\"version\":\"1.47\"");
      assertThat(c.request("GET", "/v1.41/containers/abc/json").text())
          .contains("\"version\":\"1.41\"");
      RawConnection.Reply old = c.request("GET", "/v1.12/containers/abc/json");
      assertThat(old.status()).isEqualTo(400);
      assertThat(old.text())
          .isEqualTo(
              "{\"message\":\"client version 1.12 is too old. Minimum supported API version is"
                  + " 1.24, please upgrade your client to a newer version\"}\n");
      RawConnection.Reply young = c.request("GET", "/v1.99/containers/abc/json");
      assertThat(young.status()).isEqualTo(400);
      assertThat(young.text())
          .isEqualTo(
              "{\"message\":\"client version 1.99 is too new. Maximum supported API version is"
                  + " 1.47\"}\n");
      assertThat(young.header("api-version")).isEqualTo("1.47");
    }
  }

  @Test
  void unknownPathsAndMethodsAreBothPageNotFoundAsInDockerd() throws IOException {
    try (RawConnection c = connect()) {
      RawConnection.Reply nf = c.request("GET", "/nope");
      assertThat(nf.status()).isEqualTo(404);
      assertThat(nf.text()).isEqualTo("{\"message\":\"page not found\"}\n");
      assertThat(nf.header("content-type")).isEqualTo("application/json");
      assertThat(c.request("GET", "/v1.47/nope/deeper").status()).isEqualTo(404);
      RawConnection.Reply wrongMethod = c.request("PUT", "/images/json");
      assertThat(wrongMethod.status()).isEqualTo(404);
      assertThat(wrongMethod.text()).isEqualTo("{\"message\":\"page not found\"}\n");
      assertThat(c.request("POST", "/_ping").status()).isEqualTo(404);
    }
  }

  @Test
  void queryParameters() throws IOException {
    try (RawConnection c = connect()) {
      String filters = "{\"label\":{\"a=b\":true},\"status\":[\"running\"]}";
      String target =
          "/containers/abc/json?x=1&x=two+words&flag=1&filters="
              + java.net.URLEncoder.encode(filters, StandardCharsets.UTF_8);
      assertThat(c.request("GET", target).text())
          .contains("\"all\":[\"1\",\"two words\"]")
          .contains("\"flag\":true")
          .contains("\"filters\":{\"label\":[\"a=b\"],\"status\":[\"running\"]}");
      RawConnection.Reply bad = c.request("GET", "/containers/abc/json?filters=%7Bnope");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.text()).contains("invalid filter");
    }
  }

  @Test
  void errorMapping() throws IOException {
    Map<String, Integer> expected =
        Map.of(
            "notfound", 404,
            "conflict", 409,
            "invalid", 400,
            "unauthorized", 401,
            "forbidden", 403,
            "unavailable", 503,
            "notimplemented", 501,
            "internal", 500,
            "other", 500);
    try (RawConnection c = connect()) {
      for (var e : expected.entrySet()) {
        RawConnection.Reply r = c.request("POST", "/error/" + e.getKey());
        assertThat(r.status()).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).startsWith("{\"message\":\"");
      }
      assertThat(c.request("POST", "/error/notfound").text())
          .isEqualTo("{\"message\":\"No such container: x\"}\n");
      RawConnection.Reply nm = c.request("POST", "/error/notmodified");
      assertThat(nm.status()).isEqualTo(304);
      assertThat(nm.body()).isEmpty();
      // the connection is still usable after a 304
      assertThat(c.request("GET", "/_ping").status()).isEqualTo(200);
    }
  }

  @Test
  void jsonBodies() throws IOException {
    try (RawConnection c = connect()) {
      RawConnection.Reply ok =
          c.request(
              "POST",
              "/echo",
              "application/json",
              "{\"Name\":\"x\",\"Count\":3,\"Unknown\":true}".getBytes());
      assertThat(ok.status()).isEqualTo(201);
      assertThat(ok.text()).isEqualTo("{\"Name\":\"x\",\"Count\":3}\n");
      RawConnection.Reply bad =
          c.request("POST", "/echo", "application/json", "{\"Name\":".getBytes());
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.text()).startsWith("{\"message\":\"invalid JSON: ");
      RawConnection.Reply empty = c.request("POST", "/echo", "application/json", new byte[0]);
      assertThat(empty.status()).isEqualTo(400);
      assertThat(empty.text()).contains("invalid JSON: got EOF while reading request body");
    }
  }

  @Test
  void pipelinedRequestsAnswerInOrder() throws IOException {
    try (RawConnection c = connect()) {
      c.send(
          "GET /images/a/json HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
              + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n{\"Count\":7}\n"
              + "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.readReply(false).text()).contains("\"a\"");
      assertThat(c.readReply(false).status()).isEqualTo(404);
      assertThat(c.readReply(false).text()).contains("\"Count\":7");
      assertThat(c.readReply(false).text()).isEqualTo("OK");
    }
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    try (RawConnection c = connect()) {
      c.send("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawConnection.Reply r = c.readReply(false);
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(c.readToEnd()).isEmpty();
    }
  }

  @Test
  void largeBodyStreamsThrough() throws Exception {
    byte[] block = new byte[1 << 20];
    new java.util.Random(1).nextBytes(block);
    int blocks = 64;
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < blocks; i++) {
      md.update(block);
    }
    try (RawConnection c = connect()) {
      c.send(
          "POST /upload?slow=1 HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + (long) blocks * block.length
              + "\r\n\r\n");
      for (int i = 0; i < blocks; i++) {
        c.send(block);
      }
      RawConnection.Reply r = c.readReply(false);
      assertThat(r.text())
          .contains("\"size\":" + (long) blocks * block.length)
          .contains(HexFormat.of().formatHex(md.digest()));
      // and chunked request bodies
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.send("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
      assertThat(c.readReply(false).text()).contains("\"size\":11");
    }
  }

  @Test
  void unreadBodyDoesNotDesyncTheConnection() throws IOException {
    try (RawConnection c = connect()) {
      RawConnection.Reply r =
          c.request("POST", "/ignore-body", "application/json", "{\"a\":1}".getBytes());
      assertThat(r.status()).isEqualTo(204);
      assertThat(c.request("GET", "/_ping").text()).isEqualTo("OK");
    }
  }

  @Test
  void chunkedStreamArrivesIncrementally() throws IOException {
    try (RawConnection c = connect()) {
      c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Reply head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(head.header("content-type")).isEqualTo("application/json");
      assertThat(new String(c.readChunk())).isEqualTo("{\"n\":0}\n");
      assertThat(new String(c.readChunk())).isEqualTo("{\"n\":1}\n");
      assertThat(new String(c.readChunk())).isEqualTo("{\"n\":2}\n");
      assertThat(c.readChunk()).isNull();
      // keep-alive after a stream
      assertThat(c.request("GET", "/_ping").text()).isEqualTo("OK");
      // small stream output goes out as a plain response
      RawConnection.Reply small = c.request("GET", "/stream-small");
      assertThat(small.header("content-length")).isEqualTo("4");
      assertThat(small.text()).isEqualTo("tiny");
      RawConnection.Reply early = c.request("GET", "/stream-fails-early");
      assertThat(early.status()).isEqualTo(404);
      assertThat(early.text()).contains("gone before streaming");
    }
  }

  @Test
  void bigStreamWithBackpressure() throws Exception {
    try (RawConnection c = connect()) {
      c.send("GET /stream-big HTTP/1.1\r\nHost: x\r\n\r\n");
      Thread.sleep(200); // the server must wait for us, not buffer 20 MB
      RawConnection.Reply r = c.readReply(false);
      assertThat(r.body()).hasSize(20_000_000);
      assertThat(r.body()[19_999_999]).isEqualTo((byte) 199);
    }
  }

  @Test
  void streamNoticesClientDisconnect() throws Exception {
    RawConnection c = connect();
    c.send("GET /stream-forever HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(c.readHead().status()).isEqualTo(200);
    assertThat(new String(c.readChunk())).isEqualTo("start\n");
    c.close();
    assertThat(streamInterrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(disconnectCallback.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void hijackWithHalfClose() throws IOException {
    try (RawConnection c = connect()) {
      c.send(
          "POST /v1.41/containers/abc/attach?stream=1&stdin=1&stdout=1&mux=1 HTTP/1.1\r\n"
              + "Host: x\r\nContent-Length: 0\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\n"
              + "Upgrade: tcp\r\n\r\n");
      RawConnection.Reply head = c.readHead();
      assertThat(head.status()).isEqualTo(101);
      assertThat(head.reason()).isEqualTo("UPGRADED");
      assertThat(head.header("content-type")).isEqualTo("application/vnd.docker.raw-stream");
      assertThat(head.header("connection")).isEqualTo("Upgrade");
      assertThat(head.header("upgrade")).isEqualTo("tcp");
      c.send("hello");
      c.shutdownOutput();
      assertThat(new String(c.readToEnd()))
          .isEqualTo("got hello 0\ngot hello 1\ngot hello 2\n");
    }
  }

  @Test
  void hijackKeepsStdinSentBeforeTheUpgradeReply() throws IOException {
    try (RawConnection c = connect()) {
      // request, stdin and half-close all at once, before reading the 101
      c.send(
          "POST /v1.44/containers/abc/attach?stream=1&stdin=1&mux=1 HTTP/1.1\r\n"
              + "Host: x\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
              + "early bytes");
      c.shutdownOutput();
      RawConnection.Reply head = c.readHead();
      assertThat(head.status()).isEqualTo(101);
      assertThat(head.header("content-type"))
          .isEqualTo("application/vnd.docker.multiplexed-stream");
      assertThat(new String(c.readToEnd())).startsWith("got early bytes 0\n");
    }
  }

  @Test
  void hijackWithoutUpgradeFallsBackTo200() throws IOException {
    try (RawConnection c = connect()) {
      c.send(
          "POST /containers/abc/attach?stream=1&mux=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      RawConnection.Reply head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-type")).isEqualTo("application/vnd.docker.raw-stream");
      c.send("in");
      c.shutdownOutput();
      assertThat(new String(c.readToEnd())).startsWith("got in 0\n");
    }
  }

  @Test
  void execStartReadsItsJsonBodyThenHijacks() throws IOException {
    try (RawConnection c = connect()) {
      String json = "{\"Detach\":false,\"Tty\":false}";
      c.send(
          "POST /v1.47/exec/e1/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: " + json.length() + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
              + json + "stdin!");
      RawConnection.Reply head = c.readHead();
      assertThat(head.status()).isEqualTo(101);
      assertThat(head.header("content-type")).isEqualTo("application/vnd.docker.multiplexed-stream");
      c.shutdownOutput();
      byte[] all = c.readToEnd();
      assertThat(all).startsWith(1, 0, 0, 0, 0, 0, 0, 10);
      assertThat(new String(all, StandardCharsets.ISO_8859_1)).contains("tty=false ").endsWith("stdin!");
    }
  }

  @Test
  void hijackRouteErrorIsAPlainResponse() throws IOException {
    try (RawConnection c = connect()) {
      c.send(
          "POST /containers/zzz/attach-missing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
              + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      RawConnection.Reply r = c.readReply(false);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text()).isEqualTo("{\"message\":\"No such container: zzz\"}\n");
    }
  }

  @Test
  void clientHalfCloseOnIdleConnectionCloses() throws IOException {
    try (RawConnection c = connect()) {
      c.send("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
      c.shutdownOutput();
      assertThat(c.readReply(false).text()).isEqualTo("OK");
      assertThat(c.readToEnd()).isEmpty();
    }
  }

  @Test
  void malformedRequestGets400() throws IOException {
    try (RawConnection c = connect()) {
      c.send("GARBAGE\r\n\r\n");
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(c.readToEnd());
      assertThat(all.toString()).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void manyConcurrentClients() throws Exception {
    int clients = 50;
    AtomicBoolean failed = new AtomicBoolean();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        int id = i;
        pool.execute(
            () -> {
              try (RawConnection c = connect()) {
                for (int k = 0; k < 50; k++) {
                  if (!c.request("GET", "/images/c" + id + "/json").text().contains("c" + id)) {
                    failed.set(true);
                  }
                }
              } catch (IOException e) {
                failed.set(true);
              }
            });
      }
    }
    assertThat(failed).isFalse();
  }

  @Test
  void warmLatencyIsWellUnderAMillisecond() throws IOException {
    try (RawConnection c = connect()) {
      for (int i = 0; i < 3000; i++) {
        c.request("GET", "/v1.47/containers/abc/json");
      }
      int n = 2000;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        c.request("GET", "/v1.47/containers/abc/json");
      }
      double micros = (System.nanoTime() - t0) / 1000.0 / n;
      System.out.printf("warm round trip: %.1f µs%n", micros);
      assertThat(micros).isLessThan(1000);
    }
  }

}
