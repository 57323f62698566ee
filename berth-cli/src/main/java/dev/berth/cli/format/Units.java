package dev.berth.cli.format;

import java.time.Duration;

/** Docker's go-units: sizes ({@code 4.26MB}) and durations ({@code 2 minutes}). */
public final class Units {

  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

  private Units() {}

  /** {@code units.HumanSizeWithPrecision}: decimal units, {@code precision} significant digits. */
  public static String humanSizeWithPrecision(double size, int precision) {
    int i = 0;
    while (size >= 1000.0 && i < DECIMAL.length - 1) {
      size /= 1000.0;
      i++;
    }
    return GoNumbers.formatFloat(size, 'g', precision) + DECIMAL[i];
  }

  /** {@code units.HumanSize}: four significant digits. */
  public static String humanSize(double size) {
    return humanSizeWithPrecision(size, 4);
  }

  /** {@code units.BytesSize}: binary units, {@code %.4g}. */
  public static String bytesSize(double size) {
    int i = 0;
    while (size >= 1024.0 && i < BINARY.length - 1) {
      size /= 1024.0;
      i++;
    }
    return GoNumbers.formatFloat(size, 'g', 4) + BINARY[i];
  }

  /** {@code units.HumanDuration}: "Less than a second", "About a minute", "3 hours"... */
  public static String humanDuration(Duration d) {
    long nanos = d.toNanos();
    double secondsF = nanos / 1e9;
    long seconds = (long) secondsF;
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = (long) (nanos / 6e10);
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
