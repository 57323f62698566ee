package dev.berth.bench;

import dev.berth.api.container.ExecCreateRequest;
import dev.berth.api.container.ExecInspect;
import dev.berth.client.BerthClient;
import dev.berth.client.transport.HijackedStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Times {@code docker exec <container> true} through the Engine API as the docker CLI does it: exec
 * create, start attached until the stream ends, inspect until the exit code is recorded.
 */
public final class ExecBench {

  private ExecBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: ExecBench LABEL HOST IMAGE RUNS");
      System.exit(2);
    }
    ExecCreateRequest exec = new ExecCreateRequest(false, true, true, null, false, List.of(), List.of("true"), false,
        "", "");
    try (BerthClient client = BerthClient.connect(args[1])) {
      String id = client.createContainer(null, Runs.container(args[2], List.of("sleep", "1000"))).id();
      client.start(id);
      try {
        Runs.time(args[0] + " exec", Integer.parseInt(args[3]), () -> {
          String execId = client.execCreate(id, exec);
          try (HijackedStream stream = client.execStartAttached(execId, false, null)) {
            stream.input().transferTo(OutputStream.nullOutputStream());
          }
          for (ExecInspect inspect = client.execInspect(execId); inspect.running() || inspect.exitCode() == null;
              inspect = client.execInspect(execId)) {
            Thread.sleep(1);
          }
        });
      } finally {
        client.remove(id, true, false);
      }
    }
  }
}
