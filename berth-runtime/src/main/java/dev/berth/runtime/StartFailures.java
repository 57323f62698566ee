package dev.berth.runtime;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Docker's reading of why a container could not start (moby translateContainerdStartErr): a command
 * that is not found gets exit code 127 and one that cannot be executed 126, and both are the user's
 * mistake (an invalid config, HTTP 400) rather than the daemon's. The docker CLI maps the same
 * messages to its own exit code, so the runtime's wording must reach it unchanged.
 */
public final class StartFailures {

  private StartFailures() {}

  /**
   * The exit code Docker records for a container whose start failed with {@code message}, the
   * runtime's error text, when {@code command} is the container's args[0]; empty when the failure
   * is not one of the user's making.
   */
  public static OptionalInt exitCode(String command, String message) {
    String text = message.toLowerCase(Locale.ROOT);
    OptionalInt code = OptionalInt.empty();
    if (text.contains(command.toLowerCase(Locale.ROOT))
        && (text.contains("executable file not found")
            || text.contains("no such file or directory"))) {
      code = OptionalInt.of(127);
    }
    if (text.contains("permission denied")) {
      code = OptionalInt.of(126);
    }
    // A file bind-mounted onto a directory, or the reverse.
    if (text.contains("not a directory")) {
      code = OptionalInt.of(127);
    }
    return code;
  }
}
