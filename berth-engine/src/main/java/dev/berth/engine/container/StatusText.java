package dev.berth.engine.container;

import dev.berth.api.HumanDuration;
import dev.berth.api.container.Health;
import java.time.Duration;
import java.time.Instant;

/**
 * The human {@code Status} column of {@code docker ps}: "Up 3 minutes", "Up 5 seconds (healthy)",
 * "Exited (0) 2 hours ago".
 */
final class StatusText {

  private StatusText() {}

  static String of(ContainerRecord record, Instant now, Health health) {
    return switch (record.status()) {
      case CREATED -> "Created";
      case RUNNING -> "Up " + HumanDuration.of(Duration.between(record.startedAt(), now)) + healthSuffix(health);
      case PAUSED -> "Up " + HumanDuration.of(Duration.between(record.startedAt(), now)) + " (Paused)";
      case RESTARTING -> "Restarting (" + record.exitCode() + ") " + ago(record.finishedAt(), now);
      case REMOVING -> "Removal In Progress";
      case EXITED -> record.finishedAt() == null ? "Created"
          : "Exited (" + record.exitCode() + ") " + ago(record.finishedAt(), now);
      case DEAD -> "Dead";
    };
  }

  private static String healthSuffix(Health health) {
    if (health == null) {
      return "";
    }
    return health.status().equals(Health.STARTING) ? " (health: starting)" : " (" + health.status() + ")";
  }

  private static String ago(Instant then, Instant now) {
    return HumanDuration.of(Duration.between(then, now)) + " ago";
  }
}
