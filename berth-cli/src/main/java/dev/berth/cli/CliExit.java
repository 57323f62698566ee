package dev.berth.cli;

/**
 * Ends a command with an exit status. The message, when there is one, is printed to stderr as is
 * (commands print their own per-item errors first, as docker does).
 */
public final class CliExit extends RuntimeException {

  private final int status;

  public CliExit(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** Exits with {@code status} after everything was already printed. */
  public static CliExit silent(int status) {
    return new CliExit(status, null);
  }

  public int status() {
    return status;
  }
}
