package dev.berth.cli.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Go's {@code time.Time.String()} in the local zone: {@code 2006-01-02 15:04:05 -0700 MST}. */
public final class GoTime {

  private static final DateTimeFormatter BASE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx", Locale.ROOT);

  private GoTime() {}

  public static String string(Instant t) {
    return string(t, ZoneId.systemDefault());
  }

  public static String string(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    String abbr;
    if (zone.normalized().equals(ZoneOffset.UTC) || zone.getId().equals("Etc/UTC")) {
      abbr = "UTC";
    } else {
      // Go prints the zone's abbreviation, or the numeric offset for zones without one
      abbr = NAME.format(z);
      if (abbr.startsWith("GMT") || abbr.startsWith("UTC") || abbr.startsWith("+") || abbr.startsWith("-")) {
        abbr = OFFSET.format(z);
      }
    }
    return BASE.format(z) + " " + abbr;
  }
}
