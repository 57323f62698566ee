package dev.berth.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The berth CLI's command line, run from the classes under test, against a test's berthd. */
final class BerthCommand {

  private BerthCommand() {}

  static List<String> commandLine(Berthd daemon, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.berth.cli.BerthCli",
        "-H", daemon.host()));
    command.addAll(List.of(args));
    return command;
  }
}
