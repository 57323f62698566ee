package dev.berth.bench;

import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerSummary;
import dev.berth.client.BerthClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many containers at once, against any daemon that speaks the Engine API: {@code up} creates and
 * starts N containers concurrently (one client each, as N users would); {@code down} lists them,
 * inspects each concurrently and removes them concurrently. Between the two, bench/run reads the
 * daemons' memory with N containers running.
 */
public final class FleetBench {

  private static final String NAME_PREFIX = "fleet-";

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5 || !List.of("up", "down").contains(args[0])) {
      System.err.println("usage: FleetBench up|down LABEL HOST IMAGE COUNT");
      System.exit(2);
    }
    String host = args[2];
    int count = Integer.parseInt(args[4]);
    if (args[0].equals("up")) {
      ContainerCreateRequest request = Runs.container(args[3], List.of("sleep", "1000"));
      long start = System.nanoTime();
      concurrently(count, i -> {
        try (BerthClient client = BerthClient.connect(host)) {
          String id = client.createContainer(NAME_PREFIX + i, request).id();
          client.start(id);
        }
      });
      System.out.printf("%s up_ms=%.0f containers=%d%n", args[1], (System.nanoTime() - start) / 1e6, count);
      return;
    }
    long start = System.nanoTime();
    List<ContainerSummary> listed;
    try (BerthClient client = BerthClient.connect(host)) {
      listed = client.listContainers(true, 0, false, "{\"name\":[\"" + NAME_PREFIX + "\"]}");
    }
    if (listed.size() != count) {
      throw new IllegalStateException(args[1] + " lists " + listed.size() + " containers, not " + count);
    }
    long listedAt = System.nanoTime();
    concurrently(count, i -> {
      try (BerthClient client = BerthClient.connect(host)) {
        client.inspectContainer(listed.get(i).id());
      }
    });
    long inspectedAt = System.nanoTime();
    concurrently(count, i -> {
      try (BerthClient client = BerthClient.connect(host)) {
        client.remove(listed.get(i).id(), true, false);
      }
    });
    long removedAt = System.nanoTime();
    System.out.printf("%s list_ms=%.0f inspect_ms=%.0f remove_ms=%.0f down_ms=%.0f%n", args[1],
        (listedAt - start) / 1e6, (inspectedAt - listedAt) / 1e6, (removedAt - inspectedAt) / 1e6,
        (removedAt - start) / 1e6);
  }

  /** One step per index, all at once; fails with the first failure. */
  private interface Step {
    void run(int index) throws Exception;
  }

  private static void concurrently(int count, Step step) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        running.add(pool.submit(() -> {
          step.run(index);
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
    }
  }
}
