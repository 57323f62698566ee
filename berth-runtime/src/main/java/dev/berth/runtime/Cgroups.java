package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a container's cgroup is and what berth reads from it. Each container has its own cgroup at
 * {@code /berth/<id>} in every hierarchy (cgroupfs driver), made by the runtime at create and
 * removed by its delete; what the kernel counted in it stays readable until then.
 */
public final class Cgroups {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final String PARENT = "berth";

  private Cgroups() {}

  /** The container's cgroup path, as config.json gives it to the runtime. */
  static String path(String id) {
    return "/" + PARENT + "/" + id;
  }

  /** Whether the host has only the unified (v2) hierarchy, rather than v1 controllers (maybe beside it). */
  public static boolean unified() {
    return Files.exists(ROOT.resolve("cgroup.controllers"));
  }

  /**
   * How many processes the kernel's OOM killer has killed in the container's cgroup since the
   * runtime made it: {@code oom_kill} of memory.oom_control on v1, of memory.events on v2. Empty
   * when the cgroup is gone or the kernel does not count (before 4.13).
   */
  static Optional<Long> oomKills(String id) throws IOException {
    Path file = unified()
        ? ROOT.resolve(PARENT).resolve(id).resolve("memory.events")
        : ROOT.resolve("memory").resolve(PARENT).resolve(id).resolve("memory.oom_control");
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("oom_kill ")) {
          return Optional.of(Long.parseLong(line.substring("oom_kill ".length()).strip()));
        }
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
