package dev.berth.cli;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Resources;
import dev.berth.api.container.Ulimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags {@code create} and {@code run} share, and their translation into a create request the
 * way the docker CLI builds it (same defaults, so berthd sees what it would see from docker).
 */
public final class ContainerOptions {

  @Option(names = {"-a", "--attach"}, paramLabel = "list", description = "Attach to STDIN, STDOUT or STDERR")
  List<String> attach = new ArrayList<>();

  @Option(names = "--add-host", paramLabel = "list", description = "Add a custom host-to-IP mapping (host:ip)")
  List<String> addHost = new ArrayList<>();

  @Option(names = "--cap-add", paramLabel = "list", description = "Add Linux capabilities")
  List<String> capAdd = new ArrayList<>();

  @Option(names = "--cap-drop", paramLabel = "list", description = "Drop Linux capabilities")
  List<String> capDrop = new ArrayList<>();

  @Option(names = "--cgroupns", paramLabel = "string", description = "Cgroup namespace to use (host|private)")
  String cgroupns = "";

  @Option(names = "--cidfile", paramLabel = "string", description = "Write the container ID to the file")
  String cidfile = "";

  @Option(names = "--device", paramLabel = "list", description = "Add a host device to the container")
  List<String> devices = new ArrayList<>();

  @Option(names = "--dns", paramLabel = "list", description = "Set custom DNS servers")
  List<String> dns = new ArrayList<>();

  @Option(names = "--dns-option", paramLabel = "list", description = "Set DNS options")
  List<String> dnsOptions = new ArrayList<>();

  @Option(names = "--dns-search", paramLabel = "list", description = "Set custom DNS search domains")
  List<String> dnsSearch = new ArrayList<>();

  @Option(names = "--domainname", paramLabel = "string", description = "Container NIS domain name")
  String domainname = "";

  @Option(names = "--entrypoint", paramLabel = "string", description = "Overwrite the default ENTRYPOINT of the image")
  String entrypoint;

