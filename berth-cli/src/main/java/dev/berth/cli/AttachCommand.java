package dev.berth.cli;

import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.api.errors.BerthException;
import dev.berth.client.BerthClient;
import dev.berth.client.PendingWait;
import dev.berth.client.transport.HijackedStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth attach}: the terminal joined to a running container's stdio until the container
 * exits (its exit code is ours) or the user types the detach keys.
 */
@Command(name = "attach", customSynopsis = "[OPTIONS] CONTAINER",
    description = "Attach local standard input, output, and error streams to a running container")
public final class AttachCommand extends BaseCommand {

  @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Option(names = "--no-stdin", description = "Do not attach STDIN")
  boolean noStdin;

  @Option(names = "--sig-proxy", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Proxy all received signals to the process")
  boolean sigProxy;

  @Parameters(hidden = true)
  List<String> ids;

  @Override
  protected int run() throws Exception {
    requireExactly(ids, 1);
    Cli cli = cli();
    BerthClient client = cli.client();
    ContainerInspect container;
    try {
      container = client.inspectContainer(ids.get(0));
    } catch (BerthException e) {
      throw new CliExit(1, "Error response from daemon: " + e.getMessage());
    }
    if (!container.state().running()) {
      throw new CliExit(1, "You cannot attach to a stopped container, start it first");
    }
    if (container.state().paused()) {
      throw new CliExit(1, "You cannot attach to a paused container, unpause it first");
    }
    boolean tty = container.config().tty();
    boolean stdin = !noStdin && container.config().openStdin();
    if (sigProxy && !tty) {
      String id = container.id();
      Terminal.proxySignals(signal -> {
        try {
          client.kill(id, "SIG" + signal);
        } catch (Exception ignored) {
          // the container may be gone already
        }
      });
    }
    try (PendingWait wait = client.startWait(container.id(), "");
        HijackedStream stream = client.attach(container.id(), stdin, true, true, true, false, detachKeys)) {
      if (RunCommand.attachTo(cli, stream, container.id(), stdin, tty, detachKeys) == AttachedSession.Outcome.DETACHED) {
        return 0;
      }
      ContainerWaitResponse exit = wait.await();
      return (int) exit.statusCode();
    }
  }
}
