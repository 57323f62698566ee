package dev.berth.engine.container;

import dev.berth.api.container.ContainerChange;
import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerCreateResponse;
import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerPruneReport;
import dev.berth.api.container.ContainerState;
import dev.berth.api.container.ContainerSummary;
import dev.berth.api.container.ContainerTopResponse;
import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerUpdateResponse;
import dev.berth.api.container.Health;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Resources;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.api.errors.NotModifiedException;
import dev.berth.content.Digest;
import dev.berth.engine.Filters;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.ImageService;
import dev.berth.image.ConfigChanges;
import dev.berth.image.Image;
import dev.berth.image.Reference;
import dev.berth.runtime.AttachConnection;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.MountSpec;
import dev.berth.runtime.OciSpecGenerator;
import dev.berth.runtime.ProcessUser;
import dev.berth.runtime.RuntimeDriver;
import dev.berth.runtime.RuntimeState;
import dev.berth.runtime.Signals;
import dev.berth.runtime.StartFailures;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.UserResolver;
import dev.berth.snapshot.Change;
import dev.berth.snapshot.Snapshotter;
import dev.berth.sys.Trees;
import dev.berth.snapshot.TreeArchiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Container lifecycle: create, start, stop, kill, restart, wait, rename, remove, list, inspect, prune.
 * Every state change happens under the container's own lock and is persisted before it is visible.
 */
public final class ContainerService implements ImageService.ImageUsers {

