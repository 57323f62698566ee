package dev.berth.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.ApiJson;
import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * berthd's settings after flags and daemon.json are combined with dockerd's rules: a setting may come
 * from either place but not both, and a daemon.json key berthd does not know is an error.
 */
public record DaemonSettings(
    List<String> hosts,
    Path dataRoot,
    Path execRoot,
    Path pidFile,
    String logLevel,
    boolean debug,
    String defaultRuntime,
    Map<String, RuntimeSetting> runtimes,
    boolean tlsVerify,
    Path tlsCaCert,
    Path tlsCert,
    Path tlsKey,
    List<String> labels) {

  public static final String DEFAULT_SOCKET = "unix:///run/berth/berth.sock";
  public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/berth/daemon.json");
  private static final Set<String> KNOWN_KEYS = Set.of("hosts", "data-root", "exec-root", "pidfile", "log-level",
      "debug", "default-runtime", "runtimes", "tlsverify", "tlscacert", "tlscert", "tlskey", "labels");
  private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");

  /** An OCI runtime registered by name; berth passes no extra arguments to runtimes. */
  public record RuntimeSetting(String path) {}

  /** Combines the values given as flags (keyed like daemon.json; absent = not given) with the config file. */
  public static DaemonSettings combine(Map<String, Object> flags, Path configFile, boolean configFileGiven) {
    Map<String, Object> file = configFile != null && (configFileGiven || Files.exists(configFile))
        ? readConfigFile(configFile) : Map.of();
    Set<String> conflicts = new TreeSet<>(flags.keySet());
    conflicts.retainAll(file.keySet());
    conflicts.remove("runtimes");
    if (!conflicts.isEmpty()) {
      List<String> details = new ArrayList<>();
      for (String key : conflicts) {
        details.add(key + ": (from flag: " + flags.get(key) + ", from file: " + file.get(key) + ")");
      }
      throw new InvalidArgumentException("the following directives are specified both as a flag and in the "
          + "configuration file: " + String.join(", ", details));
    }
    Map<String, Object> all = new LinkedHashMap<>(file);
    all.putAll(flags);
    Map<String, RuntimeSetting> runtimes = new LinkedHashMap<>();
    runtimes.put("runc", new RuntimeSetting("runc"));
    mergeRuntimes(runtimes, file.get("runtimes"));
    mergeRuntimes(runtimes, flags.get("runtimes"));
    String logLevel = (String) all.getOrDefault("log-level", "info");
    if (!LOG_LEVELS.contains(logLevel)) {
      throw new InvalidArgumentException("unable to parse logging level: " + logLevel);
    }
    String defaultRuntime = (String) all.getOrDefault("default-runtime", "runc");
    if (!runtimes.containsKey(defaultRuntime)) {
      throw new InvalidArgumentException("default runtime " + defaultRuntime + " does not exist");
    }
    @SuppressWarnings("unchecked")
    List<String> hosts = (List<String>) all.getOrDefault("hosts", List.of(DEFAULT_SOCKET));
    @SuppressWarnings("unchecked")
    List<String> labels = (List<String>) all.getOrDefault("labels", List.of());
    DaemonSettings settings = new DaemonSettings(hosts.isEmpty() ? List.of(DEFAULT_SOCKET) : hosts,
        Path.of((String) all.getOrDefault("data-root", "/var/lib/berth")),
        Path.of((String) all.getOrDefault("exec-root", "/run/berth")),
        Path.of((String) all.getOrDefault("pidfile", "/run/berth/berthd.pid")), logLevel,
        Boolean.TRUE.equals(all.get("debug")), defaultRuntime, Map.copyOf(runtimes),
        Boolean.TRUE.equals(all.get("tlsverify")), optionalPath(all.get("tlscacert")),
        optionalPath(all.get("tlscert")), optionalPath(all.get("tlskey")), labels);
    settings.validateHosts();
    return settings;
  }

  private void validateHosts() {
    for (String host : hosts) {
      if (host.startsWith("unix://")) {
        continue;
      }
      if (host.startsWith("tcp://")) {
        if (!tlsVerify || tlsCaCert == null || tlsCert == null || tlsKey == null) {
          throw new InvalidArgumentException("listening on " + host + " requires --tlsverify with --tlscacert, "
              + "--tlscert and --tlskey: berthd serves TCP only with mutual TLS");
        }
        continue;
      }
      throw new InvalidArgumentException("invalid host \"" + host + "\": use unix://PATH or tcp://HOST:PORT");
    }
  }

  private static Path optionalPath(Object value) {
    return value == null ? null : Path.of((String) value);
  }

  @SuppressWarnings("unchecked")
  private static void mergeRuntimes(Map<String, RuntimeSetting> runtimes, Object value) {
    if (value instanceof Map<?, ?> map) {
      ((Map<String, RuntimeSetting>) map).forEach((name, setting) -> {
        if (name.equals("runc") && runtimes.containsKey("runc") && !setting.path().equals("runc")) {
          throw new InvalidArgumentException("runtime name 'runc' is reserved");
        }
        runtimes.put(name, setting);
      });
    }
  }

  private static Map<String, Object> readConfigFile(Path configFile) {
    JsonNode root;
    try {
      root = ApiJson.mapper().readTree(Files.readString(configFile));
    } catch (IOException e) {
      throw new InvalidArgumentException("unable to configure the berth daemon with file " + configFile + ": "
          + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidArgumentException("unable to configure the berth daemon with file " + configFile
          + ": not a JSON object");
    }
    Set<String> unknown = new TreeSet<>();
    root.fieldNames().forEachRemaining(key -> {
      if (!KNOWN_KEYS.contains(key)) {
        unknown.add(key);
      }
    });
    if (!unknown.isEmpty()) {
      throw new InvalidArgumentException("the following directives don't match any configuration option: "
          + String.join(", ", unknown));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    root.properties().forEach(entry -> {
      JsonNode node = entry.getValue();
      String key = entry.getKey();
      switch (key) {
        case "hosts", "labels" -> {
          List<String> list = new ArrayList<>();
          node.forEach(item -> list.add(item.asText()));
          values.put(key, List.copyOf(list));
        }
        case "debug", "tlsverify" -> values.put(key, node.asBoolean());
        case "runtimes" -> {
          Map<String, RuntimeSetting> runtimes = new LinkedHashMap<>();
          node.properties().forEach(runtime -> {
            if (runtime.getValue().has("runtimeArgs")) {
              throw new InvalidArgumentException("runtime " + runtime.getKey()
                  + ": runtimeArgs are not supported by berth; wrap the runtime in a script instead");
            }
            runtimes.put(runtime.getKey(), new RuntimeSetting(runtime.getValue().path("path").asText()));
          });
          values.put(key, runtimes);
        }
        default -> values.put(key, node.asText());
      }
    });
    return values;
  }
}
