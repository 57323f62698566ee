package dev.berth.cli;

import dev.berth.api.container.ContainerTopResponse;
import dev.berth.api.errors.BerthException;
import dev.berth.cli.format.TabWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth top}: a container's processes, as the daemon's ps shows them. */
@Command(name = "top", customSynopsis = "CONTAINER [ps OPTIONS]", description = "Display the running processes of a container")
public final class TopCommand extends BaseCommand {

  /** The docker CLI's writer for top: wider columns than its tables. */
  private static final int MIN_COLUMN_WIDTH = 20;

  @Parameters(hidden = true)
  List<String> args = new ArrayList<>();

  @Override
  protected int run() throws Exception {
    requireAtLeast(args, 1);
    ContainerTopResponse top;
    try {
      top = cli().client().top(args.get(0), String.join(" ", args.subList(1, args.size())));
    } catch (BerthException e) {
      throw new CliExit(1, "Error response from daemon: " + e.getMessage());
    }
    TabWriter table = new TabWriter(MIN_COLUMN_WIDTH, 3, ' ');
    table.write(String.join("\t", top.titles()) + "\n");
    for (List<String> process : top.processes()) {
      table.write(String.join("\t", process) + "\n");
    }
    cli().out().print(table.flush());
    return 0;
  }
}
