package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs berth command lines in-process and captures their output. */
final class CliTestSupport {

  record Result(int status, String out, String err) {}

  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private CliTestSupport() {}

  static Result runWithInput(String host, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BerthCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("BERTH_HOST", host, "FROM_ENV", "val"), Clock.fixed(NOW, ZoneOffset.UTC));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String host, String... args) {
    return runWithInput(host, "", args);
  }
}
