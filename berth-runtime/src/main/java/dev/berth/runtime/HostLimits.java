package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The open-files limit berthd can give a container. Docker's containers get 1048576 because dockerd
 * runs with that limit and they inherit it; the runtime sets the spec's limit from its own process,
 * and raising a hard limit takes CAP_SYS_RESOURCE, so without that capability the container gets
 * berthd's own hard limit rather than a create that fails with EPERM.
 */
final class HostLimits {

  static final long DOCKER_NOFILE = 1048576;

  private static final int CAP_SYS_RESOURCE = 24;

  /** Computed once: neither the process's capabilities nor its hard limit grow. */
  static final long NOFILE = nofile();

  private HostLimits() {}

  private static long nofile() {
    try {
      if ((Capabilities.ownSet("CapEff") & (1L << CAP_SYS_RESOURCE)) != 0) {
        return DOCKER_NOFILE;
      }
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String hard = line.substring("Max open files".length()).trim().split("\\s+")[1];
          return hard.equals("unlimited")
              ? DOCKER_NOFILE
              : Math.min(DOCKER_NOFILE, Long.parseLong(hard));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux as we know it; let the runtime say what is wrong
    }
    return DOCKER_NOFILE;
  }
}
