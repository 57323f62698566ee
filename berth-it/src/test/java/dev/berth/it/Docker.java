package dev.berth.it;

import dev.berth.sys.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against a berthd, with a private client config so nothing of the user's leaks in. */
public final class Docker implements AutoCloseable {

  public static final Path CLI = Path.of("/usr/local/bin/docker");

  private final String host;
  private final Path config;

  public Docker(Berthd daemon) throws IOException {
    this(daemon.host());
  }

  public Docker(String host) throws IOException {
    this.host = host;
    this.config = Files.createTempDirectory("docker-config-");
  }

  public record Result(int exitCode, String stdout, String stderr) {
    public String out() {
      return stdout.strip();
    }
  }

  public Result run(String... args) throws Exception {
    return runWithInput(null, args);
  }

  /** Runs the CLI and returns its standard output byte for byte (a saved archive, say). */
  public byte[] runBytes(String... args) throws Exception {
    return execute(null, args).stdout;
  }

  /** Runs the CLI with {@code stdin} as its standard input (null: none). */
  public Result runWithInput(InputStream stdin, String... args) throws Exception {
    Output output = execute(stdin, args);
    return new Result(output.exitCode, new String(output.stdout, StandardCharsets.UTF_8),
        new String(output.stderr, StandardCharsets.UTF_8));
  }

  private record Output(int exitCode, byte[] stdout, byte[] stderr) {}

  private Output execute(InputStream stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CLI.toString(), "-H", host));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DOCKER_CONFIG", config.toString());
    builder.environment().remove("DOCKER_HOST");
    Process process = builder.start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        stdin.transferTo(in);
      }
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("docker " + String.join(" ", args) + " did not finish in 120s");
    }
    return new Output(process.exitValue(), out.get(), err.get());
  }

  /** The CLI's command line for {@code args}, with this client's config, to run in a terminal. */
  public List<String> commandLine(String... args) {
    List<String> command = new ArrayList<>(List.of("env", "-u", "DOCKER_HOST", "DOCKER_CONFIG=" + config,
        CLI.toString(), "-H", host));
    command.addAll(List.of(args));
    return command;
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    Trees.delete(config);
  }
}
