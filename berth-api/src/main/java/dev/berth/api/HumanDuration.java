package dev.berth.api;

import java.time.Duration;

/**
 * Docker's wording for a span of time (go-units {@code HumanDuration}): the API's container
 * {@code Status} ("Up 3 minutes") and the CLI's CREATED column ("2 hours ago") both use it, so it
 * lives with the API's shapes rather than twice.
 */
public final class HumanDuration {

  private HumanDuration() {}

  /** "Less than a second", "1 second", "About a minute", "3 hours", "2 weeks", ... */
  public static String of(Duration d) {
    long nanos = d.toNanos();
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = nanos / 60_000_000_000L;
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = (long) (nanos / 3.6e12 + 0.5);
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
    return (long) (nanos / 3.6e12) / 24 / 365 + " years";
  }
}
