package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real containers through conmon and runc; needs root, runc, conmon and a static busybox. */
class ConmonRuncDriverTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  @TempDir static Path tmp;
  private static Path rootfs;
  private static ConmonRuncDriver driver;
  private static ExitWatcher watcher;
  private static final Map<String, CompletableFuture<ExitStatus>> exits = new ConcurrentHashMap<>();
  private static final List<Path> berthCgroupsWeCreated = new ArrayList<>();

  /** Containers to delete after each test, with the driver that owns them. */
  private final Map<String, ConmonRuncDriver> created = new ConcurrentHashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    rootfs = TestRootfs.build(tmp);
    try (Stream<Path> controllers = Files.list(CGROUPS)) {
      for (Path controller : controllers.toList()) {
        Path berth = controller.resolve("berth");
        if (Files.isDirectory(controller)
            && !Files.isSymbolicLink(controller)
            && !Files.exists(berth)) {
          berthCgroupsWeCreated.add(berth);
        }
      }
    }
    driver = new ConmonRuncDriver(ConmonRuncDriver.Config.runc(tmp.resolve("state")));
    watcher = driver.watchExits((id, status) -> exitOf(id).complete(status));
  }

  @AfterAll
  static void tearDown() throws Exception {
    watcher.close();
    // runc removes each container's cgroup but not the /berth parent it made in each hierarchy.
    for (Path dir : berthCgroupsWeCreated) {
      try {
        Files.deleteIfExists(dir);
      } catch (java.io.IOException e) {
        // in use by a container we did not start
      }
    }
  }

  @AfterEach
  void deleteContainers() {
    created.forEach((id, owner) -> owner.delete(id));
    for (String id : created.keySet()) {
      assertThat(conmonOf(id)).as("conmon of %s", id).isEmpty();
      assertThat(CGROUPS.resolve("memory/berth/" + id)).doesNotExist();
    }
  }

  private static CompletableFuture<ExitStatus> exitOf(String id) {
    return exits.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static ContainerSpec.Builder spec(String id, String... args) {
    return ContainerSpec.builder(id, rootfs, tmp.resolve("bundles").resolve(id))
        .args(args)
        .env(List.of("PATH=/bin"))
        .hostname(id.substring(0, 12));
  }

  private static Path logOf(String id) {
    return tmp.resolve("logs").resolve(id + ".log");
  }

  private int create(ConmonRuncDriver owner, ContainerSpec spec) {
    created.put(spec.id(), owner);
    return owner.create(spec, logOf(spec.id()));
  }

  private static ExitStatus awaitExit(String id) throws Exception {
    return exitOf(id).get(10, TimeUnit.SECONDS);
  }

  private static List<String> logLines(String id) throws Exception {
    List<String> lines = new ArrayList<>();
    LogReader.read(
        logOf(id),
        LogOptions.all(),
        new CompletableFuture<>(),
        e -> lines.add(e.stream() + " " + new String(e.content(), StandardCharsets.UTF_8)));
    return lines;
  }

  /** The pids of conmon processes whose command line names {@code id}. */
  private static List<Long> conmonOf(String id) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("conmon") && c.contains(id))
                    .orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  @Test
  void exitCodeIsReportedAndStreamsAreKeptApart() throws Exception {
    String id = newId();
    create(driver, spec(id, "sh", "-c", "echo out; echo err >&2; printf partial; exit 3").build());
    driver.start(id);

    ExitStatus exit = awaitExit(id);

    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(driver.exitStatus(id)).contains(exit);
    RuntimeState state = driver.state(id);
    assertThat(state.status()).isEqualTo(RuntimeState.Status.STOPPED);
    assertThat(state.exitCode()).hasValue(3);
    assertThat(state.finishedAt()).contains(exit.finishedAt());
    assertThat(logLines(id))
        .containsExactlyInAnyOrder("STDOUT out\n", "STDOUT partial", "STDERR err\n");
  }

  @Test
  void containerGoesFromCreatedToRunningToStopped() throws Exception {
    String id = newId();
    int pid = create(driver, spec(id, "sleep", "100").build());

    RuntimeState created = driver.state(id);
    assertThat(created.status()).isEqualTo(RuntimeState.Status.CREATED);
    assertThat(created.pid()).isEqualTo(pid);
    assertThat(Files.readString(tmp.resolve("state/containers").resolve(id).resolve("init.pid")))
        .isEqualTo(Integer.toString(pid));

    driver.start(id);
    assertThat(driver.state(id).status()).isEqualTo(RuntimeState.Status.RUNNING);
    assertThatThrownBy(() -> driver.start(id)).isInstanceOf(ConflictException.class);
    assertThat(driver.exitStatus(id)).isEmpty();

    driver.kill(id, "KILL");
    assertThat(awaitExit(id).exitCode()).isEqualTo(137);
    assertThat(driver.state(id).status()).isEqualTo(RuntimeState.Status.STOPPED);
    assertThatThrownBy(() -> driver.kill(id, "TERM")).isInstanceOf(ConflictException.class);
  }

  @Test
  void termReachesAnInitThatHandlesIt() throws Exception {
    String id = newId();
    create(driver, spec(id, "sh", "-c", "trap 'exit 143' TERM; sleep 100 & wait").build());
    driver.start(id);
    Thread.sleep(100); // let the shell install its trap

    driver.kill(id, "SIGTERM");

    assertThat(awaitExit(id).exitCode()).isEqualTo(143);
  }

  @Test
  void termIsIgnoredByAnInitWithoutAHandlerAndKillIs137() throws Exception {
    // The kernel drops a signal whose action is the default for a pid namespace's init, as
    // `docker kill -s TERM` on `sh -c 'sleep 100'` shows; only KILL gets through.
    String id = newId();
    create(driver, spec(id, "sh", "-c", "sleep 100").build());
    driver.start(id);

    driver.kill(id, "15");
    Thread.sleep(300);
    assertThat(driver.state(id).status()).isEqualTo(RuntimeState.Status.RUNNING);

    driver.kill(id, "SIGKILL");
    assertThat(awaitExit(id).exitCode()).isEqualTo(137);
  }

  @Test
  void missingExecutableFailsCreateWithTheRuntimesMessage() {
    String id = newId();
    ContainerSpec spec = spec(id, "no-such-command").build();

    assertThatThrownBy(() -> create(driver, spec))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("executable file not found")
        .hasMessageContaining("no-such-command")
        .satisfies(
            e ->
                assertThat(StartFailures.exitCode("no-such-command", e.getMessage()))
                    .hasValue(127));
    assertThat(tmp.resolve("state/containers").resolve(id)).doesNotExist();
    assertThat(tmp.resolve("state/attach").resolve(id)).doesNotExist();
    assertThat(tmp.resolve("bundles").resolve(id).resolve("attach")).doesNotExist();
    assertThatThrownBy(() -> driver.state(id)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void nonExecutableFileFailsCreateWithPermissionDenied() {
    String id = newId();
    ContainerSpec spec = spec(id, "/bin/not-executable").build();

    assertThatThrownBy(() -> create(driver, spec))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("permission denied")
        .satisfies(
            e ->
                assertThat(StartFailures.exitCode("/bin/not-executable", e.getMessage()))
                    .hasValue(126));
  }

  @Test
  void processRunsAsTheResolvedUserInItsOwnNamespaces() throws Exception {
    String id = newId();
    ProcessUser alice = UserResolver.resolve(rootfs, "alice");
    create(
        driver,
        spec(
                id,
                "sh",
                "-c",
                "id; echo HOME=$HOME; hostname; echo nofile=$(ulimit -n); ip -o link show")
            .user(alice)
            .build());
    driver.start(id);
    assertThat(awaitExit(id).exitCode()).isZero();

    List<String> lines = logLines(id);
    assertThat(lines)
        .contains(
            "STDOUT uid=1000(alice) gid=1000(alice) groups=10(wheel),29(audio),1000(alice)\n",
            "STDOUT HOME=/home/alice\n",
            "STDOUT " + id.substring(0, 12) + "\n",
            "STDOUT nofile=" + HostLimits.NOFILE + "\n");
    // A new network namespace holds only the loopback interface, brought up by the runtime.
    assertThat(lines.stream().filter(l -> l.contains(": lo:")))
        .singleElement()
        .asString()
        .contains("UP");
    assertThat(lines.stream().filter(l -> l.matches("(?s)STDOUT \\d+: .*"))).hasSize(1);
  }

  @Test
  void deleteKillsARunningContainerAndIsIdempotent() throws Exception {
    String id = newId();
    create(driver, spec(id, "sleep", "100").build());
    driver.start(id);
    assertThat(conmonOf(id)).hasSize(1);

    driver.delete(id);

    assertThat(conmonOf(id)).isEmpty();
    assertThat(driver.exitStatus(id)).isEmpty();
    assertThat(CGROUPS.resolve("memory/berth/" + id)).doesNotExist();
    assertThat(tmp.resolve("state/containers").resolve(id)).doesNotExist();
    assertThat(tmp.resolve("state/attach").resolve(id)).doesNotExist();
    try (Stream<Path> bundle = Files.list(tmp.resolve("bundles").resolve(id))) {
      assertThat(bundle.map(p -> p.getFileName().toString())).containsExactly("config.json");
    }
    assertThatThrownBy(() -> driver.state(id))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No such container: " + id);
    assertThatThrownBy(() -> driver.kill(id, "KILL")).isInstanceOf(NotFoundException.class);
    driver.delete(id);
  }

  @Test
  void deleteCleansUpWhenConmonShortensTheAttachLinkName() throws Exception {
    // conmon drops the last character of <state>/attach/<id> when that is 107 bytes long.
    int padding = 107 - "/attach/".length() - 64 - tmp.toString().length() - 1;
    assumeTrue(padding > 0, "temporary directory path too long");
    Path state = tmp.resolve("s".repeat(padding));
    ConmonRuncDriver shortened = new ConmonRuncDriver(ConmonRuncDriver.Config.runc(state));
    String id = newId();
    assertThat(state.resolve("attach").resolve(id).toString()).hasSize(107);
    create(shortened, spec(id, "sleep", "100").build());
    shortened.start(id);

    shortened.delete(id);

    try (Stream<Path> links = Files.list(state.resolve("attach"))) {
      assertThat(links).isEmpty();
    }
    try (Stream<Path> bundle = Files.list(tmp.resolve("bundles").resolve(id))) {
      assertThat(bundle.map(p -> p.getFileName().toString())).containsExactly("config.json");
    }
  }

  @Test
  void invalidSignalIsRejectedBeforeTheRuntimeIsAsked() {
    assertThatThrownBy(() -> driver.kill(newId(), "SIGFOO"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Invalid signal: SIGFOO");
  }

  @Test
  void containersOutliveTheDriverAndTheirExitsAreFoundAfterARestart() throws Exception {
    Path state = tmp.resolve("restart-state");
    ConmonRuncDriver first = new ConmonRuncDriver(ConmonRuncDriver.Config.runc(state));
    String running = newId();
    String exitsWhileDown = newId();
    ExitWatcher firstWatcher = first.watchExits((id, status) -> {});
    create(first, spec(running, "sleep", "100").build());
    first.start(running);
    create(first, spec(exitsWhileDown, "sh", "-c", "sleep 0.2; echo bye; exit 7").build());
    first.start(exitsWhileDown);
    firstWatcher.close();
    // "berthd" is gone; the second container exits meanwhile.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(state.resolve("exits").resolve(exitsWhileDown))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    ConmonRuncDriver second = new ConmonRuncDriver(ConmonRuncDriver.Config.runc(state));
    created.replaceAll((id, owner) -> owner == first ? second : owner);
    List<String> reported = new CopyOnWriteArrayList<>();
    Map<String, CompletableFuture<ExitStatus>> seen = new ConcurrentHashMap<>();
    try (ExitWatcher secondWatcher =
        second.watchExits(
            (id, status) -> {
              reported.add(id);
              seen.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(status);
            })) {
      secondWatcher.scan();
      secondWatcher.scan();
      assertThat(seen.get(exitsWhileDown).get(1, TimeUnit.SECONDS).exitCode()).isEqualTo(7);
      assertThat(logLines(exitsWhileDown)).containsExactly("STDOUT bye\n");

      assertThat(second.state(running).status()).isEqualTo(RuntimeState.Status.RUNNING);
      second.kill(running, "KILL");
      assertThat(
              seen.computeIfAbsent(running, k -> new CompletableFuture<>())
                  .get(10, TimeUnit.SECONDS)
                  .exitCode())
          .isEqualTo(137);
      assertThat(reported).containsExactlyInAnyOrder(exitsWhileDown, running);
    }
  }

  @Test
  void latencyOfRunningTrue() throws Exception {
    int warmups = 5;
    int runs = 20;
    List<Long> toExit = new ArrayList<>();
    List<Long> withDelete = new ArrayList<>();
    List<Long> creates = new ArrayList<>();
    for (int i = 0; i < warmups + runs; i++) {
      String id = newId();
      ContainerSpec spec = spec(id, "true").build();
      long t0 = System.nanoTime();
      create(driver, spec);
      long t1 = System.nanoTime();
      driver.start(id);
      assertThat(awaitExit(id).exitCode()).isZero();
      long t2 = System.nanoTime();
      driver.delete(id);
      long t3 = System.nanoTime();
      created.remove(id);
      if (i >= warmups) {
        creates.add(t1 - t0);
        toExit.add(t2 - t0);
        withDelete.add(t3 - t0);
      }
    }
    System.out.printf(
        "run --rm true over %d runs: create %s, create+start->exit %s, +delete %s%n",
        runs, stats(creates), stats(toExit), stats(withDelete));
    assertThat(median(withDelete)).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
  }

  private static long median(List<Long> nanos) {
    return nanos.stream().sorted().toList().get(nanos.size() / 2);
  }

  private static String stats(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return String.format(
        "min %.1f ms / median %.1f ms / max %.1f ms",
        sorted.getFirst() / 1e6, median(nanos) / 1e6, sorted.getLast() / 1e6);
  }

  @Test
  void exitsOfContainersNotOursAreNotConfusedWithTmpFiles() throws Exception {
    // conmon writes "<id>.XXXXXX" and renames it; only the final name is reported.
    Path exitDir = tmp.resolve("state/exits");
    String id = newId();
    Files.writeString(exitDir.resolve(id + ".AbC123"), "5");
    Files.move(exitDir.resolve(id + ".AbC123"), exitDir.resolve(id));

    assertThat(awaitExit(id).exitCode()).isEqualTo(5);
    Files.delete(exitDir.resolve(id));
    assertThat(Set.copyOf(exits.keySet())).doesNotContain(id + ".AbC123");
  }
}
