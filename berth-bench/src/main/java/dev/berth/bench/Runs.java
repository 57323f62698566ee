package dev.berth.bench;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.HostConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the benchmarks share: the container they ask for, and timing N runs after a warm-up. */
final class Runs {

  private static final int WARM_UP = 3;

  private Runs() {}

  /** An operation to time once. */
  @FunctionalInterface
  interface Operation {
    void run() throws Exception;
  }

  /**
   * The same request to every daemon: no network, as berth's containers have only loopback today, so
   * neither side pays for networking the other does not do.
   */
  static ContainerCreateRequest container(String image, List<String> cmd) {
    return new ContainerCreateRequest(ContainerConfig.empty().withImage(image).withProcess(null, cmd, null, "", ""),
        HostConfig.defaults().withDaemonDefaults(null, "none", null, "", "", 0, "", null, null), null);
  }

  /** Runs the operation a few times unmeasured, then {@code runs} times; prints label, median and p90. */
  static void time(String label, int runs, Operation operation) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      operation.run();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      operation.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    System.out.printf("%s median_ms=%.1f p90_ms=%.1f runs=%d%n", label, millis.get(runs / 2),
        millis.get((int) Math.ceil(runs * 0.9) - 1), runs);
  }
}
