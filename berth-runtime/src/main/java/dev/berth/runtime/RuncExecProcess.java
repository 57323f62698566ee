package dev.berth.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An exec without a terminal, run by {@code runc exec} in the foreground: its stdio are runc's, which
 * hands them straight to the process, and its exit code is runc's. When the runtime could not start
 * the command at all, {@link #waitFor()} says why instead.
 */
final class RuncExecProcess implements ExecProcess {

  private final Process runtime;
  private final Path runtimeLog;
  private final Path processFile;

  RuncExecProcess(Process runtime, Path runtimeLog, Path processFile) {
    this.runtime = runtime;
    this.runtimeLog = runtimeLog;
    this.processFile = processFile;
  }

  @Override
  public OutputStream stdin() {
    return runtime.getOutputStream();
  }

  @Override
  public InputStream stdout() {
    return runtime.getInputStream();
  }

  @Override
  public InputStream stderr() {
    return runtime.getErrorStream();
  }

  @Override
  public Exit waitFor() throws InterruptedException {
    int code = runtime.waitFor();
    try {
      Optional<String> error = Optional.empty();
      if (code != 0 && Files.exists(runtimeLog)) {
        String text = RuntimeMessages.errorText(Files.readString(runtimeLog));
        error = text.isBlank() ? Optional.empty() : Optional.of(text);
      }
      return new Exit(code, error);
    } catch (IOException e) {
      return new Exit(code, Optional.of("cannot read the runtime's log " + runtimeLog + ": " + e.getMessage()));
    } finally {
      deleteQuietly(runtimeLog);
      deleteQuietly(processFile);
    }
  }

  /** Ends the exec's runtime process (the command itself ends with the container). */
  @Override
  public void destroy() {
    runtime.destroy();
  }

  /** A process without a terminal has no window size. */
  @Override
  public void resize(int height, int width) {}

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover file in the container's state dir goes when the container is deleted
    }
  }
}
