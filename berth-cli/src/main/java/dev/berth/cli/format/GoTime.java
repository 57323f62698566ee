package dev.berth.cli.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Go's {@code time.Time.String()} in the local zone: {@code 2006-01-02 15:04:05 -0700 MST}. */
public final class GoTime {

  private static final DateTimeFormatter BASE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

  private GoTime() {}

  public static String string(Instant t) {
    return string(t, ZoneId.systemDefault());
  }

  public static String string(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    String abbr;
    if (zone.normalized().equals(java.time.ZoneOffset.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC")
        || zone.getId().equals("Z")) {
      abbr = "UTC";
    } else {
      abbr = z.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT);
      String tz = DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(z);
      abbr = tz.startsWith("GMT") || tz.startsWith("UTC") ? z.format(DateTimeFormatter.ofPattern("xx", Locale.ROOT)) : tz;
      if (abbr.isEmpty()) {
        abbr = z.getOffset().getId();
      }
    }
    return BASE.format(z) + " " + abbr;
  }
}
