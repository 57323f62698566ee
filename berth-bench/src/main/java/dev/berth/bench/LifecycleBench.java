package dev.berth.bench;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.HostConfig;
import dev.berth.client.BerthClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times create + start + wait + remove of a container running {@code true}, through the Engine API,
 * against any daemon that speaks it (berthd or dockerd). Prints one line: the daemon label, the
 * median and the 90th percentile in milliseconds. Both daemons get the same request: no network,
 * as berth's containers have only loopback today.
 */
public final class LifecycleBench {

  private LifecycleBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: LifecycleBench LABEL HOST IMAGE RUNS");
      System.exit(2);
    }
    String label = args[0];
    int runs = Integer.parseInt(args[3]);
    ContainerCreateRequest request = new ContainerCreateRequest(
        ContainerConfig.empty().withImage(args[2]).withProcess(null, List.of("true"), null, "", ""),
        HostConfig.defaults().withDaemonDefaults(null, "none", null, "", "", 0, "", null, null), null);
    try (BerthClient client = BerthClient.connect(args[1])) {
      for (int i = 0; i < 3; i++) {
        once(client, request);
      }
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        once(client, request);
        millis.add((System.nanoTime() - start) / 1e6);
      }
      Collections.sort(millis);
      System.out.printf("%s median_ms=%.1f p90_ms=%.1f runs=%d%n", label, millis.get(runs / 2),
          millis.get((int) Math.ceil(runs * 0.9) - 1), runs);
    }
  }

  private static void once(BerthClient client, ContainerCreateRequest request) throws Exception {
    String id = client.createContainer(null, request).id();
    client.start(id);
    long code = client.wait(id, "not-running");
    if (code != 0) {
      throw new IllegalStateException("container " + id + " exited with " + code);
    }
    client.remove(id, false, false);
  }
}
