package dev.berth.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's timetypes.GetTimestamp: turns {@code --since}/{@code --until} values (a Go duration
 * such as {@code 42m}, an RFC 3339 time, a date, or Unix seconds) into what the daemon takes.
 */
public final class TimeArgs {

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d{1,9})?");

  private TimeArgs() {}

  public static String timestamp(String value, Instant reference) {
    return timestamp(value, reference, ZoneId.systemDefault());
  }

  public static String timestamp(String value, Instant reference, ZoneId zone) {
    Duration d = parseGoDuration(value);
    if (d != null && !value.equals("0")) {
      return Long.toString(reference.minus(d).getEpochSecond());
    }
    boolean inLocation = !(value.chars().anyMatch(c -> c == 'z' || c == 'Z' || c == '+')
        || value.chars().filter(c -> c == '-').count() == 3);
    Instant t = null;
    try {
      if (value.contains("T")) {
        String v = value;
        if (inLocation) {
          LocalDateTime ldt = LocalDateTime.parse(padTime(v));
          t = ldt.atZone(zone).toInstant();
        } else {
          t = OffsetDateTime.parse(padZoned(v)).toInstant();
        }
      } else if (value.contains("-")) {
        if (inLocation) {
          t = LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } else {
          int z = Math.max(value.indexOf('Z'), Math.max(value.indexOf('z'), Math.max(value.indexOf('+'),
              value.lastIndexOf('-') > 7 ? value.lastIndexOf('-') : -1)));
          String date = value.substring(0, z);
          String off = value.substring(z);
          t = OffsetDateTime.parse(date + "T00:00:00" + (off.equalsIgnoreCase("z") ? "Z" : off)).toInstant();
        }
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("parsing time \"" + value + "\": " + e.getMessage());
    }
    if (t == null) {
      if (UNIX.matcher(value).matches()) {
        return value;
      }
      throw new IllegalArgumentException("failed to parse value as time or duration: \"" + value + "\"");
    }
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  /** {@code 2013-01-02T13} / {@code 2013-01-02T13:23} → full local time. */
  private static String padTime(String v) {
    int colons = (int) v.chars().filter(c -> c == ':').count();
    return switch (colons) {
      case 0 -> v + ":00:00";
      case 1 -> v + ":00";
      default -> v;
    };
  }

  private static String padZoned(String v) {
    int zi = -1;
    for (int i = v.indexOf('T'); i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
        zi = i;
        break;
      }
    }
    if (zi < 0) {
      return v;
    }
    String time = v.substring(0, zi);
    String zone = v.substring(zi);
    return padTime(time) + (zone.equalsIgnoreCase("z") ? "Z" : zone);
  }

  /** Go's time.ParseDuration, or null when {@code s} is not a duration. */
  public static Duration parseGoDuration(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    String v = s;
    boolean neg = false;
    if (v.startsWith("-") || v.startsWith("+")) {
      neg = v.startsWith("-");
      v = v.substring(1);
    }
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(v);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < v.length()) {
      if (!m.find(pos) || m.start() != pos) {
        return null;
      }
      BigDecimal n = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1).startsWith(".")
          ? "0" + m.group(1) : m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
      pos = m.end();
    }
    long total = nanos.longValue();
    return Duration.ofNanos(neg ? -total : total);
  }
}
