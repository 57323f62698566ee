package dev.berth.cli;

import dev.berth.api.container.ContainerChange;
import dev.berth.api.errors.BerthException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth diff}: the files a container changed, one per line with docker's C/A/D letter. */
@Command(name = "diff", customSynopsis = "CONTAINER",
    description = "Inspect changes to files or directories on a container's filesystem")
public final class DiffCommand extends BaseCommand {

  private static final String KIND_LETTERS = "CAD";

  @Parameters(hidden = true)
  List<String> args;

  @Override
  protected int run() throws Exception {
    requireExactly(args, 1);
    List<ContainerChange> changes;
    try {
      changes = cli().client().changes(args.get(0));
    } catch (BerthException e) {
      throw new CliExit(1, "Error response from daemon: " + e.getMessage());
    }
    for (ContainerChange change : changes) {
      cli().out().println(KIND_LETTERS.charAt(change.kind()) + " " + change.path());
    }
    return 0;
  }
}
