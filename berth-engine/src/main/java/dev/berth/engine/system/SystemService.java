package dev.berth.engine.system;

import dev.berth.api.system.SystemInfo;
import dev.berth.api.system.SystemVersion;
import dev.berth.engine.EngineConfig;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.ContainerStatus;
import dev.berth.engine.image.ImageService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /version} and {@code /info}: what this engine is and what it holds. */
public final class SystemService {

  public static final String API_VERSION = "1.47";
  public static final String MIN_API_VERSION = "1.24";
  private static final String INDEX_SERVER = "https://index.docker.io/v1/";
  /** Loopback registries may be plain HTTP, as Docker allows by default. */
  private static final SystemInfo.RegistryConfig REGISTRY_CONFIG = new SystemInfo.RegistryConfig(
      List.of("127.0.0.0/8"),
      Map.of("docker.io", new SystemInfo.IndexInfo("docker.io", List.of(), true, true)), List.of());

  private final EngineConfig config;
  private final ContainerService containers;
  private final ImageService images;
  private final String engineId;
  private volatile SystemInfo.Commit runtimeCommit;

  public SystemService(EngineConfig config, ContainerService containers, ImageService images, String engineId) {
    this.config = config;
    this.containers = containers;
    this.images = images;
    this.engineId = engineId;
  }

  public SystemVersion version() {
    String kernel = kernelVersion();
    Map<String, String> details = new TreeMap<>(Map.of(
        "ApiVersion", API_VERSION, "MinAPIVersion", MIN_API_VERSION, "Os", "linux", "Arch", "amd64",
        "KernelVersion", kernel, "GitCommit", "", "GoVersion", javaVersion(), "BuildTime", "",
        "Experimental", "false"));
    return new SystemVersion(new SystemVersion.Platform("berth " + EngineConfig.VERSION),
        List.of(new SystemVersion.Component("Engine", EngineConfig.VERSION, details)), EngineConfig.VERSION,
        API_VERSION, MIN_API_VERSION, "", javaVersion(), "linux", "amd64", kernel, "");
  }

  public SystemInfo info() {
    Map<ContainerStatus, Integer> counts = containers.countByStatus();
    int running = counts.getOrDefault(ContainerStatus.RUNNING, 0) + counts.getOrDefault(ContainerStatus.RESTARTING, 0);
    int paused = counts.getOrDefault(ContainerStatus.PAUSED, 0);
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, SystemInfo.Runtime> runtimes = new TreeMap<>();
    config.runtimes().forEach((name, path) -> runtimes.put(name, new SystemInfo.Runtime(path.toString())));
    return new SystemInfo(engineId, total, running, paused, total - running - paused, images.count(), "overlay2",
        List.of(List.of("Backing Filesystem", backingFilesystem()), List.of("Supports d_type", "true"),
            List.of("Native Overlay Diff", "true"), List.of("userxattr", "false")),
        new SystemInfo.Plugins(List.of(), List.of("null"), null, List.of("json-file")),
        true, true, true, true, true, true, true, true, config.debug(), openFileDescriptors(), true,
        Thread.activeCount(), Instant.now().toString(), "json-file", "cgroupfs", cgroupVersion(), 0, kernelVersion(),
        operatingSystem(), osVersion(), "linux", "x86_64", INDEX_SERVER, REGISTRY_CONFIG,
        Runtime.getRuntime().availableProcessors(), memTotal(), config.dataRoot().toString(), "", "", "", hostname(),
        config.labels(), false, EngineConfig.VERSION, runtimes, config.defaultRuntime(),
        new SystemInfo.Swarm("", "", "inactive", false, ""), false, "default", "", runtimeCommit(),
        new SystemInfo.Commit("", ""), List.of(), List.of());
  }

  /** The default runtime's own version line, asked once: {@code runc --version} prints "commit: ...". */
  private SystemInfo.Commit runtimeCommit() {
    SystemInfo.Commit commit = runtimeCommit;
    if (commit == null) {
      String id = "";
      try {
        Process process = new ProcessBuilder(config.runtimes().get(config.defaultRuntime()).toString(), "--version")
            .redirectErrorStream(true).start();
        for (String line : new String(process.getInputStream().readAllBytes()).split("\n")) {
          if (line.startsWith("commit: ")) {
            id = line.substring("commit: ".length()).strip();
          }
        }
        process.waitFor();
      } catch (IOException e) {
        id = "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      commit = new SystemInfo.Commit(id, id);
      runtimeCommit = commit;
    }
    return commit;
  }

  /** Docker names the ext family "extfs" and other file systems by their type. */
  private String backingFilesystem() {
    try {
      String type = Files.getFileStore(config.dataRoot()).type();
      return type.startsWith("ext") ? "extfs" : type;
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String kernelVersion() {
    return System.getProperty("os.version");
  }

  private static String javaVersion() {
    return "java" + Runtime.version().feature();
  }

  private static String cgroupVersion() {
    return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
  }

  private static String hostname() {
    return readFirstLine(Path.of("/etc/hostname"), "localhost");
  }

  private static String operatingSystem() {
    return osRelease("PRETTY_NAME", "Linux");
  }

  private static String osVersion() {
    return osRelease("VERSION_ID", "");
  }

  private static String osRelease(String key, String fallback) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return fallback;
    }
    return fallback;
  }

  private static long memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static int openFileDescriptors() {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String readFirstLine(Path file, String fallback) {
    try {
      return Files.readAllLines(file).stream().findFirst().map(String::strip).orElse(fallback);
    } catch (IOException e) {
      return fallback;
    }
  }
}
