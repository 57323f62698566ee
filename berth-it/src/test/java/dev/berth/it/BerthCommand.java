package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs berth's own CLI (in a JVM of its own, from the classes under test, as a user would) against a berthd. */
final class BerthCommand {

  private BerthCommand() {}

  /** The command line, for a test that runs it itself (in a terminal, say). */
  static List<String> commandLine(Berthd daemon, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.berth.cli.BerthCli",
        "-H", daemon.host()));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the CLI with no input and returns its exit code and output. */
  static Docker.Result run(Berthd daemon, String... args) throws Exception {
    Process process = new ProcessBuilder(commandLine(daemon, args)).start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return process.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Docker.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err.get(), StandardCharsets.UTF_8));
  }
}
