package dev.berth.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.errors.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI against a tiny server whose routes are stubs written here: checks that the
 * CLI negotiates our version and drives attach/wait/start through our hijack and streams.
 */
@Timeout(60)
class DockerCliTest {

  static final Path DOCKER = Path.of("/usr/local/bin/docker");

  @TempDir static Path dir;
  static ApiServer server;
  static Path socket;
  static final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Per fake container: released by /start, and by the end of its attach stream. */
  record Fake(CountDownLatch started, CountDownLatch attachDone, int exitCode) {}

  static final Map<String, Fake> containers = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(DOCKER), "docker CLI not installed");
    socket = dir.resolve("docker.sock");
    Router router = new Router();
    router.get(
        "/version",
        req -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("Platform", Map.of("Name", "berth"));
          v.put("Components", List.of());
          v.put("Version", "9.9.9-test");
          v.put("ApiVersion", ApiVersion.CURRENT.value());
          v.put("MinAPIVersion", ApiVersion.MINIMUM.value());
          v.put("GitCommit", "abc");
          v.put("GoVersion", "java25");
          v.put("Os", "linux");
          v.put("Arch", "amd64");
          v.put("KernelVersion", "6");
          v.put("BuildTime", "2026-01-01T00:00:00Z");
          return Response.json(v);
        });
    router.post(
        "/containers/create",
        req -> {
          Map<?, ?> body = req.bodyJson(Map.class);
          List<?> cmd = (List<?>) body.get("Cmd");
          String id = "c" + containers.size() + "0".repeat(63);
          int exit = cmd.size() > 1 && cmd.get(0).equals("exit") ? Integer.parseInt((String) cmd.get(1)) : 0;
          containers.put(id, new Fake(new CountDownLatch(1), new CountDownLatch(1), exit));
          return Response.json(201, Map.of("Id", id, "Warnings", List.of()));
        });
    router.post(
        "/containers/{id}/attach",
        req -> {
          Fake f = fake(req);
          boolean stdin = req.queryBool("stdin");
          return Response.hijack(
              true,
              (in, out) -> {
                StdStreamMux mux = new StdStreamMux(out);
                byte[] input = stdin ? in.readAllBytes() : new byte[0];
                f.started().await(10, TimeUnit.SECONDS);
                mux.stdout().write("hello from berth\n".getBytes(StandardCharsets.UTF_8));
                mux.stderr().write("to stderr\n".getBytes(StandardCharsets.UTF_8));
                if (input.length > 0) {
                  mux.stdout().write(input);
                }
                f.attachDone().countDown();
              });
        });
    router.post(
        "/containers/{id}/wait",
        req -> {
          Fake f = fake(req);
          return Response.stream(
              Response.JSON,
              out -> {
                out.flush(); // the CLI waits for the headers before it starts the container
                f.attachDone().await(10, TimeUnit.SECONDS);
                write(out, Map.of("StatusCode", f.exitCode()));
              });
        });
    router.post(
        "/containers/{id}/start",
        req -> {
          fake(req).started().countDown();
          return Response.noContent();
        });
    router.delete("/containers/{id}", req -> Response.noContent());
    server =
        ApiServer.builder(router).serverVersion("9.9.9-test").unixSocket(socket).start();
  }

  static Fake fake(Request req) {
    requests.add(req.method() + " " + req.path());
    Fake f = containers.get(req.pathParam("id"));
    if (f == null) {
      throw new NotFoundException("No such container: " + req.pathParam("id"));
    }
    return f;
  }

  static void write(OutputStream out, Object value) throws IOException {
    out.write(Json.encode(value));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  record Result(int exit, String stdout, String stderr) {}

  static Result docker(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER.toString(), "-H", "unix://" + socket));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_CONFIG", dir.resolve("config").toString());
    pb.environment().remove("DOCKER_HOST");
    pb.environment().remove("DOCKER_CONTEXT");
    pb.environment().remove("DOCKER_API_VERSION");
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("docker " + String.join(" ", args)).isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void versionShowsOurServer() throws Exception {
    Result r = docker(null, "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}");
    assertThat(r.stderr()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.stdout().strip()).isEqualTo("9.9.9-test 1.47");
  }

  @Test
  void runAttachesThroughTheHijackedConnection() throws Exception {
    Result r = docker(null, "run", "--rm", "busybox", "exit", "3");
    assertThat(r.stdout()).isEqualTo("hello from berth\n");
    assertThat(r.stderr()).isEqualTo("to stderr\n");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void runWithStdinHalfCloses() throws Exception {
    Result r = docker("line one\nline two\n", "run", "-i", "busybox", "cat");
    assertThat(r.stderr()).isEqualTo("to stderr\n");
    assertThat(r.stdout()).isEqualTo("hello from berth\nline one\nline two\n");
    assertThat(r.exit()).isZero();
  }
}
