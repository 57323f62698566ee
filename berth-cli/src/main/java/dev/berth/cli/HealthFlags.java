package dev.berth.cli;

import dev.berth.api.container.HealthConfig;
import java.time.Duration;
import java.util.List;

/** The {@code --health-*} and {@code --no-healthcheck} flags of run and create, turned into a HealthConfig as the docker CLI does. */
final class HealthFlags {

  private HealthFlags() {}

  /** The flags' health check; null when none was given, so the image's applies. */
  static HealthConfig healthcheck(String cmd, String interval, String timeout, int retries, String startPeriod,
      String startInterval, boolean noHealthcheck) {
    long intervalNanos = nanos(interval, "--health-interval");
    long timeoutNanos = nanos(timeout, "--health-timeout");
    long startPeriodNanos = nanos(startPeriod, "--health-start-period");
    long startIntervalNanos = nanos(startInterval, "--health-start-interval");
    boolean anySetting = cmd != null && !cmd.isEmpty() || intervalNanos != 0 || timeoutNanos != 0 || retries != 0
        || startPeriodNanos != 0 || startIntervalNanos != 0;
    if (noHealthcheck) {
      if (anySetting) {
        throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
      }
      return new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
    }
    if (!anySetting) {
      return null;
    }
    requireNotNegative(intervalNanos, "--health-interval");
    requireNotNegative(timeoutNanos, "--health-timeout");
    requireNotNegative(retries, "--health-retries");
    requireNotNegative(startPeriodNanos, "--health-start-period");
    requireNotNegative(startIntervalNanos, "--health-start-interval");
    List<String> test = cmd == null || cmd.isEmpty() ? null : List.of("CMD-SHELL", cmd);
    return new HealthConfig(test, intervalNanos, timeoutNanos, retries, startPeriodNanos, startIntervalNanos);
  }

  private static long nanos(String value, String flag) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    Duration duration = TimeArgs.parseGoDuration(value);
    if (duration == null) {
      throw UsageError.flag("invalid argument \"" + value + "\" for \"" + flag + "\" flag: time: invalid duration \""
          + value + "\"");
    }
    return duration.toNanos();
  }

  private static void requireNotNegative(long value, String flag) {
    if (value < 0) {
      throw new IllegalArgumentException(flag + " cannot be negative");
    }
  }
}
