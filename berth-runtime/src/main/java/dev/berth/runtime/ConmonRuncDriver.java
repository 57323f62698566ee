package dev.berth.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.sys.Trees;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs each container under its own conmon, which runs the OCI runtime (runc by default, any
 * runtime with runc's command line by configuration).
 *
 * <p>State directory layout ({@link Config#stateDir()}, under berthd's exec root):
 *
 * <pre>
 *   exits/&lt;id&gt;                 exit code, written by conmon when the init process ends
 *   containers/&lt;id&gt;/conmon.pid  conmon's pid (this is conmon's working directory)
 *   containers/&lt;id&gt;/init.pid    the init process's host pid, written by the runtime
 *   attach/&lt;id&gt;                symlink to the bundle, where conmon puts its attach socket
 *                                (see {@link #attachLink} for a quirk of its name)
 *   runtime-&lt;name&gt;/            the runtime's own state (its --root)
 * </pre>
 *
 * <p>How create learns the outcome: conmon reports "created, pid N" or "failed, with the runtime's
 * stderr" as one JSON line on the fd named by {@code _OCI_SYNCPIPE}, and says nothing anywhere else
 * (without the pipe the runtime's error text is lost: conmon's stderr is /dev/null by then). Java
 * cannot hand a child any fd but 0-2, and conmon points those at /dev/null, so conmon runs under
 * {@code sh -c 'conmon ... 3>&1 | { read -r reply; printf ...; }'}: conmon's fd 3 is a pipe to the
 * shell, which passes the one line on to our stdout and exits only then. The shell must outlive the
 * line: conmon's first process exits as soon as it has forked, and when the process Java started
 * exits, the JDK drains what is in its stdout pipe at that instant and closes it, so a line written
 * later would be lost (it was, under load, with a plain {@code exec conmon 3>&1}). The cost is a
 * dash and two forks (about a millisecond); no polling, FIFOs or temporary files. The alternatives
 * (waiting for the runtime's pid file, watching conmon's pid) need polling to notice a failure and
 * still lose its message.
 */
public final class ConmonRuncDriver implements RuntimeDriver {

  /**
   * @param runtimeName a short name for the runtime ("runc"), naming its state directory
   * @param runtimePath the OCI runtime's binary
   * @param conmonPath conmon's binary
   * @param stateDir this driver's directory under berthd's exec root, e.g. /run/berth/runtime;
   *     several drivers (one per runtime) may share it, but each container must always be handled
   *     by the driver that created it: another runtime does not know it, and its delete would
   *     remove the files of a container it cannot stop
   */
  public record Config(String runtimeName, Path runtimePath, Path conmonPath, Path stateDir) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public Config {
      if (runtimeName == null || !NAME.matcher(runtimeName).matches()) {
        throw new InvalidArgumentException("invalid runtime name: " + runtimeName);
      }
      for (Path p : List.of(runtimePath, conmonPath, stateDir)) {
        if (!p.isAbsolute()) {
          throw new InvalidArgumentException(
              "runtime " + runtimeName + ": not an absolute path: " + p);
        }
      }
    }

    /** runc and conmon where Debian installs them. */
    public static Config runc(Path stateDir) {
      return new Config("runc", Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"), stateDir);
    }
  }

  private static final System.Logger LOG = System.getLogger(ConmonRuncDriver.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
  private static final String SYNC_PIPE_SCRIPT =
      "\"$0\" \"$@\" 3>&1 | { IFS= read -r reply; printf '%s\\n' \"$reply\"; }";
  private static final String PATH_ENV =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final File DEV_NULL = new File("/dev/null");
  private static final String CONMON_PID = "conmon.pid";
  private static final String INIT_PID = "init.pid";

  /** What conmon creates in the bundle besides config.json: attach socket, control FIFOs. */
  private static final List<String> CONMON_BUNDLE_FILES = List.of("attach", "ctl", "winsz");

  /** How long delete waits for conmon to record the exit of a container it just killed. */
  private static final long MONITOR_EXIT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Config config;
  private final Path exitDir;
  private final Path containersDir;
  private final Path attachDir;
  private final Path runtimeRoot;

  public ConmonRuncDriver(Config config) {
    this.config = config;
    Path state = config.stateDir();
    this.exitDir = state.resolve("exits");
    this.containersDir = state.resolve("containers");
    this.attachDir = state.resolve("attach");
    this.runtimeRoot = state.resolve("runtime-" + config.runtimeName());
    try {
      for (Path dir : List.of(exitDir, containersDir, attachDir, runtimeRoot)) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new InternalException("runtime " + config.runtimeName() + ": creating " + state, e);
    }
  }

  @Override
  public int create(ContainerSpec spec, Path logPath) {
    String id = spec.id();
    // conmon splits its --log-path value at ':' into driver and path.
    if (!logPath.isAbsolute() || logPath.toString().indexOf(':') >= 0) {
      throw new InvalidArgumentException(
          "container " + id + ": log path must be absolute and free of ':': " + logPath);
    }
    Path dir = containersDir.resolve(id);
    try {
      Files.createDirectories(dir);
      Files.createDirectories(logPath.getParent());
      // A previous run's exit would otherwise be taken for this run's.
      Files.deleteIfExists(exitDir.resolve(id));
      Files.deleteIfExists(dir.resolve(INIT_PID));
      OciSpecGenerator.write(spec);
    } catch (IOException e) {
      throw new InternalException(
          "container " + id + ": preparing to create: " + e.getMessage(), e);
    }

    List<String> command =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                SYNC_PIPE_SCRIPT,
                config.conmonPath().toString(),
                "--api-version=1",
                "--cid=" + id,
                "--cuuid=" + id,
                "--name=" + id,
                "--runtime=" + config.runtimePath(),
                "--runtime-arg=--root=" + runtimeRoot,
                "--bundle=" + spec.bundle(),
                "--container-pidfile=" + dir.resolve(INIT_PID),
                "--conmon-pidfile=" + dir.resolve(CONMON_PID),
                "--log-path=k8s-file:" + logPath,
                "--exit-dir=" + exitDir,
                "--socket-dir-path=" + attachDir,
                // Docker does not fsync container logs either; the fsync would delay every exit.
                "--no-sync-log"));
    if (spec.tty()) {
      command.add("--terminal");
    }
    if (spec.stdin() != ContainerSpec.Stdin.NONE) {
      command.add("--stdin");
    }
    if (spec.stdin() == ContainerSpec.Stdin.KEEP_OPEN) {
      command.add("--leave-stdin-open");
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(DEV_NULL);
    builder.environment().clear();
    builder.environment().put("PATH", PATH_ENV);
    builder.environment().put("_OCI_SYNCPIPE", "3");

    String reply = null;
    StringBuilder otherOutput = new StringBuilder();
    Process conmon;
    try {
      conmon = builder.start();
      // The first JSON line is conmon's; anything before it is conmon failing early on stderr.
      try (BufferedReader out = conmon.inputReader(StandardCharsets.UTF_8)) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("{")) {
            reply = line;
            break;
          }
          otherOutput.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      throw new InternalException("container " + id + ": starting conmon: " + e.getMessage(), e);
    }

    int pid = -1;
    String error;
    if (reply == null) {
      error = "conmon failed: " + otherOutput.toString().strip();
    } else {
      JsonNode json = parseJson(id, reply);
      pid = json.path("data").asInt(-1);
      error = json.path("message").asText("conmon reported no pid: " + reply);
    }
    if (pid > 0) {
      return pid;
    }
    deleteQuietly(id);
    throw createFailure(spec, RuntimeMessages.errorText(error));
  }

  @Override
  public void start(String id) {
    requireId(id);
    RunResult result = run("start", id);
    if (!result.ok()) {
      throw failure(id, "start", result);
    }
  }

  @Override
  public void kill(String id, String signal) {
    int number = Signals.parse(signal);
    requireId(id);
    RunResult result = run("kill", id, Integer.toString(number));
    if (!result.ok()) {
      throw failure(id, "kill", result);
    }
  }

  @Override
  public void delete(String id) {
    requireId(id);
    OptionalInt monitor = liveMonitor(id);
    RunResult result = run("delete", "--force", id);
    if (!result.ok() && !isNotFound(result)) {
      throw failure(id, "delete", result);
    }
    // A killed container's conmon is still writing its exit file; removing our files first would
    // let it recreate the exit file of a deleted container.
    if (monitor.isPresent()) {
      awaitMonitorExit(id, monitor.getAsInt());
    }
    try {
      removeFiles(id);
    } catch (IOException e) {
      throw new InternalException(
          "container " + id + ": removing runtime state: " + e.getMessage(), e);
    }
  }

  /**
   * Without a terminal, runs {@code runc exec --process} with the process's stdio as its own (the
   * fastest way in); runc's errors go to a log file rather than to the process's stderr, so a
   * command that never started is told apart from one that wrote to stderr and failed. With a
   * terminal, a conmon of its own holds the terminal; see {@link TerminalExecProcess}.
   */
  @Override
  public ExecProcess exec(String id, ExecSpec spec) {
    requireId(id);
    Path dir = containersDir.resolve(id);
    Path processFile = dir.resolve("exec-" + spec.execId() + ".json");
    try {
      Files.createDirectories(dir);
      byte[] containerConfig = Files.readAllBytes(Files.readSymbolicLink(attachLink(id)).resolve("config.json"));
      Files.write(processFile, OciSpecGenerator.execProcess(spec, containerConfig));
      return spec.tty() ? terminalExec(id, spec, processFile) : runcExec(id, spec, processFile);
    } catch (IOException e) {
      throw new InternalException("container " + id + ": starting exec " + spec.execId() + ": " + e.getMessage(), e);
    }
  }

  private ExecProcess runcExec(String id, ExecSpec spec, Path processFile) throws IOException {
    Path log = containersDir.resolve(id).resolve("exec-" + spec.execId() + ".log");
    ProcessBuilder builder = new ProcessBuilder(config.runtimePath().toString(), "--root", runtimeRoot.toString(),
        "--log", log.toString(), "exec", "--process", processFile.toString(), id);
    builder.environment().clear();
    builder.environment().put("PATH", PATH_ENV);
    return new RuncExecProcess(builder.start(), log, processFile);
  }

  /**
   * conmon in its exec mode, kept in the foreground ({@code --sync}) so that it is the process Java
   * started: its reports (attach socket ready, pid, exit code) come on fds 3 and 4, both our stdout,
   * and it waits for our go-aheads on fd 5, our stdin.
   */
  private ExecProcess terminalExec(String id, ExecSpec spec, Path processFile) throws IOException {
    Path execDir = containersDir.resolve(id).resolve("exec-" + spec.execId());
    Files.createDirectories(execDir);
    List<String> command = List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 3>&1 4>&1 5<&0",
        config.conmonPath().toString(),
        "--api-version=1",
        "--exec",
        "--exec-attach",
        "--sync",
        "--terminal",
        "--stdin",
        "--full-attach",
        "--cid=" + id,
        "--cuuid=" + spec.execId(),
        "--name=" + spec.execId(),
        "--runtime=" + config.runtimePath(),
        "--runtime-arg=--root=" + runtimeRoot,
        "--bundle=" + execDir,
        "--socket-dir-path=" + execDir,
        "--exec-process-spec=" + processFile,
        "--container-pidfile=" + execDir.resolve("pid"),
        "--log-path=none");
    ProcessBuilder builder = new ProcessBuilder(command).directory(execDir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().put("PATH", PATH_ENV);
    builder.environment().put("_OCI_SYNCPIPE", "3");
    builder.environment().put("_OCI_ATTACHPIPE", "4");
    builder.environment().put("_OCI_STARTPIPE", "5");
    return TerminalExecProcess.attach(builder.start(), execDir, processFile, "exec " + spec.execId());
  }

  @Override
  public AttachConnection attach(String id) {
    requireId(id);
    return AttachConnection.open(attachLink(id).resolve("attach"), "container " + id);
  }

  @Override
  public void resize(String id, int height, int width) {
    requireId(id);
    ControlFifo.resize(ControlFifo.of(attachLink(id)), height, width, "container " + id);
  }

  @Override
  public List<Integer> processes(String id) {
    requireId(id);
    RunResult result = run("ps", "--format", "json", id);
    if (!result.ok()) {
      throw failure(id, "ps", result);
    }
    List<Integer> pids = new ArrayList<>();
    parseJson(id, result.output()).forEach(pid -> pids.add(pid.asInt()));
    return List.copyOf(pids);
  }

  @Override
  public void pause(String id) {
    requireId(id);
    RunResult result = run("pause", id);
    if (!result.ok()) {
      throw failure(id, "pause", result);
    }
  }

  @Override
  public void resume(String id) {
    requireId(id);
    RunResult result = run("resume", id);
    if (!result.ok()) {
      throw failure(id, "resume", result);
    }
  }

  /** {@code runc update --resources}, with the resources as a file in the container's state directory. */
  @Override
  public void update(String id, LinuxResources resources) {
    requireId(id);
    Path file = containersDir.resolve(id).resolve("resources.json");
    try {
      Files.write(file, JSON.writeValueAsBytes(resources));
    } catch (IOException e) {
      throw new InternalException("container " + id + ": writing its new resources: " + e.getMessage(), e);
    }
    RunResult result = run("update", "--resources", file.toString(), id);
    if (!result.ok()) {
      if (isNotFound(result)) {
        throw new NotFoundException("No such container: " + id);
      }
      throw new InvalidArgumentException(RuntimeMessages.errorText(result.output()));
    }
  }

  @Override
  public boolean oomKilled(String id) {
    requireId(id);
    try {
      return Cgroups.oomKills(id).orElse(0L) > 0;
    } catch (IOException | NumberFormatException e) {
      LOG.log(Level.WARNING, "container " + id + ": cannot read its OOM kill count", e);
      return false;
    }
  }

  @Override
  public RuntimeState state(String id) {
    requireId(id);
    RunResult result = run("state", id);
    Optional<ExitStatus> exit = exitStatus(id);
    if (!result.ok()) {
      if (isNotFound(result) && exit.isPresent()) {
        return RuntimeState.stopped(exit);
      }
      throw failure(id, "state", result);
    }
    JsonNode json = parseJson(id, result.output());
    RuntimeState.Status status =
        switch (json.path("status").asText()) {
          case "creating", "created" -> RuntimeState.Status.CREATED;
          case "running" -> RuntimeState.Status.RUNNING;
          case "paused" -> RuntimeState.Status.PAUSED;
          case "stopped" -> RuntimeState.Status.STOPPED;
          default ->
              throw new InternalException(
                  "container " + id + ": unknown runtime status: " + result.output().strip());
        };
    if (status == RuntimeState.Status.STOPPED) {
      return RuntimeState.stopped(exit);
    }
    return new RuntimeState(
        status, json.path("pid").asInt(), OptionalInt.empty(), Optional.empty());
  }

  @Override
  public Optional<ExitStatus> exitStatus(String id) {
    requireId(id);
    try {
      return ExitWatcher.read(exitDir.resolve(id));
    } catch (IOException e) {
      throw new InternalException("container " + id + ": reading exit file: " + e.getMessage(), e);
    }
  }

  @Override
  public ExitWatcher watchExits(ExitListener listener) {
    try {
      return new ExitWatcher(exitDir, listener);
    } catch (IOException e) {
      throw new InternalException(
          "watching container exits in " + exitDir + ": " + e.getMessage(), e);
    }
  }

  private static BerthException createFailure(ContainerSpec spec, String runtimeError) {
    String message = "OCI runtime create failed: " + runtimeError;
    if (StartFailures.exitCode(spec.args().getFirst(), message).isPresent()) {
      return new InvalidArgumentException(message);
    }
    return new InternalException(message);
  }

  private BerthException failure(String id, String action, RunResult result) {
    if (isNotFound(result)) {
      return new NotFoundException("No such container: " + id);
    }
    String text = RuntimeMessages.errorText(result.output());
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("not running")
        || lower.contains("already finished")
        || lower.contains("cannot start")) {
      return new ConflictException("container " + id + ": " + text);
    }
    return new InternalException(
        "container " + id + ": " + config.runtimeName() + " " + action + " failed: " + text);
  }

  private static boolean isNotFound(RunResult result) {
    return result.output().contains("container does not exist");
  }

  private static void requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidArgumentException("invalid container id: " + id);
    }
  }

  private static JsonNode parseJson(String id, String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new InternalException("container " + id + ": unreadable runtime reply: " + text, e);
    }
  }

  /** conmon's pid if it still runs; the command line check guards against a reused pid. */
  private OptionalInt liveMonitor(String id) {
    try {
      Path pidFile = containersDir.resolve(id).resolve(CONMON_PID);
      int pid = Integer.parseInt(Files.readString(pidFile).strip());
      String cmdline = Files.readString(Path.of("/proc", Integer.toString(pid), "cmdline"));
      List<String> args = List.of(cmdline.split("\0"));
      boolean ours = args.getFirst().endsWith("conmon") && args.contains("--cid=" + id);
      return ours ? OptionalInt.of(pid) : OptionalInt.empty();
    } catch (NoSuchFileException | NumberFormatException e) {
      return OptionalInt.empty();
    } catch (IOException e) {
      throw new InternalException("container " + id + ": finding its conmon: " + e.getMessage(), e);
    }
  }

  private void awaitMonitorExit(String id, int pid) {
    Path exitFile = exitDir.resolve(id);
    Path proc = Path.of("/proc", Integer.toString(pid));
    long deadline = System.nanoTime() + MONITOR_EXIT_TIMEOUT_NANOS;
    long sleepMillis = 1;
    while (!Files.exists(exitFile) && Files.exists(proc)) {
      if (System.nanoTime() > deadline) {
        LOG.log(Level.WARNING, "container " + id + ": conmon " + pid + " did not record the exit");
        return;
      }
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InternalException("container " + id + ": interrupted while deleting", e);
      }
      sleepMillis = Math.min(sleepMillis * 2, 20);
    }
  }

  /**
   * The symlink to the bundle that conmon makes in the socket directory, named by the id, except
   * that conmon drops the name's last character when the link's path would be exactly 107 bytes
   * long (a workaround of its own for sun_path's 108).
   */
  private Path attachLink(String id) {
    String path = attachDir.resolve(id).toString();
    int sunPathMax = 108;
    return Path.of(path.length() == sunPathMax - 1 ? path.substring(0, path.length() - 1) : path);
  }

  private void removeFiles(String id) throws IOException {
    Path link = attachLink(id);
    try {
      Path bundle = Files.readSymbolicLink(link);
      for (String name : CONMON_BUNDLE_FILES) {
        Files.deleteIfExists(bundle.resolve(name));
      }
    } catch (NoSuchFileException | NotLinkException e) {
      // conmon never got as far as creating it
    }
    Files.deleteIfExists(link);
    Files.deleteIfExists(exitDir.resolve(id));
    Trees.delete(containersDir.resolve(id));
  }

  private void deleteQuietly(String id) {
    try {
      delete(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "container " + id + ": cleaning up after a failed create", e);
    }
  }

  private record RunResult(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs the OCI runtime with our --root and waits for it. */
  private RunResult run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(config.runtimePath().toString());
    command.add("--root");
    command.add(runtimeRoot.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectInput(DEV_NULL);
    builder.environment().clear();
    builder.environment().put("PATH", PATH_ENV);
    String what = config.runtimeName() + " " + args[0] + " " + args[args.length - 1];
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new RunResult(process.waitFor(), output);
    } catch (IOException e) {
      throw new InternalException("running " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalException("interrupted while running " + what, e);
    }
  }

  @Override
  public String toString() {
    return "ConmonRuncDriver[" + config.runtimeName() + " " + config.runtimePath() + "]";
  }
}
