package dev.berth.cli;

import dev.berth.api.errors.BerthException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth commit}: a new image from a container's changes. */
@Command(name = "commit", customSynopsis = "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
    description = "Create a new image from a container's changes")
public final class CommitCommand extends BaseCommand {

  @Option(names = {"-a", "--author"}, paramLabel = "string",
      description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
  String author = "";

  @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
  List<String> changes = new ArrayList<>();

  @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Commit message")
  String message = "";

  @Option(names = {"-p", "--pause"}, arity = "0..1", fallbackValue = "true",
      description = "Pause container during commit (default true)")
  boolean pause = true;

  @Parameters(hidden = true)
  List<String> args;

  @Override
  protected int run() throws Exception {
    requireRange(args, 1, 2);
    String repo = "";
    String tag = "";
    if (args.size() == 2) {
      String reference = args.get(1);
      int colon = reference.lastIndexOf(':');
      boolean hasTag = colon > reference.lastIndexOf('/');
      repo = hasTag ? reference.substring(0, colon) : reference;
      tag = hasTag ? reference.substring(colon + 1) : "";
    }
    try {
      cli().out().println(cli().client().commit(args.get(0), repo, tag, message, author, changes, pause));
    } catch (BerthException e) {
      throw new CliExit(1, "Error response from daemon: " + e.getMessage());
    }
    return 0;
  }
}