  private static final Logger LOG = Logger.getLogger(ContainerService.class.getName());
  private static final Pattern VALID_NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final int DEFAULT_STOP_TIMEOUT_SECONDS = 10;
  private static final int KILL_WAIT_SECONDS = 10;
  private static final Set<String> LIST_FILTERS =
      Set.of("status", "name", "label", "id", "ancestor", "exited", "before", "since", "health");
  private static final Set<String> PRUNE_FILTERS = Set.of("until", "label");
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
  private static final int UNKNOWN_EXIT_CODE = 255;
  /**
   * Where the runtime mounts over a container's root, creating the file or directory if the image
   * lacks it; Docker keeps these in a hidden init layer, so {@code diff} never shows them.
   */
  private static final Set<String> MOUNT_POINTS = Set.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
      "/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup", HostSettings.INIT_PATH);

  private final ContainerStore store;
  private final ImageService images;
  private final Snapshotter snapshotter;
  private final Runtimes runtimes;
  private final EventBus events;
  private final ExecService execs;
  private final HealthMonitor health;
  private final HostSettings hostSettings;

  public ContainerService(Path containersRoot, ImageService images, Snapshotter snapshotter, Runtimes runtimes,
      EventBus events) {
    this.store = new ContainerStore(containersRoot);
    this.images = images;
    this.snapshotter = snapshotter;
    this.runtimes = runtimes;
    this.events = events;
    this.execs = new ExecService(store, snapshotter, runtimes, this::publish);
    this.health = new HealthMonitor(execs, this::publish);
    this.hostSettings = new HostSettings(store);
  }

  /** The processes users run inside this service's containers. */
  public ExecService execs() {
    return execs;
  }

  /** Docker's container event: the container's labels, image and name, plus what the action adds. */
  void publish(ContainerRecord record, String action, Map<String, String> extra) {
    Map<String, String> attributes = new TreeMap<>();
    if (record.config().labels() != null) {
      attributes.putAll(record.config().labels());
    }
    attributes.put("image", record.config().image());
    attributes.put("name", record.shortName());
    attributes.putAll(extra);
    events.publish("container", action, record.id(), attributes);
  }

  /**
   * Loads the containers and reconciles them with what happened while berthd was away: a container
   * that exited meanwhile gets its exit code from the runtime's record; one still running stays so.
   */
  public void recover() {
    Collection<Container> loaded = store.load();
    Set<String> known = new HashSet<>();
    loaded.forEach(container -> known.add(container.record().id()));
    for (String key : snapshotter.containers()) {
      if (!known.contains(key)) {
        LOG.warning("removing the root of container " + key + ", whose create a crash interrupted");
        snapshotter.removeContainer(key);
      }
    }
    for (Container container : loaded) {
      ContainerRecord record = container.record();
      if (record.isRunning()) {
        RuntimeDriver driver = runtimes.driver(record.runtime());
        Optional<ExitStatus> exit = driver.exitStatus(record.id());
        if (exit.isPresent() || !isAlive(driver, record.id())) {
          onExit(container, exit.orElse(new ExitStatus(UNKNOWN_EXIT_CODE, Instant.now())));
        } else {
          health.started(container);
        }
      } else if (record.status() == ContainerStatus.REMOVING) {
        finishRemoval(container, true);
      } else if (record.status() == ContainerStatus.EXITED && record.hostConfig().autoRemove()) {
        // a crash came between the exit and the removal that --rm asked for
        container.lock.lock();
        try {
          removeLocked(container);
        } finally {
          container.lock.unlock();
        }
      }
    }
  }

  @Override
  public Map<String, Boolean> containersUsing(Digest imageId) {
    Map<String, Boolean> users = new TreeMap<>();
    store.all().forEach(c -> {
      if (c.record().imageId().equals(imageId.toString())) {
        users.put(c.record().id(), c.record().isRunning());
      }
    });
    return users;
  }

  @Override
  public Set<String> chainsInUse() {
    Set<String> chains = new HashSet<>();
    store.all().forEach(c -> chains.addAll(c.record().layerChain()));
    return chains;
  }

  /** A container whose runtime state vanished (a reboot) without a recorded exit; Docker shows 255 too. */
  private static boolean isAlive(RuntimeDriver driver, String id) {
    try {
      return driver.state(id).status() != RuntimeState.Status.STOPPED;
    } catch (NotFoundException gone) {
      return false;
    }
  }

  /** Called by the runtime's exit watcher. */
  public void exited(String id, ExitStatus status) {
    try {
      onExit(store.resolve(id), status);
    } catch (BerthException gone) {
      LOG.fine(() -> "exit of unknown container " + id + ": " + gone.getMessage());
    }
  }

  // ---- create ------------------------------------------------------------------------------------

  public ContainerCreateResponse create(String requestedName, ContainerCreateRequest request) {
    ContainerConfig requested = request.config();
    if (requested == null || requested.image() == null || requested.image().isEmpty()) {
      throw new InvalidArgumentException("config.Image: image name must not be empty");
    }
    HostConfig hostConfig = request.hostConfig() == null ? HostConfig.defaults() : request.hostConfig();
    HealthChecks.validate(requested.healthcheck());
    Image image = images.resolve(requested.image());
    String id = newId();
    String name = requestedName == null || requestedName.isEmpty()
        ? "/" + NameGenerator.generate(candidate -> store.nameTaken("/" + candidate))
        : validName(requestedName);
    ContainerConfig config = merge(requested, image, id);
    if ((config.entrypoint() == null || config.entrypoint().isEmpty())
        && (config.cmd() == null || config.cmd().isEmpty())) {
      throw new InvalidArgumentException("no command specified");
    }
    if (config.workingDir() != null && !config.workingDir().isEmpty() && !config.workingDir().startsWith("/")) {
      throw new InvalidArgumentException("the working directory '" + config.workingDir()
          + "' is invalid, it needs to be an absolute path");
    }
    String runtime = hostConfig.runtime() == null || hostConfig.runtime().isEmpty() ? runtimes.defaultName()
        : hostConfig.runtime();
    runtimes.driver(runtime);
    List<String> command = new ArrayList<>();
    if (config.entrypoint() != null) {
      command.addAll(config.entrypoint());
    }
    if (config.cmd() != null) {
      command.addAll(config.cmd());
    }
    HostConfig settled = hostConfig.withDaemonDefaults(
        hostConfig.logConfig() == null || hostConfig.logConfig().type() == null
            || hostConfig.logConfig().type().isEmpty()
            ? new HostConfig.LogConfig("json-file", Map.of()) : hostConfig.logConfig(),
        hostConfig.networkMode() == null || hostConfig.networkMode().isEmpty() ? "none" : hostConfig.networkMode(),
        hostConfig.restartPolicy() == null || hostConfig.restartPolicy().name() == null
            || hostConfig.restartPolicy().name().isEmpty()
            ? new HostConfig.RestartPolicy("no", 0) : hostConfig.restartPolicy(),
        "host", hostConfig.ipcMode(),
        hostConfig.shmSize() > 0 ? hostConfig.shmSize() : ContainerSpec.DEFAULT_SHM_SIZE, runtime,
        hostConfig.maskedPaths() != null ? hostConfig.maskedPaths() : OciSpecGenerator.MASKED_PATHS,
        hostConfig.readonlyPaths() != null ? hostConfig.readonlyPaths() : OciSpecGenerator.READONLY_PATHS);
    RestartPolicies.validate(settled.restartPolicy(), settled.autoRemove());
    HostSettings.Settled host = hostSettings.settle(settled, nullToEmpty(requested.hostname()));
    List<String> chain = images.chainIds(image);
    ContainerRecord record = new ContainerRecord(id, name, Instant.now(), command.getFirst(),
        List.copyOf(command.subList(1, command.size())), config, host.hostConfig(), image.id().toString(), runtime,
        chain, ContainerStatus.CREATED, 0, 0, "", null, null, 0, false, false);
    store.reserveName(name, id);
    try {
      Path dir = store.dir(id);
      Files.createDirectories(dir);
      ContainerFiles.write(dir, config.hostname());
      snapshotter.prepareContainer(id, chain.reversed());
      store.persist(record);
    } catch (IOException | RuntimeException e) {
      store.releaseName(name, id);
      discardPartialCreate(id);
      if (e instanceof BerthException known) {
        throw known;
      }
      throw new InternalException("cannot create container " + id + ": " + e.getMessage(), e);
    }
    store.add(new Container(record));
    publish(record, "create", Map.of());
    return new ContainerCreateResponse(id, host.warnings());
  }

  private void discardPartialCreate(String id) {
    try {
      snapshotter.removeContainer(id);
      Trees.delete(store.dir(id));
    } catch (IOException | RuntimeException cleanup) {
      LOG.log(Level.WARNING, "cannot clean up the failed create of container " + id, cleanup);
    }
  }

  private static String validName(String name) {
    if (!VALID_NAME.matcher(name).matches()) {
      throw new InvalidArgumentException("Invalid container name (" + name
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return name.startsWith("/") ? name : "/" + name;
  }

  /** The request's config over the image's, with Docker's rules for which fields inherit. */
  private static ContainerConfig merge(ContainerConfig requested, Image image, String id) {
    ContainerConfig base = image.config().config() == null ? ContainerConfig.empty() : image.config().config();
    Map<String, String> env = new LinkedHashMap<>();
    addEnv(env, base.env());
    addEnv(env, requested.env());
    boolean entrypointGiven = requested.entrypoint() != null;
    List<String> entrypoint = entrypointGiven ? emptyToNull(requested.entrypoint()) : base.entrypoint();
    List<String> cmd = requested.cmd() != null && !requested.cmd().isEmpty() ? requested.cmd()
        : entrypointGiven ? null : base.cmd();
    String workingDir = nonEmpty(requested.workingDir()).orElse(nullToEmpty(base.workingDir()));
    String user = nonEmpty(requested.user()).orElse(nullToEmpty(base.user()));
    String hostname = nonEmpty(requested.hostname()).orElse(id.substring(0, 12));
    Map<String, String> labels = new TreeMap<>();
    if (base.labels() != null) {
      labels.putAll(base.labels());
    }
    if (requested.labels() != null) {
      labels.putAll(requested.labels());
    }
    Map<String, Map<String, Object>> ports = mergeKeys(base.exposedPorts(), requested.exposedPorts());
    Map<String, Map<String, Object>> volumes = mergeKeys(base.volumes(), requested.volumes());
    return new ContainerConfig(hostname, nullToEmpty(requested.domainname()), user, requested.attachStdin(),
        requested.attachStdout(), requested.attachStderr(), ports, requested.tty(), requested.openStdin(),
        requested.stdinOnce(), env.isEmpty() ? null : env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toList(), cmd, HealthChecks.merge(requested.healthcheck(), base.healthcheck()),
        requested.argsEscaped(), requested.image(), volumes, workingDir, entrypoint, requested.networkDisabled(),
        requested.macAddress(), null, labels, nonEmpty(requested.stopSignal()).orElse(base.stopSignal()),
        requested.stopTimeout(), requested.shell() != null ? requested.shell() : base.shell());
  }

  private static void addEnv(Map<String, String> env, List<String> entries) {
    if (entries != null) {
      for (String entry : entries) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    }
  }

  private static Map<String, Map<String, Object>> mergeKeys(Map<String, Map<String, Object>> base,
      Map<String, Map<String, Object>> extra) {
    if ((base == null || base.isEmpty()) && (extra == null || extra.isEmpty())) {
      return null;
    }
    Map<String, Map<String, Object>> merged = new TreeMap<>();
    if (base != null) {
      merged.putAll(base);
    }
    if (extra != null) {
      merged.putAll(extra);
    }
    return merged;
  }

  // ---- start / exit ------------------------------------------------------------------------------

  public void start(String idOrName) {
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (record.isRunning()) {
        throw new NotModifiedException("container already started");
      }
      if (record.status() == ContainerStatus.REMOVING || record.status() == ContainerStatus.DEAD) {
        throw new ConflictException("cannot start a container that has been removed");
      }
      startLocked(container);
    } finally {
      container.lock.unlock();
    }
  }

  private void startLocked(Container container) {
    ContainerRecord record = container.record();
    RuntimeDriver driver = runtimes.driver(record.runtime());
    Path dir = store.dir(record.id());
    try {
      Path rootfs = snapshotter.mountContainer(record.id());
      ContainerConfig config = record.config();
      ProcessUser user = UserResolver.resolve(rootfs, config.user());
      String cwd = config.workingDir() == null || config.workingDir().isEmpty() ? "/" : config.workingDir();
      if (!cwd.equals("/")) {
        RootfsPaths.createDirectories(rootfs, cwd);
      }
      List<String> args = new ArrayList<>();
      args.add(record.path());
      args.addAll(record.args());
      ContainerSpec.Builder builder = ContainerSpec.builder(record.id(), rootfs, dir.resolve("bundle"))
          .args(args)
          .env(processEnv(config, List.of(), config.tty(), user))
          .cwd(cwd)
          .user(user)
          .hostname(config.hostname())
          .mount(MountSpec.bind(dir.resolve(ContainerFiles.HOSTNAME).toString(), "/etc/hostname", false))
          .mount(MountSpec.bind(dir.resolve(ContainerFiles.HOSTS).toString(), "/etc/hosts", false))
          .mount(MountSpec.bind(dir.resolve(ContainerFiles.RESOLV_CONF).toString(), "/etc/resolv.conf", false))
          .readonlyRootfs(record.hostConfig().readonlyRootfs())
          .tty(config.tty())
          .consoleSize(initialTerminalSize(record.hostConfig()))
          .stdin(stdinOf(config));
      hostSettings.configure(builder, record, rootfs, user, args);
      ContainerSpec spec = builder.build();
      Files.createDirectories(spec.bundle());
      int pid = driver.create(spec, logPath(record.id()));
      // connected before the process runs, so clients that attached before the start miss nothing
      for (CompletableFuture<AttachConnection> attach : container.takePendingAttaches()) {
        connect(attach, driver, record.id());
      }
      driver.start(record.id());
      ContainerRecord running = record.started(pid, Instant.now());
      store.persist(running);
      container.update(running);
      publish(running, "start", Map.of());
      health.started(container);
    } catch (BerthException | IOException e) {
      failStart(container, e);
    }
  }

  /**
   * A terminal's stdin is never closed when a client leaves: a pty has no end of input to pass on,
   * and a client that detached must find it open when it attaches again.
   */
  private static ContainerSpec.Stdin stdinOf(ContainerConfig config) {
    if (!config.openStdin()) {
      return ContainerSpec.Stdin.NONE;
    }
    return config.stdinOnce() && !config.tty() ? ContainerSpec.Stdin.ONCE : ContainerSpec.Stdin.KEEP_OPEN;
  }

  /** The terminal size the client asked for at create ({@code ConsoleSize}: rows, columns), or null. */
  private static TerminalSize initialTerminalSize(HostConfig hostConfig) {
    List<Integer> size = hostConfig.consoleSize();
    if (size == null || size.size() != 2 || size.get(0) <= 0 || size.get(1) <= 0) {
      return null;
    }
    return new TerminalSize(size.get(0), size.get(1));
  }

  private static void connect(CompletableFuture<AttachConnection> attach, RuntimeDriver driver, String id) {
    try {
      attach.complete(driver.attach(id));
    } catch (RuntimeException e) {
      attach.completeExceptionally(e);
    }
  }

  /** Docker keeps the container, records why it did not start, and maps the runtime's words to an exit code. */
  private void failStart(Container container, Exception cause) {
    ContainerRecord record = container.record();
    container.takePendingAttaches().forEach(attach -> attach.cancel(false));
    String message = cause.getMessage();
    OptionalInt userError = StartFailures.exitCode(record.path(), message);
    runtimes.driver(record.runtime()).delete(record.id());
    hostSettings.release(record.id());
    unmountQuietly(record.id());
    ContainerRecord failed = record.failedToStart(userError.orElse(128), message);
    store.persist(failed);
    container.update(failed);
    if (record.hostConfig().autoRemove()) {
      removeLocked(container);
    }
    if (cause instanceof BerthException known) {
      throw known;
    }
    throw new InternalException("cannot start container " + record.id() + ": " + message, cause);
  }

  /**
   * A process's environment as Docker builds it: PATH and HOSTNAME, TERM with a TTY, the container's
   * variables, then {@code extra} (an exec's own), and HOME from the user unless set.
   */
  static List<String> processEnv(ContainerConfig config, List<String> extra, boolean tty, ProcessUser user) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", DEFAULT_PATH);
    env.put("HOSTNAME", config.hostname());
    if (tty) {
      env.put("TERM", "xterm");
    }
    addEnv(env, config.env());
    addEnv(env, extra);
    env.putIfAbsent("HOME", user.home());
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private void onExit(Container container, ExitStatus status) {
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (!record.isRunning()) {
        return;
      }
      health.stopped(record.id());
      RuntimeDriver driver = runtimes.driver(record.runtime());
      boolean oomKilled = driver.oomKilled(record.id());
      driver.delete(record.id());
      hostSettings.release(record.id());
      unmountQuietly(record.id());
      ContainerRecord exited = record.exited(status.exitCode(), status.finishedAt(), oomKilled);
      store.persist(exited);
      container.update(exited);
      if (oomKilled) {
        publish(exited, "oom", Map.of());
      }
      publish(exited, "die", Map.of("exitCode", Integer.toString(status.exitCode())));
      container.exited(status.exitCode());
      if (record.hostConfig().autoRemove()) {
        removeLocked(container);
      } else if (RestartPolicies.restartsAfterExit(exited)) {
        Duration ranFor = Duration.between(record.startedAt(), status.finishedAt());
        scheduleRestart(container, container.nextRestartDelay(ranFor));
      }
    } finally {
      container.lock.unlock();
    }
  }

  /** Call with the lock held: marks the container restarting and starts it again after {@code delay}. */
  private void scheduleRestart(Container container, Duration delay) {
    ContainerRecord restarting = container.record().restarted();
    store.persist(restarting);
    container.update(restarting);
    Thread.ofVirtual().name("restart-" + restarting.id().substring(0, 12)).start(() -> {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        return;
      }
      restartIfStillRestarting(container);
    });
  }

  /** A stop, a removal or a user's start may have come first; then there is nothing left to do. */
  private void restartIfStillRestarting(Container container) {
    container.lock.lock();
    try {
      if (container.record().status() == ContainerStatus.RESTARTING && store.all().contains(container)) {
        startLocked(container);
      }
    } catch (BerthException e) {
      LOG.warning("restart policy could not start container " + container.record().id() + ": " + e.getMessage());
    } finally {
      container.lock.unlock();
    }
  }

  /**
   * Starts, once berthd is up, the containers whose restart policy says so (see {@link RestartPolicies}),
   * and those a policy was about to restart when berthd went away.
   */
  public void restartAfterDaemonStart() {
    for (Container container : List.copyOf(store.all())) {
      ContainerRecord record = container.record();
      if (record.status() == ContainerStatus.RESTARTING) {
        Thread.ofVirtual().start(() -> restartIfStillRestarting(container));
      } else if (!record.isRunning() && record.status() != ContainerStatus.REMOVING
          && RestartPolicies.restartsWithDaemon(record)) {
        Thread.ofVirtual().start(() -> {
          container.lock.lock();
          try {
            if (!container.record().isRunning() && store.all().contains(container)) {
              startLocked(container);
            }
          } catch (BerthException e) {
            LOG.warning("cannot start container " + record.id() + " at daemon start: " + e.getMessage());
          } finally {
            container.lock.unlock();
          }
        });
      }
    }
  }

  private void unmountQuietly(String id) {
    try {
      snapshotter.unmountContainer(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot unmount the root of container " + id, e);
    }
  }

  // ---- stop / kill / restart ---------------------------------------------------------------------

  /** Sends the stop signal, waits up to the timeout, then kills. */
  public void stop(String idOrName, Optional<Integer> timeoutSeconds, Optional<String> signal) {
    Container container = store.resolve(idOrName);
    if (cancelRestart(container)) {
      return;
    }
    if (!container.record().isRunning()) {
      throw new NotModifiedException("container already stopped");
    }
    stopContainer(container, timeoutSeconds, signal);
  }

  /** A container waiting for its policy's restart is stopped by cancelling the restart. */
  private boolean cancelRestart(Container container) {
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (record.status() != ContainerStatus.RESTARTING) {
        return false;
      }
      ContainerRecord stopped = record.withStatus(ContainerStatus.EXITED).stopRequested();
      store.persist(stopped);
      container.update(stopped);
      publish(stopped, "stop", Map.of());
      return true;
    } finally {
      container.lock.unlock();
    }
  }

  private void stopContainer(Container container, Optional<Integer> timeoutSeconds, Optional<String> signal) {
    CompletableFuture<Integer> exit;
    ContainerRecord record;
    container.lock.lock();
    try {
      record = container.record().stopRequested();
      store.persist(record);
      container.update(record);
      exit = container.nextExit();
      if (!record.isRunning()) {
        return;
      }
    } finally {
      container.lock.unlock();
    }
    RuntimeDriver driver = runtimes.driver(record.runtime());
    String stopSignal = signal.filter(s -> !s.isEmpty())
        .orElse(Optional.ofNullable(record.config().stopSignal()).filter(s -> !s.isEmpty()).orElse("SIGTERM"));
    int timeout = timeoutSeconds.orElse(Optional.ofNullable(record.config().stopTimeout())
        .orElse(DEFAULT_STOP_TIMEOUT_SECONDS));
    signalIfRunning(driver, record, stopSignal);
    thawAfterSignal(container);
    if (!exitedWithin(exit, timeout)) {
      LOG.fine(() -> "container " + record.id() + " ignored " + stopSignal + " for " + timeout + "s; killing it");
      signalIfRunning(driver, record, "SIGKILL");
      awaitQuietly(exit);
    }
    publish(container.record(), "stop", Map.of());
  }

  /** Waits for the exit; a negative timeout waits as long as it takes. */
  private static boolean exitedWithin(CompletableFuture<Integer> exit, int timeoutSeconds) {
    try {
      if (timeoutSeconds < 0) {
        exit.get();
      } else {
        exit.get(timeoutSeconds, TimeUnit.SECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (Exception e) {
      throw new InternalException("interrupted while waiting for a container to stop", e);
    }
  }

  private void signalIfRunning(RuntimeDriver driver, ContainerRecord record, String signal) {
    try {
      driver.kill(record.id(), signal);
      publish(record, "kill", Map.of("signal", Integer.toString(Signals.parse(signal))));
    } catch (ConflictException alreadyGone) {
      LOG.fine(() -> "container " + record.id() + " exited before " + signal + ": " + alreadyGone.getMessage());
    }
  }

  private static void awaitQuietly(CompletableFuture<Integer> exit) {
    try {
      exit.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new InternalException("container did not exit after SIGKILL", e);
    }
  }

  public void kill(String idOrName, Optional<String> signal) {
    Container container = store.resolve(idOrName);
    String sig = signal.filter(s -> !s.isEmpty()).orElse("SIGKILL");
    int number = Signals.parse(sig);
    CompletableFuture<Integer> exit;
    // under the lock, so that a signal sent while a start is finishing waits for it rather than
    // finding the container "not running" when its process already runs
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (!record.isRunning()) {
        throw new ConflictException("Cannot kill container: " + idOrName + ": Container " + record.id()
            + " is not running");
      }
      markStoppedByUser(container);
      exit = container.nextExit();
      runtimes.driver(record.runtime()).kill(record.id(), sig);
      publish(record, "kill", Map.of("signal", Integer.toString(number)));
    } finally {
      container.lock.unlock();
    }
    thawAfterSignal(container);
    // as dockerd, a SIGKILL is answered once the container has stopped, so a client may remove it
    // at once; one that outlives the wait is left to its exit watcher
    if (number == Signals.parse("SIGKILL")) {
      exitedWithin(exit, KILL_WAIT_SECONDS);
    }
  }

  /** As in dockerd, any signal a user sends counts as stopping the container for its restart policy. */
  private void markStoppedByUser(Container container) {
    container.lock.lock();
    try {
      ContainerRecord stopping = container.record().stopRequested();
      store.persist(stopping);
      container.update(stopping);
    } finally {
      container.lock.unlock();
    }
  }

  /**
   * {@code docker update}: new resource limits and restart policy, applied to the cgroup at once
   * if the container runs, and kept for its next start. Checked as dockerd checks them; a value the
   * runtime refuses leaves everything as it was.
   */
  public ContainerUpdateResponse update(String idOrName, ContainerUpdateRequest request) {
    Resources asked = request.resources() == null ? Resources.none() : request.resources();
    ResourceLimits.Checked checked = ResourceLimits.forUpdate(asked, hostSettings.cgroups());
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      String cannot = "Cannot update container " + record.id() + ": ";
      if (record.status() == ContainerStatus.REMOVING || record.status() == ContainerStatus.DEAD) {
        throw new ConflictException(cannot + "container is marked for removal and cannot be \"update\"");
      }
      HostConfig updated = record.hostConfig();
      try {
        updated = updated.withResources(ResourceLimits.merge(updated.resources(), checked.resources()));
        HostConfig.RestartPolicy policy = request.restartPolicy();
        if (policy != null && policy.name() != null && !policy.name().isEmpty()) {
          RestartPolicies.validate(policy, record.hostConfig().autoRemove());
          updated = updated.withRestartPolicy(policy);
        }
        if (record.isRunning()) {
          runtimes.driver(record.runtime()).update(record.id(), ResourceLimits.toRuntime(checked.resources()));
        }
      } catch (ConflictException | InvalidArgumentException e) {
        throw e instanceof ConflictException ? new ConflictException(cannot + e.getMessage(), e)
            : new InvalidArgumentException(cannot + e.getMessage(), e);
      }
      ContainerRecord changed = record.withHostConfig(updated);
      store.persist(changed);
      container.update(changed);
      publish(changed, "update", Map.of());
      return new ContainerUpdateResponse(checked.warnings());
    } finally {
      container.lock.unlock();
    }
  }

  /** Freezes a running container's processes. */
  public void pause(String idOrName) {
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (record.status() == ContainerStatus.PAUSED) {
        throw new ConflictException("Container " + record.id() + " is already paused");
      }
      if (record.status() != ContainerStatus.RUNNING) {
        throw new ConflictException("Container " + record.id() + " is not running");
      }
      runtimes.driver(record.runtime()).pause(record.id());
      ContainerRecord paused = record.withStatus(ContainerStatus.PAUSED);
      store.persist(paused);
      container.update(paused);
      publish(paused, "pause", Map.of());
    } finally {
      container.lock.unlock();
    }
  }

  public void unpause(String idOrName) {
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (record.status() != ContainerStatus.PAUSED) {
        throw new ConflictException("Container " + record.id() + " is not paused");
      }
      thaw(container);
    } finally {
      container.lock.unlock();
    }
  }

  /** Call with the lock held on a paused container. */
  private void thaw(Container container) {
    ContainerRecord record = container.record();
    runtimes.driver(record.runtime()).resume(record.id());
    ContainerRecord running = record.withStatus(ContainerStatus.RUNNING);
    store.persist(running);
    container.update(running);
    publish(running, "unpause", Map.of());
  }

  /** A signal waits in a frozen process; Docker thaws the container after sending it so it takes effect. */
  private void thawAfterSignal(Container container) {
    container.lock.lock();
    try {
      if (container.record().status() == ContainerStatus.PAUSED) {
        thaw(container);
      }
    } finally {
      container.lock.unlock();
    }
  }

  public void restart(String idOrName, Optional<Integer> timeoutSeconds, Optional<String> signal) {
    Container container = store.resolve(idOrName);
    cancelRestart(container);
    if (container.record().isRunning()) {
      stopContainer(container, timeoutSeconds, signal);
    }
    container.lock.lock();
    try {
      startLocked(container);
      publish(container.record(), "restart", Map.of());
    } finally {
      container.lock.unlock();
    }
  }

  // ---- wait --------------------------------------------------------------------------------------

  /** Docker's wait conditions: {@code not-running} (default), {@code next-exit}, {@code removed}. */
  public CompletableFuture<Integer> waitFor(String idOrName, String condition) {
    Container container = store.resolve(idOrName);
    return switch (condition == null || condition.isEmpty() ? "not-running" : condition) {
      case "not-running" -> {
        container.lock.lock();
        try {
          ContainerRecord record = container.record();
          yield record.isRunning() || record.status() == ContainerStatus.RESTARTING ? container.nextExit()
              : CompletableFuture.completedFuture(record.exitCode());
        } finally {
          container.lock.unlock();
        }
      }
      case "next-exit" -> container.nextExit();
      case "removed" -> container.removed();
      default -> throw new InvalidArgumentException("invalid condition: \"" + condition + "\"");
    };
  }

  // ---- rename / remove / prune -------------------------------------------------------------------

  public void rename(String idOrName, String newName) {
    if (newName == null || newName.isEmpty()) {
      throw new InvalidArgumentException("Neither old nor new names may be empty");
    }
    Container container = store.resolve(idOrName);
    String name = validName(newName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      if (record.name().equals(name)) {
        throw new InvalidArgumentException("Renaming a container with the same name as its current name");
      }
      store.reserveName(name, record.id());
      ContainerRecord renamed = record.withName(name);
      try {
        store.persist(renamed);
      } catch (RuntimeException e) {
        store.releaseName(name, record.id());
        throw e;
      }
      store.releaseName(record.name(), record.id());
      container.update(renamed);
      publish(renamed, "rename", Map.of("oldName", record.name()));
    } finally {
      container.lock.unlock();
    }
  }

  public void remove(String idOrName, boolean force) {
    Container container = store.resolve(idOrName);
    if (container.record().isRunning()) {
      if (!force) {
        throw new ConflictException("You cannot remove a running container " + container.record().id()
            + ". Stop the container before attempting removal or force remove");
      }
      CompletableFuture<Integer> exit = container.nextExit();
      signalIfRunning(runtimes.driver(container.record().runtime()), container.record(), "SIGKILL");
      thawAfterSignal(container);
      awaitQuietly(exit);
    }
    container.lock.lock();
    try {
      if (store.all().contains(container)) {
        removeLocked(container);
      }
    } finally {
      container.lock.unlock();
    }
  }

  /** Marks the container as being removed first, so a crash midway finishes the removal at the next start. */
  private void removeLocked(Container container) {
    ContainerRecord removing = container.record().withStatus(ContainerStatus.REMOVING);
    store.persist(removing);
    container.update(removing);
    finishRemoval(container, false);
  }

  /**
   * Runtime state is deleted when a run ends, so only a removal a crash interrupted needs the runtime
   * asked again; sparing that call keeps {@code run --rm} fast.
   */
  private void finishRemoval(Container container, boolean runtimeStateMayRemain) {
    ContainerRecord record = container.record();
    if (runtimeStateMayRemain) {
      runtimes.driver(record.runtime()).delete(record.id());
    }
    snapshotter.removeContainer(record.id());
    store.remove(record);
    execs.forget(record.id());
    health.removed(record.id());
    container.gone(record.exitCode());
    publish(record, "destroy", Map.of());
  }

  public ContainerPruneReport prune(Map<String, List<String>> filterValues) {
    Filters filters = Filters.of(filterValues, PRUNE_FILTERS);
    Optional<Instant> until = filters.get("until").stream().findFirst().map(ContainerService::parseTime);
    List<String> deleted = new ArrayList<>();
    for (Container container : List.copyOf(store.all())) {
      ContainerRecord record = container.record();
      if (record.isRunning() || !filters.matchesLabels(record.config().labels())
          || until.isPresent() && !record.created().isBefore(until.get())) {
        continue;
      }
      container.lock.lock();
      try {
        if (!container.record().isRunning() && store.all().contains(container)) {
          removeLocked(container);
          deleted.add(record.id());
        }
      } finally {
        container.lock.unlock();
      }
    }
    return new ContainerPruneReport(deleted, 0);
  }

  /** Docker's time filters: RFC 3339, Unix seconds, or a duration before now such as {@code 10m}. */
  static Instant parseTime(String text) {
    try {
      if (text.matches("\\d+(\\.\\d+)?")) {
        return Instant.ofEpochMilli((long) (Double.parseDouble(text) * 1000));
      }
      if (text.matches("\\d+[smh]")) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        Duration duration = switch (text.charAt(text.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
        return Instant.now().minus(duration);
      }
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new InvalidArgumentException("invalid time value \"" + text + "\"", e);
    }
  }

  // ---- queries -----------------------------------------------------------------------------------

  public Path logPath(String id) {
    return store.dir(id).resolve("container.log");
  }

  /** What a log or attach reader needs: where the log is and when the current run ends. */
  public LogSource logSource(String idOrName) {
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      CompletableFuture<Integer> end = record.isRunning() ? container.nextExit()
          : CompletableFuture.completedFuture(record.exitCode());
      return new LogSource(record.id(), logPath(record.id()), end, record.config().tty());
    } finally {
      container.lock.unlock();
    }
  }

  /** {@code docker diff}: what the container changed over its image, from its writable layer. */
  public List<ContainerChange> changes(String idOrName) {
    ContainerRecord record = store.resolve(idOrName).record();
    List<Change> changes = snapshotter.changes(record.id()).stream()
        .filter(change -> !(change.kind() == Change.Kind.ADDED && MOUNT_POINTS.contains(change.path()))).toList();
    return changes.stream()
        .filter(change -> change.kind() != Change.Kind.MODIFIED || !onlyParentOfMountPoints(change.path(), changes))
        .map(change -> new ContainerChange(change.path(), change.kind().apiValue())).toList();
  }

  /** A directory listed only because the runtime made a mount point in it is no change of the user's. */
  private static boolean onlyParentOfMountPoints(String dir, List<Change> remaining) {
    boolean parentOfMountPoint = MOUNT_POINTS.stream().anyMatch(point -> point.startsWith(dir + "/"));
    return parentOfMountPoint && remaining.stream().noneMatch(change -> change.path().startsWith(dir + "/"));
  }

  /**
   * {@code docker export}: the container's whole root file system as one tar. A stopped container's
   * root is mounted for the copy and unmounted after it, under the container's lock so a start waits.
   */
  public void export(String idOrName, OutputStream out) throws IOException {
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      boolean mountedForExport = !record.isRunning();
      Path rootfs = snapshotter.mountContainer(record.id());
      try {
        TreeArchiver.write(rootfs, out);
      } finally {
        if (mountedForExport) {
          unmountQuietly(record.id());
        }
      }
      publish(record, "export", Map.of());
    } finally {
      container.lock.unlock();
    }
  }

  /**
   * {@code docker commit}: the container's changes as a new layer over its image, with its config
   * (amended by {@code changes}) as the new image's. {@code pause} freezes a running container while
   * its layer is read, as Docker does by default.
   */
  public Digest commit(String idOrName, Optional<String> repository, Optional<String> tag, String comment,
      String author, List<String> changes, boolean pause) throws IOException {
    Optional<Reference> target = repository.filter(r -> !r.isEmpty())
        .map(repo -> Reference.parse(tag.filter(t -> !t.isEmpty()).map(t -> repo + ":" + t).orElse(repo)));
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      ContainerConfig config = ConfigChanges.apply(record.config(), changes);
      boolean frozen = pause && record.status() == ContainerStatus.RUNNING;
      if (frozen) {
        runtimes.driver(record.runtime()).pause(record.id());
      }
      Digest id;
      try {
        id = images.commit(layerOf(record), record.layerChain(), images.find(record.imageId()), config,
            String.join(" ", record.config().cmd() == null ? List.of() : record.config().cmd()), comment, author,
            target);
      } finally {
        if (frozen) {
          runtimes.driver(record.runtime()).resume(record.id());
        }
      }
      publish(record, "commit", Map.of("comment", comment == null ? "" : comment));
      return id;
    } finally {
      container.lock.unlock();
    }
  }

  /** The container's upper directory as a layer tar, streamed through a pipe so no copy is held. */
  private InputStream layerOf(ContainerRecord record) throws IOException {
    PipedInputStream in = new PipedInputStream(64 * 1024);
    PipedOutputStream out = new PipedOutputStream(in);
    Path upper = snapshotter.upperDir(record.id());
    Set<String> leaveOut = new HashSet<>();
    MOUNT_POINTS.forEach(point -> leaveOut.add(point.substring(1)));
    Thread.ofVirtual().name("commit-" + record.id().substring(0, 12)).start(() -> {
      try {
        TreeArchiver.writeLayer(upper, leaveOut, out);
        out.close();
      } catch (IOException e) {
        // the pipe is left unclosed: its reader fails ("write end dead") rather than see a short layer
        LOG.log(Level.WARNING, "cannot read the changes of container " + record.id(), e);
      }
    });
    return in;
  }

  /** {@code docker top}: the host's ps, with {@code psArgs}, for the container's processes only. */
  public ContainerTopResponse top(String idOrName, String psArgs) {
    ContainerRecord record = store.resolve(idOrName).record();
    if (!record.isRunning()) {
      throw new ConflictException("Container " + record.id() + " is not running");
    }
    return ProcessTable.of(Set.copyOf(runtimes.driver(record.runtime()).processes(record.id())), psArgs);
  }

  /**
   * Attaches a client to the container's stdio, announced with Docker's {@code attach} event. A
   * running container is connected at once; any other is connected when it next starts, before its
   * process runs, as {@code docker start -a} and {@code docker run} need.
   */
  public Attachment attach(String idOrName) {
    Container container = store.resolve(idOrName);
    container.lock.lock();
    try {
      ContainerRecord record = container.record();
      CompletableFuture<AttachConnection> connection = new CompletableFuture<>();
      if (record.status() == ContainerStatus.RUNNING || record.status() == ContainerStatus.PAUSED) {
        connect(connection, runtimes.driver(record.runtime()), record.id());
      } else {
        container.awaitStart(connection);
      }
      publish(record, "attach", Map.of());
      ContainerConfig config = record.config();
      return new Attachment(record.id(), config.tty(), config.openStdin(), logPath(record.id()), connection);
    } finally {
      container.lock.unlock();
    }
  }

  /**
   * A client's attachment: {@code connection} completes once the container runs, or is cancelled if
   * it is removed or fails to start first.
   */
  public record Attachment(String id, boolean tty, boolean openStdin, Path logPath,
      CompletableFuture<AttachConnection> connection) {}

  /** {@code POST /containers/{id}/resize}: the size of a running container's terminal. */
  public void resize(String idOrName, int height, int width) {
    ContainerRecord record = store.resolve(idOrName).record();
    if (!record.isRunning()) {
      throw new ConflictException("Container " + record.id() + " is not running");
    }
    if (!record.config().tty()) {
      return;
    }
    runtimes.driver(record.runtime()).resize(record.id(), height, width);
  }

  /** Where a container's output goes; {@code runEnd} completes when the current run ends. */
  public record LogSource(String id, Path logPath, CompletableFuture<Integer> runEnd, boolean tty) {}

  public ContainerInspect inspect(String idOrName) {
    ContainerRecord r = store.resolve(idOrName).record();
    Path dir = store.dir(r.id());
    Path layerDir = snapshotter.upperDir(r.id()).getParent();
    List<String> lowers = r.layerChain().reversed().stream().map(images::layerPath).map(Path::toString).toList();
    Map<String, String> driverData = new TreeMap<>(Map.of(
        "LowerDir", String.join(":", lowers),
        "MergedDir", layerDir.resolve("merged").toString(),
        "UpperDir", layerDir.resolve("upper").toString(),
        "WorkDir", layerDir.resolve("work").toString()));
    ContainerState state = new ContainerState(r.status().apiName(),
        r.isRunning() || r.status() == ContainerStatus.RESTARTING,
        r.status() == ContainerStatus.PAUSED, r.status() == ContainerStatus.RESTARTING, r.oomKilled(),
        r.status() == ContainerStatus.DEAD, r.pid(), r.exitCode(), r.error(), time(r.startedAt()),
        time(r.finishedAt()), health.of(r.id()));
    ContainerInspect.NetworkSettings network = new ContainerInspect.NetworkSettings("", "", "", Map.of(), false, "", 0,
        null, null, "", "", "", 0, "", 0, "", "", Map.of());
    return new ContainerInspect(r.id(), r.created().toString(), r.path(), r.args(), state, r.imageId(),
        dir.resolve(ContainerFiles.RESOLV_CONF).toString(), dir.resolve(ContainerFiles.HOSTNAME).toString(),
        dir.resolve(ContainerFiles.HOSTS).toString(), logPath(r.id()).toString(), r.name(), r.restartCount(),
        "overlay2", "linux", "", "", "", null, r.hostConfig(),
        new ContainerInspect.GraphDriver("overlay2", driverData), List.of(), r.config(), network);
  }

  static String time(Instant instant) {
    return instant == null ? ZERO_TIME : instant.toString();
  }

  public List<ContainerSummary> list(boolean all, int limit, Map<String, List<String>> filterValues) {
    Filters filters = Filters.of(filterValues, LIST_FILTERS);
    Optional<Instant> before = filters.get("before").stream().findFirst().map(c -> store.resolve(c).record().created());
    Optional<Instant> since = filters.get("since").stream().findFirst().map(c -> store.resolve(c).record().created());
    Set<String> ancestors = new HashSet<>();
    for (String ancestor : filters.get("ancestor")) {
      images.find(ancestor).ifPresent(image -> ancestors.add(image.id().toString()));
    }
    boolean showAll = all || limit > 0 || filters.has("status") || filters.has("exited");
    Instant now = Instant.now();
    List<ContainerRecord> records = store.all().stream().map(Container::record)
        .sorted(Comparator.comparing(ContainerRecord::created).reversed()).toList();
    List<ContainerSummary> result = new ArrayList<>();
    for (ContainerRecord r : records) {
      if (!showAll && !r.isRunning() && r.status() != ContainerStatus.RESTARTING) {
        continue;
      }
      if (!matches(r, filters, ancestors, before, since)) {
        continue;
      }
      result.add(summary(r, now));
      if (limit > 0 && result.size() >= limit) {
        break;
      }
    }
    return result;
  }

  private boolean matches(ContainerRecord r, Filters filters, Set<String> ancestors, Optional<Instant> before,
      Optional<Instant> since) {
    if (filters.has("status") && !filters.get("status").contains(r.status().apiName())) {
      return false;
    }
    if (filters.has("health")) {
      Health h = health.of(r.id());
      if (!filters.get("health").contains(h == null ? "none" : h.status())) {
        return false;
      }
    }
    if (filters.has("name") && filters.get("name").stream().noneMatch(n -> Pattern.compile(n).matcher(r.name()).find())) {
      return false;
    }
    if (filters.has("id") && filters.get("id").stream().noneMatch(r.id()::startsWith)) {
      return false;
    }
    if (filters.has("ancestor") && !ancestors.contains(r.imageId())) {
      return false;
    }
    if (filters.has("exited") && (r.status() != ContainerStatus.EXITED
        || !filters.get("exited").contains(Integer.toString(r.exitCode())))) {
      return false;
    }
    if (before.isPresent() && !r.created().isBefore(before.get())
        || since.isPresent() && !r.created().isAfter(since.get())) {
      return false;
    }
    return filters.matchesLabels(r.config().labels());
  }

  private ContainerSummary summary(ContainerRecord r, Instant now) {
    String command = r.args().isEmpty() ? r.path() : r.path() + " " + String.join(" ", r.args());
    // Docker shows the image as the user named it while that name still means this image, else its ID.
    boolean nameStillMeansImage = images.find(r.config().image())
        .map(image -> image.id().toString().equals(r.imageId())).orElse(false);
    return new ContainerSummary(r.id(), List.of(r.name()), nameStillMeansImage ? r.config().image() : r.imageId(),
        r.imageId(), command,
        r.created().getEpochSecond(), List.of(), null, null, r.config().labels() == null ? Map.of() : r.config().labels(),
        r.status().apiName(), StatusText.of(r, now, health.of(r.id())), Map.of("NetworkMode", r.hostConfig().networkMode()),
        Map.of("Networks", Map.of()), List.of());
  }

  public Map<ContainerStatus, Integer> countByStatus() {
    Map<ContainerStatus, Integer> counts = new TreeMap<>();
    store.all().forEach(c -> counts.merge(c.record().status(), 1, Integer::sum));
    return counts;
  }

  private static String newId() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static Optional<String> nonEmpty(String text) {
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static List<String> emptyToNull(List<String> list) {
    return list.isEmpty() || list.size() == 1 && list.getFirst().isEmpty() ? null : list;
  }
}
