package dev.berth.cli;

import dev.berth.api.errors.NotFoundException;
import dev.berth.client.BerthClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth inspect}: containers first, then images (or only {@code --type}). */
@Command(name = "inspect", customSynopsis = "[OPTIONS] NAME|ID [NAME|ID...]",
    description = "Return low-level information on berth objects")
public final class InspectCommand extends BaseCommand {

  @Option(names = {"-f", "--format"}, paramLabel = "string", description = SystemCommands.FORMAT_HELP)
  String format;

  @Option(names = {"-s", "--size"}, description = "Display total file sizes if the type is container")
  boolean size;

  @Option(names = "--type", paramLabel = "string", description = "Only inspect objects of the given type")
  String type;

  @Parameters(hidden = true)
  List<String> names;

  @Override
  protected int run() {
    requireAtLeast(names, 1);
    BerthClient c = cli().client();
    String t = type == null ? "" : type;
    return switch (t) {
      case "container" -> Inspector.inspect(cli(), names, format, n -> c.inspectContainerJson(n, size));
      case "image" -> Inspector.inspect(cli(), names, format, c::inspectImageJson);
      case "" -> Inspector.inspect(cli(), names, format, n -> {
        try {
          return c.inspectContainerJson(n, size);
        } catch (NotFoundException e) {
          // not a container
        }
        try {
          return c.inspectImageJson(n);
        } catch (NotFoundException e) {
          throw new Inspector.NotFoundAnywhere(n);
        }
      });
      default -> throw new CliExit(1, "\"" + t + "\" is not a valid value for --type");
    };
  }
}