  @Option(names = {"-e", "--env"}, paramLabel = "list", description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
  List<String> envFile = new ArrayList<>();

  @Option(names = "--expose", paramLabel = "list", description = "Expose a port or a range of ports")
  List<String> expose = new ArrayList<>();

  @Option(names = "--health-cmd", paramLabel = "string", description = "Command to run to check health")
  String healthCmd;

  @Option(names = "--health-interval", paramLabel = "duration", description = "Time between running the check (ms|s|m|h) (default 0s)")
  String healthInterval;

  @Option(names = "--health-retries", paramLabel = "int", description = "Consecutive failures needed to report unhealthy")
  int healthRetries;

  @Option(names = "--health-start-interval", paramLabel = "duration", description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
  String healthStartInterval;

  @Option(names = "--health-start-period", paramLabel = "duration", description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
  String healthStartPeriod;

  @Option(names = "--health-timeout", paramLabel = "duration", description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
  String healthTimeout;

  @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
  boolean noHealthcheck;

  @Option(names = "--group-add", paramLabel = "list", description = "Add additional groups to join")
  List<String> groupAdd = new ArrayList<>();

  @Option(names = {"-h", "--hostname"}, paramLabel = "string", description = "Container host name")
  String hostname = "";

  @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes")
  boolean init;

  @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
  boolean interactive;

  @Option(names = "--ipc", paramLabel = "string", description = "IPC mode to use")
  String ipc = "";

  @Option(names = {"-l", "--label"}, paramLabel = "list", description = "Set meta data on a container")
  List<String> labels = new ArrayList<>();

  @Option(names = "--label-file", paramLabel = "list", description = "Read in a line delimited file of labels")
  List<String> labelFiles = new ArrayList<>();

  @Option(names = "--log-driver", paramLabel = "string", description = "Logging driver for the container")
  String logDriver = "";

  @Option(names = "--log-opt", paramLabel = "list", description = "Log driver options")
  List<String> logOpts = new ArrayList<>();

  @Option(names = "--memory-swappiness", paramLabel = "int",
      description = "Tune container memory swappiness (0 to 100)")
  long memorySwappiness = -1;

  @Option(names = "--name", paramLabel = "string", description = "Assign a name to the container")
  String name;

  @Option(names = {"--network", "--net"}, paramLabel = "network", description = "Connect a container to a network")
  String network;

  @Option(names = "--oom-kill-disable", description = "Disable OOM Killer")
  boolean oomKillDisable;

  @Option(names = "--pid", paramLabel = "string", description = "PID namespace to use")
  String pid = "";

  @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
  String platform;

  @Option(names = "--privileged", description = "Give extended privileges to this container")
  boolean privileged;

  @Option(names = {"-p", "--publish"}, paramLabel = "list", description = "Publish a container's port(s) to the host")
  List<String> publish = new ArrayList<>();

  @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports")
  boolean publishAll;

  @Option(names = "--pull", paramLabel = "string", description = "Pull image before creating (\"always\", \"missing\", \"never\")")
  String pull = "missing";

  @Option(names = {"-q", "--quiet"}, description = "Suppress the pull output")
  boolean quiet;

  @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
  boolean readOnly;

  @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits (default \"no\")")
  String restart = "no";

  @Option(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits")
  boolean rm;

  @Option(names = "--runtime", paramLabel = "string", description = "Runtime to use for this container")
  String runtime = "";

  @Option(names = "--security-opt", paramLabel = "list", description = "Security Options")
  List<String> securityOpt = new ArrayList<>();

  @Option(names = "--shm-size", paramLabel = "bytes", description = "Size of /dev/shm")
  String shmSize;

  @Option(names = "--stop-signal", paramLabel = "string", description = "Signal to stop the container")
  String stopSignal = "";

  @Option(names = "--stop-timeout", paramLabel = "int", description = "Timeout (in seconds) to stop a container")
  Integer stopTimeout;

  @Option(names = "--tmpfs", paramLabel = "list", description = "Mount a tmpfs directory")
  List<String> tmpfs = new ArrayList<>();

  @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
  boolean tty;

  @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
  String user = "";

  @Option(names = "--ulimit", paramLabel = "ulimit", description = "Ulimit options (default [])")
  List<String> ulimits = new ArrayList<>();

  @Option(names = "--userns", paramLabel = "string", description = "User namespace to use")
  String userns = "";

  @Option(names = "--uts", paramLabel = "string", description = "UTS namespace to use")
  String uts = "";

  @Option(names = {"-v", "--volume"}, paramLabel = "list", description = "Bind mount a volume")
  List<String> volumes = new ArrayList<>();

  @Option(names = "--volumes-from", paramLabel = "list", description = "Mount volumes from the specified container(s)")
  List<String> volumesFrom = new ArrayList<>();

  @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
  String workdir = "";

  @Mixin
  ResourceOptions limits = new ResourceOptions();

  /** The image and command from the positional arguments. */
  record Target(String image, List<String> cmd) {}

  /** Builds the create request; {@code detach} is {@code run -d} (create never detaches). */
  ContainerCreateRequest toRequest(String image, List<String> cmd, boolean detach, Function<String, String> getenv)
      throws IOException {
    boolean attachStdin = false;
    boolean attachStdout = false;
    boolean attachStderr = false;
    if (!attach.isEmpty()) {
      for (String a : attach) {
        switch (a.toLowerCase(Locale.ROOT)) {
          case "stdin" -> attachStdin = true;
          case "stdout" -> attachStdout = true;
          case "stderr" -> attachStderr = true;
          default -> throw UsageError.flag("invalid argument \"" + a + "\" for \"-a, --attach\" flag: valid streams"
              + " are STDIN, STDOUT and STDERR");
        }
      }
      if (detach) {
        throw new CliExit(125, Cli.NAME + ": Conflicting options: -a and -d\n\nRun '" + Cli.NAME
            + " run --help' for more information");
      }
    } else if (!detach) {
      attachStdout = true;
      attachStderr = true;
      if (interactive) {
        attachStdin = true;
      }
    }
    List<String> envList = new ArrayList<>();
    for (String f : envFile) {
      envList.addAll(readEnvFile(f, getenv));
    }
    for (String e : env) {
      envList.add(validateEnv(e, getenv));
    }
    Map<String, String> labelMap = new LinkedHashMap<>();
    List<String> labelLines = new ArrayList<>();
    for (String f : labelFiles) {
      labelLines.addAll(readLabelFile(f));
    }
    labelLines.addAll(labels);
    for (String l : labelLines) {
      int eq = l.indexOf('=');
      labelMap.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
    }
    List<String> ep = null;
    if (entrypoint != null) {
      ep = List.of(entrypoint);
    }
    Map<String, Map<String, Object>> exposed = new LinkedHashMap<>();
    Map<String, List<HostConfig.PortBinding>> bindings = new LinkedHashMap<>();
    for (String e : expose) {
      exposed.put(e.contains("/") ? e : e + "/tcp", Map.of());
    }
    for (String p : publish) {
      parsePublish(p, exposed, bindings);
    }
    HostConfig.RestartPolicy policy = parseRestart(restart);
    if (rm && !policy.name().equals("no") && !policy.name().isEmpty()) {
      throw new CliExit(125, Cli.NAME + ": Conflicting options: --restart and --rm\n\nRun '" + Cli.NAME
          + " run --help' for more information");
    }
    Map<String, String> logConfig = new LinkedHashMap<>();
    for (String o : logOpts) {
      int eq = o.indexOf('=');
      if (eq < 0) {
        throw UsageError.flag("invalid argument \"" + o + "\" for \"--log-opt\" flag: invalid key value pair format");
      }
      logConfig.put(o.substring(0, eq), o.substring(eq + 1));
    }
    boolean[] unconfinedPaths = {false};
    List<String> security = ResourceFlags.securityOpts(securityOpt, () -> unconfinedPaths[0] = true);
    List<String> systemPaths = unconfinedPaths[0] ? List.of() : null;
    Map<String, String> tmpfsMounts = ResourceFlags.tmpfs(tmpfs);
    boolean stdinOnce = interactive && attachStdin;
    ContainerConfig config = new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout,
        attachStderr, exposed.isEmpty() ? null : exposed, tty, interactive, stdinOnce,
        envList.isEmpty() ? null : envList, cmd == null || cmd.isEmpty() ? null : List.copyOf(cmd),
        HealthFlags.healthcheck(healthCmd, healthInterval, healthTimeout, healthRetries, healthStartPeriod,
            healthStartInterval, noHealthcheck), false, image,
        Map.of(), workdir, ep, false, null, null, labelMap, stopSignal.isEmpty() ? null : stopSignal, stopTimeout,
        null);
    HostConfig host = new HostConfig(volumes.isEmpty() ? null : List.copyOf(volumes), cidfile,
        new HostConfig.LogConfig(logDriver, logConfig), network == null || network.isEmpty() ? "default" : network,
        bindings, policy, rm, "", volumesFrom.isEmpty() ? null : List.copyOf(volumesFrom), consoleSize(),
        capAdd.isEmpty() ? null : normalizeCaps(capAdd), capDrop.isEmpty() ? null : normalizeCaps(capDrop), cgroupns,
        List.copyOf(dns), List.copyOf(dnsOptions), List.copyOf(dnsSearch),
        addHost.isEmpty() ? null : List.copyOf(addHost), groupAdd.isEmpty() ? null : List.copyOf(groupAdd), ipc, "",
        null, 0, pid, privileged, publishAll, readOnly, security.isEmpty() ? null : security, uts,
        userns, shmSize == null ? 0 : ramInBytes(shmSize, "--shm-size"), runtime, "", 0,
        0, 0, "", 0, List.of(), List.of(), List.of(), List.of(), List.of(), 0, 0, 0, 0, "", "", List.of(), null, null,
        0, 0, -1L, false, null, List.of(), 0, 0, 0, 0, init ? Boolean.TRUE : null, systemPaths, systemPaths,
        tmpfsMounts.isEmpty() ? null : tmpfsMounts)
        .withResources(resources());
    return new ContainerCreateRequest(config, host, null);
  }

  /** The limits as the docker CLI sends them: zero for "not set", -1 swappiness, the OOM killer on. */
  private Resources resources() {
    List<Ulimit> parsed = ResourceFlags.ulimits(ulimits);
    return limits.forCreate(memorySwappiness, oomKillDisable, devices.stream().map(ResourceFlags::device).toList(),
        parsed.isEmpty() ? null : parsed);
  }

  /** {@code [rows, columns]} of our terminal for a TTY container, as docker sends it; else {@code [0, 0]}. */
  private List<Integer> consoleSize() {
    if (tty) {
      int[] s = Terminal.size();
      if (s != null) {
        return List.of(s[0], s[1]);
      }
    }
    return List.of(0, 0);
  }

  /** docker's NormalizeCapability: upper case with a CAP_ prefix, except ALL. */
  static List<String> normalizeCaps(List<String> caps) {
    List<String> out = new ArrayList<>();
    for (String c : caps) {
      String u = c.strip().toUpperCase(Locale.ROOT);
      out.add(u.equals("ALL") || u.startsWith("CAP_") ? u : "CAP_" + u);
    }
    return out;
  }

  /** docker's ValidateEnv: {@code NAME} alone takes the value from the client's environment. */
  static String validateEnv(String v, Function<String, String> getenv) {
    int eq = v.indexOf('=');
    String k = eq < 0 ? v : v.substring(0, eq);
    if (k.isEmpty()) {
      throw UsageError.flag("invalid argument \"" + v + "\" for \"-e, --env\" flag: invalid environment variable: "
          + v);
    }
    if (eq >= 0) {
      return v;
    }
    String val = getenv.apply(k);
    return val == null ? v : k + "=" + val;
  }

  /** docker's ParseEnvFile. */
  static List<String> readEnvFile(String file, Function<String, String> getenv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : readLines(file)) {
      String l = line.stripLeading();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      String k = eq < 0 ? l : l.substring(0, eq);
      if (k.isEmpty()) {
        throw new CliExit(125, Cli.NAME + ": no variable name on line '" + l + "'.\n\nRun '" + Cli.NAME
            + " run --help' for more information");
      }
      if (k.chars().anyMatch(Character::isWhitespace)) {
        throw new CliExit(125, Cli.NAME + ": variable '" + k + "' contains whitespaces.\n\nRun '" + Cli.NAME
            + " run --help' for more information");
      }
      if (eq >= 0) {
        out.add(l);
      } else {
        String v = getenv.apply(k);
        if (v != null) {
          out.add(k + "=" + v);
        }
      }
    }
    return out;
  }

  static List<String> readLabelFile(String file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : readLines(file)) {
      String l = line.stripLeading();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  private static List<String> readLines(String file) throws IOException {
    try {
      String s = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      if (s.startsWith("\uFEFF")) {
        s = s.substring(1);
      }
      return s.lines().toList();
    } catch (NoSuchFileException e) {
      throw new CliExit(125, Cli.NAME + ": open " + file + ": no such file or directory\n\nRun '" + Cli.NAME
          + " run --help' for more information");
    }
  }

  /** {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}. */
  static HostConfig.RestartPolicy parseRestart(String s) {
    if (s == null || s.isEmpty()) {
      return new HostConfig.RestartPolicy("no", 0);
    }
    String[] p = s.split(":", -1);
    if (p.length > 2) {
      throw UsageError.flag("invalid restart policy format: maximum retry count must be an integer");
    }
    int max = 0;
    if (p.length == 2) {
      try {
        max = Integer.parseInt(p[1]);
      } catch (NumberFormatException e) {
        throw UsageError.flag("invalid restart policy format: maximum retry count must be an integer");
      }
    }
    switch (p[0]) {
      case "no", "always", "unless-stopped" -> {
        if (p.length == 2) {
          throw UsageError.flag("invalid restart policy format: maximum retry count can only be used with "
              + "'on-failure'");
        }
      }
      case "on-failure" -> { }
      default -> throw UsageError.flag("invalid restart policy format: unknown policy '" + p[0] + "'");
    }
    return new HostConfig.RestartPolicy(p[0], max);
  }

  /** go-units RAMInBytes: {@code 512m}, {@code 1g}, {@code 1024} (binary multiples). */
  static long ramInBytes(String s, String flag) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$")
        .matcher(s.strip());
    if (!m.matches()) {
      throw UsageError.flag("invalid argument \"" + s + "\" for \"" + flag + "\" flag: invalid size: '" + s + "'");
    }
    double v = Double.parseDouble(m.group(1));
    long mul = 1;
    if (m.group(2) != null) {
      mul = switch (Character.toLowerCase(m.group(2).charAt(0))) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        case 'g' -> 1L << 30;
        case 't' -> 1L << 40;
        default -> 1L << 50;
      };
    }
    return (long) (v * mul);
  }

  /** {@code [ip:][hostPort:]containerPort[/proto]}. */
  static void parsePublish(String spec, Map<String, Map<String, Object>> exposed,
      Map<String, List<HostConfig.PortBinding>> bindings) {
    String proto = "tcp";
    String s = spec;
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      proto = s.substring(slash + 1);
      s = s.substring(0, slash);
    }
    String ip = "";
    String hostPort = "";
    String containerPort;
    int last = s.lastIndexOf(':');
    if (last < 0) {
      containerPort = s;
    } else {
      containerPort = s.substring(last + 1);
      String rest = s.substring(0, last);
      int prev = rest.lastIndexOf(':');
      if (prev < 0) {
        hostPort = rest;
      } else {
        ip = rest.substring(0, prev);
        hostPort = rest.substring(prev + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) {
          ip = ip.substring(1, ip.length() - 1);
        }
      }
    }
    if (containerPort.isEmpty() || !containerPort.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
      throw UsageError.flag("invalid argument \"" + spec + "\" for \"-p, --publish\" flag: invalid containerPort: "
          + containerPort);
    }
    String key = containerPort + "/" + proto;
    exposed.put(key, Map.of());
    bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(new HostConfig.PortBinding(ip, hostPort));
  }
}
