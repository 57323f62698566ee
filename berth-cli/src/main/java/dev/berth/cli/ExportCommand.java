package dev.berth.cli;

import dev.berth.api.errors.BerthException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth export}: a container's file system as a tar, to a file or to a redirected stdout. */
@Command(name = "export", customSynopsis = "[OPTIONS] CONTAINER",
    description = "Export a container's filesystem as a tar archive")
public final class ExportCommand extends BaseCommand {

  @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
  String output = "";

  @Parameters(hidden = true)
  List<String> args;

  @Override
  protected int run() throws Exception {
    requireExactly(args, 1);
    if (output.isEmpty() && System.console() != null && System.console().isTerminal()) {
      throw new CliExit(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }
    try {
      if (output.isEmpty()) {
        cli().client().export(args.get(0), cli().out());
        cli().out().flush();
      } else {
        try (OutputStream file = Files.newOutputStream(Path.of(output))) {
          cli().client().export(args.get(0), file);
        }
      }
    } catch (BerthException e) {
      throw new CliExit(1, "Error response from daemon: " + e.getMessage());
    }
    return 0;
  }
}
