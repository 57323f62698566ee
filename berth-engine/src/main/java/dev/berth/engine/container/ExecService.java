package dev.berth.engine.container;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ExecCreateRequest;
import dev.berth.api.container.DetachKeys;
import dev.berth.api.container.ExecInspect;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.runtime.ExecProcess;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ProcessUser;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.UserResolver;
import dev.berth.snapshot.Snapshotter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code docker exec}: processes started in a running container, each created once and started once,
 * kept (as dockerd keeps them) until their container is removed.
 */
public final class ExecService {

  /** Docker records this code for an exec whose command could not be run at all. */
  private static final int NOT_RUN_EXIT_CODE = 126;

  /** How the container service announces events; exec events are container events. */
  interface Publisher {
    void publish(ContainerRecord container, String action, Map<String, String> attributes);
  }

  private final ContainerStore store;
  private final Snapshotter snapshotter;
  private final Runtimes runtimes;
  private final Publisher events;
  private final Map<String, Exec> execs = new ConcurrentHashMap<>();

  ExecService(ContainerStore store, Snapshotter snapshotter, Runtimes runtimes, Publisher events) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.runtimes = runtimes;
    this.events = events;
  }

  /** One exec: what was asked, and what became of it. */
  public static final class Exec {
    private final String id;
    private final String containerId;
    private final ExecCreateRequest request;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running;
    private volatile Integer exitCode;
    /** Set once the process runs; until then a resize is kept in {@link #terminalSize}. */
    private volatile ExecProcess process;
    private volatile TerminalSize terminalSize;

    private Exec(String id, String containerId, ExecCreateRequest request) {
      this.id = id;
      this.containerId = containerId;
      this.request = request;
    }

    public boolean tty() {
      return request.tty();
    }

    public boolean attachStdin() {
      return request.attachStdin();
    }

    public String detachKeys() {
      return request.detachKeys();
    }
  }

  public String create(String idOrName, ExecCreateRequest request) {
    Container container = store.resolve(idOrName);
    ContainerRecord record = container.record();
    if (record.status() == ContainerStatus.PAUSED) {
      throw new ConflictException("Container " + idOrName + " is paused, unpause the container before exec");
    }
    if (!record.isRunning()) {
      throw new ConflictException("Container " + record.id() + " is not running");
    }
    if (request.cmd() == null || request.cmd().isEmpty()) {
      throw new InvalidArgumentException("No exec command specified");
    }
    DetachKeys.parse(request.detachKeys());
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    Exec exec = new Exec(HexFormat.of().formatHex(bytes), record.id(), request);
    execs.put(exec.id, exec);
    events.publish(record, "exec_create: " + String.join(" ", request.cmd()), Map.of("execID", exec.id));
    return exec.id;
  }

  public ExecInspect inspect(String execId) {
    Exec exec = find(execId);
    List<String> cmd = exec.request.cmd();
    return new ExecInspect(false, exec.containerId, nullToEmpty(exec.request.detachKeys()), exec.exitCode, exec.id,
        exec.request.attachStderr(), exec.request.attachStdin(), exec.request.attachStdout(),
        new ExecInspect.ProcessConfig(cmd.subList(1, cmd.size()), cmd.getFirst(), false, exec.request.tty(),
            nullToEmpty(exec.request.user())),
        exec.running, 0);
  }

  /**
   * Claims an exec for starting. Called before the connection is hijacked, so that an unknown or
   * already started exec, or a container that stopped meanwhile, is an ordinary error response.
   */
  public Exec begin(String execId, List<Integer> consoleSize) {
    Exec exec = find(execId);
    if (consoleSize != null && consoleSize.size() == 2 && consoleSize.get(0) > 0 && consoleSize.get(1) > 0) {
      exec.terminalSize = new TerminalSize(consoleSize.get(0), consoleSize.get(1));
    }
    if (!exec.started.compareAndSet(false, true)) {
      throw new ConflictException("Error: Exec command " + execId + " is already running");
    }
    ContainerRecord record = store.resolve(exec.containerId).record();
    if (!record.isRunning()) {
      throw new ConflictException("Container " + record.id() + " is not running");
    }
    return exec;
  }

  /**
   * Runs a begun exec with the client's streams until it ends, or until the client types the detach
   * keys (when {@code stdin} watches for them); a detached exec runs on and is recorded when it ends.
   * Without a terminal, its output goes to {@code stdout} and {@code stderr}; with one, all of it to
   * {@code stdout}.
   */
  public void run(Exec exec, InputStream stdin, OutputStream stdout, OutputStream stderr) throws InterruptedException {
    ContainerRecord record = store.resolve(exec.containerId).record();
    ContainerConfig config = record.config();
    Path rootfs = snapshotter.mountContainer(record.id());
    ProcessUser user = UserResolver.resolve(rootfs, nonEmpty(exec.request.user(), config.user()));
    String cwd = nonEmpty(exec.request.workingDir(), nonEmpty(config.workingDir(), "/"));
    List<String> env = ContainerService.processEnv(config, exec.request.env(), exec.request.tty(), user);
    ExecProcess process = runtimes.driver(record.runtime())
        .exec(record.id(), new ExecSpec(exec.id, exec.request.cmd(), env, cwd, user, exec.request.tty(),
            exec.terminalSize, exec.request.privileged()));
    exec.process = process;
    exec.running = true;
    TerminalSize resized = exec.terminalSize;
    if (resized != null) {
      // a resize that came while the process was being created
      process.resize(resized.height(), resized.width());
    }
    String command = String.join(" ", exec.request.cmd());
    events.publish(record, "exec_start: " + command, Map.of("execID", exec.id));
    Thread out = pump(process.stdout(), stdout);
    Thread err = pump(process.stderr(), stderr);
    CompletableFuture<Void> detached = new CompletableFuture<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    feedStdin(exec, stdin, process, detached);
    Thread.ofVirtual().name("exec-" + exec.id.substring(0, 12)).start(() -> {
      try {
        finish(exec, record, process, out, err, stdout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ended.complete(null);
      }
    });
    try {
      CompletableFuture.anyOf(ended, detached).get();
    } catch (ExecutionException e) {
      throw new InternalException("exec " + exec.id + " failed", e.getCause());
    }
  }

  /** Waits for the process and its output, and records how it ended. */
  private void finish(Exec exec, ContainerRecord record, ExecProcess process, Thread out, Thread err,
      OutputStream stdout) throws InterruptedException {
    ExecProcess.Exit exit = process.waitFor();
    out.join();
    err.join();
    int code = exit.code();
    if (exit.runtimeError().isPresent()) {
      code = NOT_RUN_EXIT_CODE;
      report(stdout, "OCI runtime exec failed: " + exit.runtimeError().get() + ": unknown\r\n");
    }
    exec.exitCode = code;
    exec.running = false;
    events.publish(record, "exec_die", Map.of("execID", exec.id, "exitCode", Integer.toString(code)));
  }

  /**
   * {@code POST /exec/{id}/resize}: the size of the exec's terminal, kept for its start when it has
   * not started yet.
   */
  public void resize(String execId, int height, int width) {
    Exec exec = find(execId);
    if (height <= 0 || width <= 0) {
      return;
    }
    exec.terminalSize = new TerminalSize(height, width);
    ExecProcess process = exec.process;
    if (process != null && exec.running) {
      process.resize(height, width);
    }
  }

  /** What one health probe gave: its exit code (-1 when it timed out) and the start of its output. */
  record ProbeResult(Instant start, Instant end, int exitCode, String output) {}

  /**
   * Runs a health probe as dockerd does: an exec of {@code command} with its events, its output
   * (stdout and stderr together) cut to {@link HealthChecks#MAX_OUTPUT} bytes, ended after {@code
   * timeout}. The exec is forgotten once it has ended.
   */
  ProbeResult probe(String containerId, List<String> command, Duration timeout) throws InterruptedException {
    Instant start = Instant.now();
    String execId = create(containerId, new ExecCreateRequest(false, true, true, null, false, List.of(), command,
        false, null, null));
    try {
      Exec exec = begin(execId, null);
      BoundedOutput output = new BoundedOutput(HealthChecks.MAX_OUTPUT);
      Thread running = Thread.ofVirtual().name("probe-" + execId.substring(0, 12)).start(() -> {
        try {
          run(exec, null, output, output);
        } catch (InterruptedException | RuntimeException e) {
          output.note(e.getMessage());
        }
      });
      if (!running.join(timeout)) {
        ExecProcess process = exec.process;
        if (process != null) {
          process.destroy();
        }
        return new ProbeResult(start, Instant.now(), -1,
            "Health check exceeded timeout (" + HealthChecks.format(timeout) + ")");
      }
      Integer code = exec.exitCode;
      return new ProbeResult(start, Instant.now(), code == null ? -1 : code, output.text());
    } catch (BerthException e) {
      return new ProbeResult(start, Instant.now(), -1, e.getMessage());
    } finally {
      execs.remove(execId);
    }
  }

  /** Collects output up to a limit and drops the rest. */
  private static final class BoundedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;

    BoundedOutput(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
      if (bytes.size() < limit) {
        bytes.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, Math.max(0, Math.min(len, limit - bytes.size())));
    }

    synchronized void note(String text) {
      if (text != null) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** Forgets the execs of a removed container. */
  void forget(String containerId) {
    execs.values().removeIf(exec -> exec.containerId.equals(containerId));
  }

  private Exec find(String execId) {
    Exec exec = execs.get(execId);
    if (exec == null) {
      throw new NotFoundException("No such exec instance: " + execId);
    }
    return exec;
  }

  /**
   * Copies the client's stdin in on its own thread; the process sees end of input when the client
   * half-closes. Typing the detach keys completes {@code detached} instead, leaving stdin open.
   */
  private static void feedStdin(Exec exec, InputStream stdin, ExecProcess process, CompletableFuture<Void> detached) {
    if (!exec.request.attachStdin() || stdin == null) {
      closeQuietly(process.stdin());
      return;
    }
    // a terminal exec's stdin is a socket whose calls block in the kernel: not for a virtual thread
    Thread.ofPlatform().daemon().name("exec-stdin-" + exec.id.substring(0, 12)).start(() -> {
      OutputStream in = process.stdin();
      try {
        stdin.transferTo(in);
        if (stdin instanceof DetachKeys.Watcher watcher && watcher.detached()) {
          detached.complete(null);
          return;
        }
        in.close();
      } catch (IOException e) {
        // the process ended or the client went away; either way there is nothing more to feed
      }
    });
  }

  /**
   * Copies one output stream to the client. Once the client has gone, the output is still read and
   * dropped: a process whose output nobody reads would block when the pipe fills.
   */
  private static Thread pump(InputStream from, OutputStream to) {
    return Thread.ofPlatform().daemon().start(() -> {
      byte[] buffer = new byte[8192];
      OutputStream client = to;
      try {
        for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
          if (client != null) {
            try {
              client.write(buffer, 0, n);
              client.flush();
            } catch (IOException gone) {
              client = null;
            }
          }
        }
      } catch (IOException e) {
        // the process's side closed: its output has ended
      }
    });
  }

  private static void report(OutputStream out, String text) {
    if (out == null) {
      return;
    }
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new InternalException("cannot report an exec failure to the client", e);
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException ignored) {
      // closing a pipe to a process that already ended
    }
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
