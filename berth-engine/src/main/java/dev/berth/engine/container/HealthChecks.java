package dev.berth.engine.container;

import dev.berth.api.container.HealthConfig;
import dev.berth.api.errors.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's rules for a container's health check: how the container's settings and the image's
 * combine, what is valid, what a probe runs, and the defaults (30s interval, 30s timeout, 3
 * retries, no start period).
 */
final class HealthChecks {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final int DEFAULT_RETRIES = 3;
  /** Docker keeps this much of a probe's output. */
  static final int MAX_OUTPUT = 4096;
  /** Docker keeps this many probe results. */
  static final int MAX_RESULTS = 5;

  private static final long MIN_NANOS = Duration.ofMillis(1).toNanos();

  private HealthChecks() {}

  /** The container's settings over the image's, field by field, as Docker merges them at create. */
  static HealthConfig merge(HealthConfig requested, HealthConfig image) {
    if (requested == null) {
      return image;
    }
    if (image == null) {
      return requested;
    }
    return new HealthConfig(
        requested.test() == null || requested.test().isEmpty() ? image.test() : requested.test(),
        requested.interval() == 0 ? image.interval() : requested.interval(),
        requested.timeout() == 0 ? image.timeout() : requested.timeout(),
        requested.retries() == 0 ? image.retries() : requested.retries(),
        requested.startPeriod() == 0 ? image.startPeriod() : requested.startPeriod(),
        requested.startInterval() == 0 ? image.startInterval() : requested.startInterval());
  }

  /** dockerd's checks at create, with its words. */
  static void validate(HealthConfig config) {
    if (config == null) {
      return;
    }
    requireAtLeastAMillisecond(config.interval(), "Interval");
    requireAtLeastAMillisecond(config.timeout(), "Timeout");
    requireAtLeastAMillisecond(config.startPeriod(), "StartPeriod");
    requireAtLeastAMillisecond(config.startInterval(), "StartInterval");
    if (config.retries() < 0) {
      throw new InvalidArgumentException("Retries in Healthcheck cannot be negative");
    }
  }

  private static void requireAtLeastAMillisecond(long nanos, String field) {
    if (nanos != 0 && nanos < MIN_NANOS) {
      throw new InvalidArgumentException(field + " in Healthcheck cannot be less than " + format(Duration.ofNanos(
          MIN_NANOS)));
    }
  }

  /**
   * The command a probe runs: {@code CMD args...} as given, {@code CMD-SHELL text} through the
   * container's shell ({@code /bin/sh -c} by default); nothing for {@code NONE} or no test.
   */
  static Optional<List<String>> command(HealthConfig config, List<String> shell) {
    if (config == null || config.test() == null || config.test().isEmpty()) {
      return Optional.empty();
    }
    List<String> test = config.test();
    return switch (test.getFirst()) {
      case "CMD" -> test.size() > 1 ? Optional.of(List.copyOf(test.subList(1, test.size()))) : Optional.empty();
      case "CMD-SHELL" -> {
        List<String> command = new ArrayList<>(shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : shell);
        command.add(String.join(" ", test.subList(1, test.size())));
        yield Optional.of(List.copyOf(command));
      }
      default -> Optional.empty();
    };
  }

  static Duration interval(HealthConfig config) {
    return config.interval() > 0 ? Duration.ofNanos(config.interval()) : DEFAULT_INTERVAL;
  }

  /** Between probes during the start period: StartInterval when set (API 1.44), else the interval. */
  static Duration startInterval(HealthConfig config) {
    return config.startInterval() > 0 ? Duration.ofNanos(config.startInterval()) : interval(config);
  }

  static Duration timeout(HealthConfig config) {
    return config.timeout() > 0 ? Duration.ofNanos(config.timeout()) : DEFAULT_TIMEOUT;
  }

  static int retries(HealthConfig config) {
    return config.retries() > 0 ? config.retries() : DEFAULT_RETRIES;
  }

  static Duration startPeriod(HealthConfig config) {
    return Duration.ofNanos(config.startPeriod());
  }

  /** Go's time.Duration.String, as Docker's messages print durations: "30s", "1m30s", "500ms". */
  static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return decimal(nanos, 1_000) + "µs";
    }
    if (nanos < 1_000_000_000) {
      return decimal(nanos, 1_000_000) + "ms";
    }
    long hours = duration.toHours();
    long minutes = duration.toMinutesPart();
    StringBuilder text = new StringBuilder();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    return text.append(decimal(nanos % 60_000_000_000L, 1_000_000_000)).append('s').toString();
  }

  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
