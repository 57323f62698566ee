package dev.berth.cli;

import static dev.berth.cli.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.CliTestSupport.Result;
import dev.berth.client.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines against a scripted daemon: requests sent, output printed, exit status. */
class CommandsTest {

  static final String ID = "4f1e3c2b1a0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";

  @TempDir
  Path dir;

  FakeDaemon daemon;
  volatile String startError;
  volatile String createError;
  volatile int waitStatus = 3;
  final CountDownLatch started = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    daemon = new FakeDaemon(dir, this::handle);
  }

  @AfterEach
  void stop() throws IOException {
    daemon.close();
  }

  private boolean handle(FakeDaemon.Req r, OutputStream out) throws IOException {
    String p = r.path();
    String m = r.method();
    if (p.equals("/_ping")) {
      return FakeDaemon.ping(out);
    }
    if (p.contains("/nope")) {
      String what = p.startsWith("/images") ? "image" : "container";
      return FakeDaemon.error(out, 404, "No such " + what + ": nope");
    }
    switch (m + " " + p) {
      case "GET /containers/json" -> {
        return FakeDaemon.json(out, 200, "[{\"Id\":\"" + ID + "\",\"Names\":[\"/web\"],\"Image\":\"busybox\","
            + "\"ImageID\":\"sha256:aa\",\"Command\":\"sleep 1000\",\"Created\":" + (CliTestSupport.NOW.getEpochSecond()
            - 120) + ",\"Ports\":[],\"Labels\":{},\"State\":\"running\",\"Status\":\"Up 2 minutes\","
            + "\"HostConfig\":{\"NetworkMode\":\"default\"},\"NetworkSettings\":{\"Networks\":{\"bridge\":{}}},"
            + "\"Mounts\":[]}]");
      }
      case "GET /images/json" -> {
        return FakeDaemon.json(out, 200, "[{\"Id\":\"sha256:0a527d015d27fe283263e7f7a4ad6b62a952258d6e4f004cd78624e2da"
            + "ed9ab5\",\"ParentId\":\"\",\"RepoTags\":[\"busybox:latest\"],\"RepoDigests\":[],\"Created\":"
            + (CliTestSupport.NOW.getEpochSecond() - 7200) + ",\"Size\":4260000,\"SharedSize\":-1,\"Labels\":null,"
            + "\"Containers\":-1}]");
      }
      case "POST /containers/create" -> {
        if (createError != null) {
          return FakeDaemon.error(out, 404, createError);
        }
        return FakeDaemon.json(out, 201, "{\"Id\":\"" + ID + "\",\"Warnings\":[\"low memory\"]}");
      }
      case "POST /containers/prune" -> {
        return FakeDaemon.json(out, 200, "{\"ContainersDeleted\":[\"aaa\",\"bbb\"],\"SpaceReclaimed\":1500}");
      }
      case "POST /images/create" -> {
        return FakeDaemon.json(out, 200, "{\"status\":\"sha256:abcdef\"}\r\n");
      }
      case "GET /version" -> {
        return FakeDaemon.json(out, 200, "{\"Version\":\"9.9.9\",\"ApiVersion\":\"1.47\",\"Components\":[]}");
      }
      default -> { }
    }
    String[] seg = p.split("/");
    if (seg.length > 2 && seg[1].equals("containers") && java.util.Set.of(ID, "web", "a", "b").contains(seg[2])) {
      String verb = p.substring(p.lastIndexOf('/'));
      switch (verb) {
        case "/attach" -> {
          return FakeDaemon.upgrade(out, FakeDaemon.frame(1, "hi\n"), FakeDaemon.frame(2, "oops\n"));
        }
        case "/wait" -> {
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          try {
            started.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = ("{\"StatusCode\":" + waitStatus + ",\"Error\":null}").getBytes(StandardCharsets.UTF_8);
          out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(body);
          out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          return true;
        }
        case "/start" -> {
          started.countDown();
          if (startError != null) {
            return FakeDaemon.error(out, 400, startError);
          }
          return FakeDaemon.empty(out, 204);
        }
        case "/json" -> {
          return FakeDaemon.json(out, 200, "{\"Id\":\"" + ID + "\",\"Name\":\"/web\",\"State\":{\"Status\":\"running\","
              + "\"Running\":true,\"Pid\":7},\"Config\":{\"Tty\":false,\"Labels\":{\"k\":\"v\"}},"
              + "\"HostConfig\":{\"AutoRemove\":false}}");
        }
        case "/logs" -> {
          byte[] a = FakeDaemon.frame(1, "line1\n");
          byte[] b = FakeDaemon.frame(2, "warn\n");
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nContent-Length: "
              + (a.length + b.length) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(a);
          out.write(b);
          out.flush();
          return true;
        }
        default -> {
          return FakeDaemon.empty(out, 204);
        }
      }
    }
    if (p.startsWith("/images/busybox") && p.endsWith("/json")) {
      return FakeDaemon.json(out, 200, "{\"Id\":\"sha256:0a52\",\"RepoTags\":[\"busybox:latest\"],\"Size\":10}");
    }
    if (m.equals("DELETE") && p.startsWith("/images/")) {
      return FakeDaemon.json(out, 200, "[{\"Untagged\":\"busybox:latest\"},{\"Deleted\":\"sha256:0a52\"}]");
    }
    if (p.startsWith("/images/") && p.endsWith("/tag")) {
      return FakeDaemon.empty(out, 201);
    }
    return FakeDaemon.error(out, 404, "page not found");
  }

  private Result berth(String... args) {
    return run(daemon.host(), args);
  }

  @Test
  void psSendsFlagsAndPrintsTable() {
    Result r = berth("ps", "-a", "-n", "2", "--filter", "status=exited", "-f", "label=a=b");
    assertThat(r.status()).isZero();
    FakeDaemon.Req req = daemon.last("GET", "/containers/json");
    assertThat(req.target()).startsWith("/v1.47/containers/json");
    assertThat(req.param("all")).isEqualTo("1");
    assertThat(req.param("limit")).isEqualTo("2");
    assertThat(Json.obj(parse(req.param("filters"))))
        .isEqualTo(Map.of("label", Map.of("a=b", true), "status", Map.of("exited", true)));
    assertThat(r.out()).isEqualTo("""
        CONTAINER ID   IMAGE     COMMAND        CREATED         STATUS         PORTS     NAMES
        4f1e3c2b1a0d   busybox   "sleep 1000"   2 minutes ago   Up 2 minutes             web
        """);
    assertThat(berth("ps", "-q").out()).isEqualTo("4f1e3c2b1a0d\n");
    assertThat(berth("ps", "--format", "{{.Names}} {{.State}}").out()).isEqualTo("web running\n");
    assertThat(daemon.last("GET", "/containers/json").param("all")).isNull();
    assertThat(berth("ps", "--format", "{{.Size}}").status()).isZero();
    assertThat(daemon.last("GET", "/containers/json").param("size")).isEqualTo("1");
    assertThat(berth("ps", "-l").status()).isZero();
    assertThat(daemon.last("GET", "/containers/json").param("limit")).isEqualTo("1");
  }

  private static Object parse(String s) {
    try {
      return Json.parse(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void imagesTableAndReferenceFilter() {
    Result r = berth("images", "busybox");
    assertThat(r.out()).isEqualTo("""
        REPOSITORY   TAG       IMAGE ID       CREATED       SIZE
        busybox      latest    0a527d015d27   2 hours ago   4.26MB
        """);
    assertThat(daemon.last("GET", "/images/json").param("filters")).isEqualTo("{\"reference\":{\"busybox\":true}}");
    assertThat(berth("image", "ls", "-q").out()).isEqualTo("0a527d015d27\n");
  }

  @Test
  void stopPrintsEachNameAndCollectsErrors() {
    Result r = berth("stop", "-t", "3", "-s", "SIGINT", "a", "nope", "b");
    assertThat(r.out()).isEqualTo("a\nb\n");
    assertThat(r.err()).isEqualTo("Error response from daemon: No such container: nope\n");
    assertThat(r.status()).isEqualTo(1);
    FakeDaemon.Req req = daemon.last("POST", "/containers/b/stop");
    assertThat(req.param("t")).isEqualTo("3");
    assertThat(req.param("signal")).isEqualTo("SIGINT");
  }

  @Test
  void rmForceIgnoresMissingContainers() {
    Result r = berth("rm", "-f", "-v", "a", "nope");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("a\n");
    assertThat(r.err()).isEqualTo("Error response from daemon: No such container: nope\n");
    FakeDaemon.Req req = daemon.last("DELETE", "/containers/a");
    assertThat(req.param("force")).isEqualTo("1");
    assertThat(req.param("v")).isEqualTo("1");
    assertThat(berth("rm", "nope").status()).isEqualTo(1);
    assertThat(berth("container", "remove", "a").out()).isEqualTo("a\n");
  }

  @Test
  void runAttachesAndWaitsBeforeStartAndExitsWithTheStatus() {
    Result r = berth("run", "--rm", "-e", "FROM_ENV", "-e", "X=1", "-l", "x=y", "--name", "web", "-w", "/w", "-u",
        "1:2", "-h", "host", "--read-only", "--runtime", "crun", "busybox", "echo", "-n", "hi");
    assertThat(r.out()).isEqualTo("hi\n");
    assertThat(r.err()).isEqualTo("WARNING: low memory\noops\n");
    assertThat(r.status()).isEqualTo(3);
    assertThat(daemon.calls()).containsExactly("POST /containers/create", "POST /containers/" + ID + "/attach",
        "POST /containers/" + ID + "/wait", "POST /containers/" + ID + "/start");
    FakeDaemon.Req create = daemon.last("POST", "/containers/create");
    assertThat(create.param("name")).isEqualTo("web");
    Map<String, Object> body = Json.obj(parse(create.bodyString()));
    assertThat(body.get("Image")).isEqualTo("busybox");
    assertThat(body.get("Cmd")).isEqualTo(List.of("echo", "-n", "hi"));
    assertThat(body.get("Env")).isEqualTo(List.of("FROM_ENV=val", "X=1"));
    assertThat(body.get("Labels")).isEqualTo(Map.of("x", "y"));
    assertThat(body.get("WorkingDir")).isEqualTo("/w");
    assertThat(body.get("User")).isEqualTo("1:2");
    assertThat(body.get("Hostname")).isEqualTo("host");
    assertThat(body.get("AttachStdout")).isEqualTo(true);
    assertThat(body.get("AttachStdin")).isEqualTo(false);
    Map<String, Object> host = Json.obj(body.get("HostConfig"));
    assertThat(host.get("AutoRemove")).isEqualTo(true);
    assertThat(host.get("ReadonlyRootfs")).isEqualTo(true);
    assertThat(host.get("Runtime")).isEqualTo("crun");
    assertThat(host.get("NetworkMode")).isEqualTo("default");
    assertThat(host.get("RestartPolicy")).isEqualTo(Map.of("Name", "no", "MaximumRetryCount", 0L));
    assertThat(daemon.last("POST", "/containers/" + ID + "/wait").param("condition")).isEqualTo("removed");
    FakeDaemon.Req attach = daemon.last("POST", "/containers/" + ID + "/attach");
    assertThat(attach.headers().get("upgrade")).isEqualTo("tcp");
    assertThat(attach.param("stream")).isEqualTo("1");
    assertThat(attach.param("stdout")).isEqualTo("1");
    assertThat(attach.param("stdin")).isNull();
  }

  @Test
  void runWithoutRmWaitsForNextExit() {
    waitStatus = 0;
    Result r = berth("run", "busybox");
    assertThat(r.status()).isZero();
    assertThat(daemon.last("POST", "/containers/" + ID + "/wait").param("condition")).isEqualTo("next-exit");
  }

  @Test
  void runDetachedPrintsTheId() {
    Result r = berth("run", "-d", "busybox", "sleep", "1");
    assertThat(r.out()).isEqualTo(ID + "\n");
    assertThat(r.status()).isZero();
    assertThat(daemon.calls()).containsExactly("POST /containers/create", "POST /containers/" + ID + "/start");
    Map<String, Object> body = Json.obj(parse(daemon.last("POST", "/containers/create").bodyString()));
    assertThat(body.get("AttachStdout")).isEqualTo(false);
  }

  @Test
  void runStartFailuresMapTo126And127() {
    startError = "failed to create task: exec: \"nope\": executable file not found in $PATH: unknown";
    Result r = berth("run", "busybox", "nope");
    assertThat(r.status()).isEqualTo(127);
    assertThat(r.err()).endsWith("berth: Error response from daemon: failed to create task: exec: \"nope\": "
        + "executable file not found in $PATH: unknown\n\nRun 'berth run --help' for more information\n");
    startError = "exec: \"/etc\": permission denied: unknown";
    assertThat(berth("run", "busybox", "/etc").status()).isEqualTo(126);
    startError = "something else";
    assertThat(berth("run", "busybox").status()).isEqualTo(125);
  }

  @Test
  void runMissingImageSaysSoAndExits125() {
    createError = "No such image: nope:latest";
    Result r = berth("run", "nope");
    assertThat(r.status()).isEqualTo(125);
    assertThat(r.err()).isEqualTo("Unable to find image 'nope:latest' locally\n"
        + "berth: Error response from daemon: No such image: nope:latest\n\n"
        + "Run 'berth run --help' for more information\n");
    assertThat(berth("create", "library/nope").err()).startsWith("Unable to find image 'nope:latest' locally\n");
  }

  @Test
  void pruneAsksFirst() {
    Result no = CliTestSupport.runWithInput(daemon.host(), "n\n", "container", "prune");
    assertThat(no.out()).isEqualTo("WARNING! This will remove all stopped containers.\n"
        + "Are you sure you want to continue? [y/N] ");
    assertThat(no.status()).isZero();
    assertThat(daemon.last("POST", "/containers/prune")).isNull();
    Result yes = CliTestSupport.runWithInput(daemon.host(), "y\n", "container", "prune", "--filter", "until=1h");
    assertThat(yes.out()).endsWith("[y/N] Deleted Containers:\naaa\nbbb\n\nTotal reclaimed space: 1.5kB\n");
    assertThat(daemon.last("POST", "/containers/prune").param("filters")).isEqualTo("{\"until\":{\"1h\":true}}");
    assertThat(berth("container", "prune", "-f").out()).startsWith("Deleted Containers:");
  }

  @Test
  void inspectTriesContainersThenImages() {
    Result r = berth("inspect", "-f", "{{.State.Running}} {{index .Config.Labels \"k\"}}", "web");
    assertThat(r.out()).isEqualTo("true v\n");
    Result both = berth("inspect", "--format", "{{.Id}}", "web", "busybox");
    assertThat(both.out()).isEqualTo(ID + "\nsha256:0a52\n");
    Result missing = berth("inspect", "nope");
    assertThat(missing.out()).isEqualTo("[]\n");
    assertThat(missing.err()).isEqualTo("Error: No such object: nope\n");
    assertThat(missing.status()).isEqualTo(1);
    Result typed = berth("inspect", "--type", "container", "nope");
    assertThat(typed.err()).isEqualTo("Error response from daemon: No such container: nope\n");
    Result raw = berth("container", "inspect", "web");
    assertThat(raw.out()).startsWith("[\n    {\n        \"Id\": \"" + ID + "\",\n");
    Result bad = berth("inspect", "-f", "{{.Nope}}", "web");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).isEqualTo("\n");
    assertThat(bad.err()).isEqualTo("template parsing error: template: :1:2: executing \"\" at <.Nope>: "
        + "map has no entry for key \"Nope\"\n");
    assertThat(berth("inspect", "-f", "{{.Id", "web").status()).isEqualTo(64);
  }

  @Test
  void logsDemultiplexes() {
    Result r = berth("logs", "-t", "--tail", "5", "--since", "10m", "web");
    assertThat(r.out()).isEqualTo("line1\n");
    assertThat(r.err()).isEqualTo("warn\n");
    FakeDaemon.Req req = daemon.last("GET", "/containers/web/logs");
    assertThat(req.param("timestamps")).isEqualTo("1");
    assertThat(req.param("tail")).isEqualTo("5");
    assertThat(req.param("since")).isEqualTo(Long.toString(CliTestSupport.NOW.getEpochSecond() - 600));
    assertThat(req.param("stdout")).isEqualTo("1");
  }

  @Test
  void imageCommands() {
    Result rmi = berth("rmi", "-f", "busybox");
    assertThat(rmi.out()).isEqualTo("Untagged: busybox:latest\nDeleted: sha256:0a52\n");
    assertThat(daemon.last("DELETE", "/images/busybox").param("force")).isEqualTo("1");
    assertThat(berth("tag", "busybox", "me/app:1").status()).isZero();
    FakeDaemon.Req tag = daemon.last("POST", "/images/busybox/tag");
    assertThat(tag.param("repo")).isEqualTo("docker.io/me/app");
    assertThat(tag.param("tag")).isEqualTo("1");
    Result imp = CliTestSupport.runWithInput(daemon.host(), "TARDATA", "import", "-c", "CMD [\"sh\"]", "-m", "hello", "-", "bb:1");
    assertThat(imp.out()).isEqualTo("sha256:abcdef\n");
    FakeDaemon.Req req = daemon.last("POST", "/images/create");
    assertThat(req.param("fromSrc")).isEqualTo("-");
    assertThat(req.param("repo")).isEqualTo("bb:1");
    assertThat(req.param("changes")).isEqualTo("CMD [\"sh\"]");
    assertThat(req.param("message")).isEqualTo("hello");
    assertThat(req.bodyString()).isEqualTo("TARDATA");
  }

  @Test
  void waitAndStartAndVersion() {
    waitStatus = 5;
    started.countDown();
    assertThat(berth("wait", "web").out()).isEqualTo("5\n");
    assertThat(berth("start", "web", "nope").err()).isEqualTo(
        "Error response from daemon: No such container: nope\nError: failed to start containers: nope\n");
    assertThat(berth("version", "-f", "{{.Server.Version}} {{.Client.ApiVersion}}").out()).isEqualTo("9.9.9 1.47\n");
  }

  @Test
  void usageErrorsLookLikeDockers() {
    Result none = berth("stop");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("berth: 'berth stop' requires at least 1 argument\n\n"
        + "Usage:  berth stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'berth stop --help' for more information\n");
    Result exact = berth("rename", "a");
    assertThat(exact.err()).startsWith("berth: 'berth rename' requires 2 arguments\n\nUsage:  berth rename CONTAINER "
        + "NEW_NAME\n\nRun 'berth rename --help'");
    Result flag = berth("ps", "--foo");
    assertThat(flag.status()).isEqualTo(125);
    assertThat(flag.err()).isEqualTo("unknown flag: --foo\n\nUsage:  berth ps [OPTIONS]\n\n"
        + "Run 'berth ps --help' for more information\n");
    assertThat(berth("ps", "-z").err()).startsWith("unknown shorthand flag: 'z' in -z\n");
    Result conv = berth("ps", "-n", "abc");
    assertThat(conv.status()).isEqualTo(125);
    assertThat(conv.err()).startsWith("invalid argument \"abc\" for \"-n, --last\" flag: strconv.ParseInt: parsing "
        + "\"abc\": invalid syntax\n");
    Result filter = berth("ps", "-f", "foo");
    assertThat(filter.status()).isEqualTo(125);
    assertThat(filter.err()).startsWith("invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter "
        + "(expected name=value)\n");
    Result unknown = berth("foo");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("berth: unknown command: berth foo\n\nRun 'berth --help' for more "
        + "information\n");
    assertThat(berth("ps", "extra").err()).startsWith("\"berth ps\" accepts no arguments\n");
    assertThat(berth("run", "--foo", "busybox").status()).isEqualTo(125);
    assertThat(berth("container").status()).isZero();
    assertThat(berth("ps", "--help").out()).startsWith("Usage:  berth ps [OPTIONS]");
  }

  @Test
  void unreachableDaemon() {
    Result r = run("unix://" + dir.resolve("none.sock"), "ps");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("Cannot connect to the berth daemon at unix://");
    Result runR = run("unix://" + dir.resolve("none.sock"), "run", "busybox");
    assertThat(runR.status()).isEqualTo(125);
    assertThat(runR.err()).startsWith("berth: Cannot connect to the berth daemon");
  }
}
