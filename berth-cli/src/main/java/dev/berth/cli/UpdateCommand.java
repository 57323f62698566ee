package dev.berth.cli;

import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerUpdateResponse;
import dev.berth.api.container.HostConfig;
import dev.berth.client.BerthClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth update}: new resource limits or restart policy for one or more containers. */
@Command(name = "update", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
    description = "Update configuration of one or more containers")
public final class UpdateCommand extends BaseCommand {

  @Mixin
  ResourceOptions limits = new ResourceOptions();

  @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits")
  String restart;

  @Parameters(hidden = true)
  List<String> ids;

  @Override
  protected int run() {
    requireAtLeast(ids, 1);
    if (restart == null && !limits.anyGiven()) {
      throw new CliExit(1, "you must provide one or more flags when using this command");
    }
    HostConfig.RestartPolicy policy = restart == null || restart.isEmpty() ? new HostConfig.RestartPolicy("", 0)
        : ContainerOptions.parseRestart(restart);
    ContainerUpdateRequest request = new ContainerUpdateRequest(limits.forUpdate(), policy);
    BerthClient client = cli().client();
    List<String> warnings = new ArrayList<>();
    try {
      return ContainerCommands.each(cli(), ids, id -> {
        ContainerUpdateResponse response = client.update(id, request);
        if (response.warnings() != null) {
          warnings.addAll(response.warnings());
        }
      });
    } finally {
      // after the names, before any error, as docker prints them
      if (!warnings.isEmpty()) {
        cli().out().println(String.join("\n", warnings));
        cli().out().flush();
      }
    }
  }
}
