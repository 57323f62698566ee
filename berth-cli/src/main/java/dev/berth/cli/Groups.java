package dev.berth.cli;

import picocli.CommandLine.Command;

/** The management commands ({@code berth container ...}); without a subcommand they print help. */
final class Groups {

  private Groups() {}

  abstract static class Group extends BaseCommand {
    @Override
    protected int run() {
      spec.commandLine().usage(cli().out());
      return 0;
    }
  }

  @Command(name = "container", customSynopsis = "COMMAND", description = "Manage containers")
  public static final class Container extends Group {}

  @Command(name = "image", customSynopsis = "COMMAND", description = "Manage images")
  public static final class Image extends Group {}

  @Command(name = "system", customSynopsis = "COMMAND", description = "Manage berth")
  public static final class System extends Group {}
}
