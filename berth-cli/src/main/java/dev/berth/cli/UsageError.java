package dev.berth.cli;

/**
 * A command line a command cannot run: wrong number of arguments or a bad flag value. Printed as
 * cobra prints it for docker: the message, the usage line, and a pointer to {@code --help}
 * ("See" after minimum/maximum argument checks, "Run" otherwise).
 */
public final class UsageError extends RuntimeException {

  private final boolean see;
  private final int status;

  private UsageError(String message, boolean see, int status) {
    super(message, null, false, false);
    this.see = see;
    this.status = status;
  }

  /** {@code berth: 'berth stop' requires at least 1 argument}. */
  public static UsageError requiresAtLeast(String command, int n) {
    return new UsageError(Cli.NAME + ": '" + command + "' requires at least " + n + " " + plural(n), true, 1);
  }

  /** {@code berth: 'berth images' requires at most 1 argument}. */
  public static UsageError requiresAtMost(String command, int n) {
    return new UsageError(Cli.NAME + ": '" + command + "' requires at most " + n + " " + plural(n), true, 1);
  }

  /** {@code berth: 'berth import' requires at least 1 and at most 2 arguments}. */
  public static UsageError requiresRange(String command, int min, int max) {
    return new UsageError(Cli.NAME + ": '" + command + "' requires at least " + min + " and at most " + max + " "
        + plural(max), true, 1);
  }

  /** {@code berth: 'berth rename' requires 2 arguments}. */
  public static UsageError requiresExactly(String command, int n) {
    return new UsageError(Cli.NAME + ": '" + command + "' requires " + n + " " + plural(n), false, 1);
  }

  /** {@code "berth ps" accepts no arguments}. */
  public static UsageError acceptsNone(String command) {
    return new UsageError("\"" + command + "\" accepts no arguments", false, 1);
  }

  /** A bad flag or flag value: exit 125. */
  public static UsageError flag(String message) {
    return new UsageError(message, false, 125);
  }

  private static String plural(int n) {
    return n == 1 ? "argument" : "arguments";
  }

  public boolean see() {
    return see;
  }

  public int status() {
    return status;
  }
}
