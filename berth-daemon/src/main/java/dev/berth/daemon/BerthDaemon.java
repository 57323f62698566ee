package dev.berth.daemon;

import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.daemon.http.ApiServer;
import dev.berth.engine.Engine;
import dev.berth.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berthd}: serves the Docker Engine API for one engine, with dockerd's flags. */
@Command(name = "berthd", mixinStandardHelpOptions = true, versionProvider = BerthDaemon.Version.class,
    description = "A Docker-compatible container engine daemon.")
public final class BerthDaemon implements Callable<Integer> {

  private static final Logger LOG = Logger.getLogger(BerthDaemon.class.getName());
  /** Held so the level set on it is not lost when the logger would otherwise be collected. */
  private static final Logger BERTH_LOGGER = Logger.getLogger("dev.berth");

  @Option(names = {"-H", "--host"}, description = "Daemon socket(s) to connect to (unix://PATH, tcp://HOST:PORT)")
  private List<String> hosts;

  @Option(names = "--data-root", description = "Root directory of persistent state (default /var/lib/berth)")
  private String dataRoot;

  @Option(names = "--exec-root", description = "Root directory for execution state files (default /run/berth)")
  private String execRoot;

  @Option(names = {"-p", "--pidfile"}, description = "Path to use for daemon PID file (default /run/berth/berthd.pid)")
  private String pidFile;

  @Option(names = "--config-file", description = "Daemon configuration file (default /etc/berth/daemon.json)")
  private String configFile;

  @Option(names = {"-l", "--log-level"}, description = "Set the logging level (debug, info, warn, error, fatal)")
  private String logLevel;

  @Option(names = {"-D", "--debug"}, description = "Enable debug mode")
  private Boolean debug;

  @Option(names = "--default-runtime", description = "Default OCI runtime for containers (default runc)")
  private String defaultRuntime;

  @Option(names = "--add-runtime", description = "Register an additional OCI compatible runtime (NAME=PATH)")
  private List<String> addRuntime;

  @Option(names = "--tlsverify", description = "Use TLS and verify the remote")
  private Boolean tlsVerify;

  @Option(names = "--tlscacert", description = "Trust certs signed only by this CA")
  private String tlsCaCert;

  @Option(names = "--tlscert", description = "Path to TLS certificate file")
  private String tlsCert;

  @Option(names = "--tlskey", description = "Path to TLS key file")
  private String tlsKey;

  @Option(names = "--label", description = "Set key=value labels to the daemon")
  private List<String> labels;

  public static void main(String[] args) {
    // One allocation arena each is plenty for a socket's worth of clients and keeps idle memory low.
    System.setProperty("io.netty.allocator.numDirectArenas",
        System.getProperty("io.netty.allocator.numDirectArenas", "1"));
    System.setProperty("io.netty.allocator.numHeapArenas", System.getProperty("io.netty.allocator.numHeapArenas", "1"));
    CommandLine commandLine = new CommandLine(new BerthDaemon());
    commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
      System.err.println("berthd: " + failure.getMessage());
      return 1;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    DaemonSettings settings = DaemonSettings.combine(flags(),
        configFile == null ? DaemonSettings.DEFAULT_CONFIG_FILE : Path.of(configFile), configFile != null);
    configureLogging(settings.debug() ? "debug" : settings.logLevel());
    PidFile pid = PidFile.claim(settings.pidFile());
    Engine engine;
    try {
      engine = Engine.open(engineConfig(settings));
    } catch (BerthException e) {
      pid.release();
      throw e;
    }
    ApiServer server = startServer(settings, engine);
    LOG.info(() -> "berthd " + EngineConfig.VERSION + " serving the Docker Engine API on " + settings.hosts());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
      LOG.info("berthd shutting down; containers keep running");
      server.close();
      try {
        engine.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "error while closing the engine", e);
      }
      pid.release();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static ApiServer startServer(DaemonSettings settings, Engine engine) throws IOException {
    ApiServer.Builder builder = ApiServer.builder(Routes.of(engine)).serverVersion(EngineConfig.VERSION);
    if (settings.tlsVerify()) {
      builder.tls(new ApiServer.TlsFiles(settings.tlsCaCert(), settings.tlsCert(), settings.tlsKey()));
    }
    settings.hosts().forEach(builder::host);
    return builder.start();
  }

