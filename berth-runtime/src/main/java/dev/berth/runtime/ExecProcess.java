package dev.berth.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process running inside a container through {@code runc exec}: its stdio are runc's, which hands
 * them straight to the process, and its exit code is runc's. When the runtime could not start the
 * command at all, {@link #waitFor()} says why instead.
 */
public final class ExecProcess {

  /** How an exec ended: the command's exit code, or the runtime's reason it never ran. */
  public record Exit(int code, Optional<String> runtimeError) {}

  private final Process runtime;
  private final Path runtimeLog;
  private final Path processFile;

  ExecProcess(Process runtime, Path runtimeLog, Path processFile) {
    this.runtime = runtime;
    this.runtimeLog = runtimeLog;
    this.processFile = processFile;
  }

  public OutputStream stdin() {
    return runtime.getOutputStream();
  }

  public InputStream stdout() {
    return runtime.getInputStream();
  }

  public InputStream stderr() {
    return runtime.getErrorStream();
  }

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
  public void destroy() {
    runtime.destroy();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover file in the container's state dir goes when the container is deleted
    }
  }
}
