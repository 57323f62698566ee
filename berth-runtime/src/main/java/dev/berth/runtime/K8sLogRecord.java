package dev.berth.runtime;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One record of conmon's k8s-file log format, {@code <time> <stdout|stderr> <F|P> <content>\n}: the
 * time is RFC 3339 with nanoseconds and conmon's local offset, F marks the end of a line the
 * container wrote and P a piece of a line (conmon read it without its newline yet). The '\n' ending
 * a record is the container's own for F, and added by conmon for P.
 *
 * @param contentStart index in the parsed buffer where the content begins
 */
record K8sLogRecord(Instant time, LogEntry.Stream stream, boolean partial, int contentStart) {

  /** Longer than any record's time, stream and tag: what the tail search reads of a record. */
  static final int HEADER_MAX = 64;

  private static final byte[] STDOUT = "stdout".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STDERR = "stderr".getBytes(StandardCharsets.US_ASCII);

  /**
   * Parses the record in {@code b[from, to)} (without its '\n'), or returns null when it is not
   * one; {@code to} may also cut the record short after its tag, as the tail search does.
   */
  static K8sLogRecord parse(byte[] b, int from, int to) {
    int timeEnd = indexOf(b, (byte) ' ', from, to);
    if (timeEnd < 0) {
      return null;
    }
    int streamEnd = indexOf(b, (byte) ' ', timeEnd + 1, to);
    if (streamEnd < 0 || streamEnd + 1 >= to) {
      return null;
    }
    LogEntry.Stream stream;
    if (equals(b, timeEnd + 1, streamEnd, STDOUT)) {
      stream = LogEntry.Stream.STDOUT;
    } else if (equals(b, timeEnd + 1, streamEnd, STDERR)) {
      stream = LogEntry.Stream.STDERR;
    } else {
      return null;
    }
    byte tag = b[streamEnd + 1];
    if (tag != 'F' && tag != 'P') {
      return null;
    }
    Instant time = parseTime(b, from, timeEnd);
    if (time == null) {
      return null;
    }
    return new K8sLogRecord(time, stream, tag == 'P', Math.min(streamEnd + 3, to));
  }

  /**
   * conmon always writes {@code 2024-01-02T03:04:05.123456789+01:00}; that shape is parsed by hand,
   * being most of the cost of reading a log, and anything else RFC 3339 by the JDK.
   */
  static Instant parseTime(byte[] b, int from, int to) {
    try {
      if (to - from == 35
          && b[from + 4] == '-'
          && b[from + 7] == '-'
          && b[from + 10] == 'T'
          && b[from + 13] == ':'
          && b[from + 16] == ':'
          && b[from + 19] == '.'
          && (b[from + 29] == '+' || b[from + 29] == '-')
          && b[from + 32] == ':') {
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2);
        int minute = digits(b, from + 14, 2);
        int second = digits(b, from + 17, 2);
        int nanos = digits(b, from + 20, 9);
        int offset = digits(b, from + 30, 2) * 3600 + digits(b, from + 33, 2) * 60;
        if (year >= 0
            && month >= 0
            && day >= 0
            && hour >= 0
            && hour < 24
            && minute >= 0
            && minute < 60
            && second >= 0
            && second < 60
            && nanos >= 0
            && offset >= 0) {
          long epochDay = LocalDate.of(year, month, day).toEpochDay();
          long seconds = epochDay * 86400 + hour * 3600L + minute * 60L + second;
          seconds -= b[from + 29] == '+' ? offset : -offset;
          return Instant.ofEpochSecond(seconds, nanos);
        }
      }
      String text = new String(b, from, to - from, StandardCharsets.US_ASCII);
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  // -1 when any byte is not a digit.
  private static int digits(byte[] b, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  static int indexOf(byte[] b, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static boolean equals(byte[] b, int from, int to, byte[] expected) {
    if (to - from != expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (b[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
