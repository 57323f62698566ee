package dev.berth.client;

/**
 * Options of {@code GET /containers/{id}/logs}. {@code since}/{@code until} are what the daemon
 * takes: Unix seconds with optional nanoseconds ({@code 1700000000.000000000}), or empty;
 * {@code tail} is a line count or {@code all}.
 */
public record LogsOptions(boolean stdout, boolean stderr, boolean follow, boolean timestamps,
    String tail, String since, String until, boolean details) {

  public static LogsOptions defaults() {
    return new LogsOptions(true, true, false, false, "all", "", "", false);
  }

  public LogsOptions withFollow(boolean f) {
    return new LogsOptions(stdout, stderr, f, timestamps, tail, since, until, details);
  }

  public LogsOptions withTimestamps(boolean t) {
    return new LogsOptions(stdout, stderr, follow, t, tail, since, until, details);
  }

  public LogsOptions withTail(String t) {
    return new LogsOptions(stdout, stderr, follow, timestamps, t, since, until, details);
  }

  public LogsOptions withSince(String s) {
    return new LogsOptions(stdout, stderr, follow, timestamps, tail, s, until, details);
  }

  public LogsOptions withUntil(String u) {
    return new LogsOptions(stdout, stderr, follow, timestamps, tail, since, u, details);
  }

  public LogsOptions withDetails(boolean d) {
    return new LogsOptions(stdout, stderr, follow, timestamps, tail, since, until, d);
  }
}
