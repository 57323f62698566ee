package dev.berth.engine.container;

import java.time.Duration;
import java.time.Instant;

/** The human {@code Status} column of {@code docker ps}: "Up 3 minutes", "Exited (0) 2 hours ago". */
final class StatusText {

  private StatusText() {}

  static String of(ContainerRecord record, Instant now) {
    return switch (record.status()) {
      case CREATED -> "Created";
      case RUNNING -> "Up " + humanDuration(Duration.between(record.startedAt(), now));
      case PAUSED -> "Up " + humanDuration(Duration.between(record.startedAt(), now)) + " (Paused)";
      case RESTARTING -> "Restarting (" + record.exitCode() + ") " + ago(record.finishedAt(), now);
      case REMOVING -> "Removal In Progress";
      case EXITED -> record.finishedAt() == null ? "Created"
          : "Exited (" + record.exitCode() + ") " + ago(record.finishedAt(), now);
      case DEAD -> "Dead";
    };
  }

  private static String ago(Instant then, Instant now) {
    return humanDuration(Duration.between(then, now)) + " ago";
  }

  /** The same buckets as Docker's go-units HumanDuration. */
  static String humanDuration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = duration.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(duration.toMinutes() / 60.0);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return hours / 24 / 365 + " years";
  }
}
