package dev.berth.bench;

import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.client.BerthClient;
import java.util.List;

/**
 * Times create + start + wait + remove of a container running {@code true}, through the Engine API,
 * against any daemon that speaks it (berthd or dockerd).
 */
public final class LifecycleBench {

  private LifecycleBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: LifecycleBench LABEL HOST IMAGE RUNS");
      System.exit(2);
    }
    ContainerCreateRequest request = Runs.container(args[2], List.of("true"));
    try (BerthClient client = BerthClient.connect(args[1])) {
      Runs.time(args[0], Integer.parseInt(args[3]), () -> {
        String id = client.createContainer(null, request).id();
        client.start(id);
        long code = client.wait(id, "not-running");
        if (code != 0) {
          throw new IllegalStateException("container " + id + " exited with " + code);
        }
        client.remove(id, false, false);
      });
    }
  }
}