  /** The flags that were given, keyed as daemon.json keys them. */
  private Map<String, Object> flags() {
    Map<String, Object> flags = new LinkedHashMap<>();
    putIfGiven(flags, "hosts", hosts);
    putIfGiven(flags, "data-root", dataRoot);
    putIfGiven(flags, "exec-root", execRoot);
    putIfGiven(flags, "pidfile", pidFile);
    putIfGiven(flags, "log-level", logLevel);
    putIfGiven(flags, "debug", debug);
    putIfGiven(flags, "default-runtime", defaultRuntime);
    putIfGiven(flags, "tlsverify", tlsVerify);
    putIfGiven(flags, "tlscacert", tlsCaCert);
    putIfGiven(flags, "tlscert", tlsCert);
    putIfGiven(flags, "tlskey", tlsKey);
    putIfGiven(flags, "labels", labels);
    if (addRuntime != null) {
      Map<String, DaemonSettings.RuntimeSetting> runtimes = new LinkedHashMap<>();
      for (String entry : addRuntime) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
          throw new InvalidArgumentException("invalid --add-runtime \"" + entry + "\": want NAME=PATH");
        }
        runtimes.put(entry.substring(0, eq), new DaemonSettings.RuntimeSetting(entry.substring(eq + 1)));
      }
      flags.put("runtimes", runtimes);
    }
    return flags;
  }

  private static void putIfGiven(Map<String, Object> flags, String key, Object value) {
    if (value != null) {
      flags.put(key, value);
    }
  }

  private static EngineConfig engineConfig(DaemonSettings settings) {
    Map<String, Path> runtimes = new LinkedHashMap<>();
    settings.runtimes().forEach((name, setting) -> runtimes.put(name, executable(setting.path())));
    return new EngineConfig(settings.dataRoot(), settings.execRoot(), settings.defaultRuntime(), runtimes,
        executable("conmon"), settings.debug(), settings.labels());
  }

  /** Finds a program by absolute path or on PATH, as dockerd resolves runtime names. */
  static Path executable(String name) {
    if (name.contains("/")) {
      return Path.of(name);
    }
    List<String> dirs = new ArrayList<>(List.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":")));
    dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new InvalidArgumentException("cannot find \"" + name + "\" on PATH: install it (see README.md)");
  }

  private static void configureLogging(String level) {
    Level julLevel = switch (level) {
      case "debug" -> Level.FINE;
      case "warn" -> Level.WARNING;
      case "error", "fatal" -> Level.SEVERE;
      default -> Level.INFO;
    };
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new SimpleFormatter());
    console.setLevel(julLevel);
    root.addHandler(console);
    // The JDK and Netty log their own internals at FINE; debug means berth's debug output only.
    root.setLevel(julLevel.intValue() < Level.INFO.intValue() ? Level.INFO : julLevel);
    BERTH_LOGGER.setLevel(julLevel);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"berthd version " + EngineConfig.VERSION};
    }
  }

  /** dockerd's pid file rule: refuse to start while another live daemon holds the file. */
  record PidFile(Path path) {

    static PidFile claim(Path path) throws IOException {
      if (Files.exists(path)) {
        String content = Files.readString(path).strip();
        if (!content.isEmpty() && content.matches("\\d+")
            && ProcessHandle.of(Long.parseLong(content)).map(ProcessHandle::isAlive).orElse(false)
            && Long.parseLong(content) != ProcessHandle.current().pid()) {
          throw new InvalidArgumentException("pid file found, ensure berthd is not running or delete " + path);
        }
      }
      Files.createDirectories(path.getParent());
      Files.writeString(path, Long.toString(ProcessHandle.current().pid()));
      return new PidFile(path);
    }

    void release() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot remove pid file " + path, e);
      }
    }
  }
}
