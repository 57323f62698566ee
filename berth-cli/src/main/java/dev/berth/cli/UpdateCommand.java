package dev.berth.cli;

import dev.berth.api.container.HostConfig;
import dev.berth.client.BerthClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth update}: a new restart policy for one or more containers (resource limits come later). */
@Command(name = "update", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
    description = "Update configuration of one or more containers")
public final class UpdateCommand extends BaseCommand {

  @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits")
  String restart;

  @Parameters(hidden = true)
  List<String> ids;

  @Override
  protected int run() {
    requireAtLeast(ids, 1);
    if (restart == null) {
      throw new CliExit(1, "you must provide one or more flags when using this command");
    }
    HostConfig.RestartPolicy policy = ContainerOptions.parseRestart(restart);
    BerthClient client = cli().client();
    return ContainerCommands.each(cli(), ids, id -> client.updateRestartPolicy(id, policy));
  }
}
