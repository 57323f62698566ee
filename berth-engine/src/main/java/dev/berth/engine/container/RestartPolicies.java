package dev.berth.engine.container;

import dev.berth.api.container.HostConfig.RestartPolicy;
import dev.berth.api.errors.InvalidArgumentException;
import java.time.Duration;

/**
 * Docker's restart policies: {@code no}, {@code always}, {@code unless-stopped} and
 * {@code on-failure[:N]}, and its back-off between restarts: 100 ms, doubling up to a minute, back to
 * 100 ms once a run lasted ten seconds.
 */
final class RestartPolicies {

  static final Duration FIRST_DELAY = Duration.ofMillis(100);
  static final Duration MAX_DELAY = Duration.ofMinutes(1);
  static final Duration STABLE_RUN = Duration.ofSeconds(10);

  private RestartPolicies() {}

  /** Refuses what dockerd refuses at create time. */
  static void validate(RestartPolicy policy, boolean autoRemove) {
    String name = policy.name();
    switch (name) {
      case "no", "always", "unless-stopped" -> {
        if (policy.maximumRetryCount() != 0) {
          throw new InvalidArgumentException("maximum retry count cannot be used with restart policy '" + name + "'");
        }
      }
      case "on-failure" -> {
        if (policy.maximumRetryCount() < 0) {
          throw new InvalidArgumentException("maximum retry count cannot be negative");
        }
      }
      default -> throw new InvalidArgumentException("invalid restart policy '" + name + "'");
    }
    if (autoRemove && !name.equals("no")) {
      throw new InvalidArgumentException("can't create 'AutoRemove' container with restart policy");
    }
  }

  /** Whether a container that just exited is restarted by its policy. */
  static boolean restartsAfterExit(ContainerRecord exited) {
    if (exited.stoppedByUser()) {
      return false;
    }
    RestartPolicy policy = exited.hostConfig().restartPolicy();
    return switch (policy.name()) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> exited.exitCode() != 0
          && (policy.maximumRetryCount() == 0 || exited.restartCount() < policy.maximumRetryCount());
      default -> false;
    };
  }

  /**
   * Whether berthd starts a stopped container when it starts: {@code always} does even after a user's
   * stop, {@code unless-stopped} only if the user did not stop it, {@code on-failure} after a failure.
   */
  static boolean restartsWithDaemon(ContainerRecord record) {
    if (record.startedAt() == null) {
      return false;
    }
    RestartPolicy policy = record.hostConfig().restartPolicy();
    return switch (policy.name()) {
      case "always" -> true;
      case "unless-stopped" -> !record.stoppedByUser();
      case "on-failure" -> !record.stoppedByUser() && record.exitCode() != 0
          && (policy.maximumRetryCount() == 0 || record.restartCount() < policy.maximumRetryCount());
      default -> false;
    };
  }

  /** The wait before the next restart, given the last one and how long the run lasted. */
  static Duration nextDelay(Duration previous, Duration ranFor) {
    if (previous == null || ranFor.compareTo(STABLE_RUN) >= 0) {
      return FIRST_DELAY;
    }
    Duration doubled = previous.multipliedBy(2);
    return doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
  }
}
