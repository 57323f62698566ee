package dev.berth.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;

/**
 * One line a container wrote, as read back from its log: when it was written, on which stream, and
 * its bytes, ending in '\n' when the container ended the line (a last line the container never
 * finished has none).
 */
public record LogEntry(Instant time, Stream stream, byte[] content) {

  /** The container's output stream a line came from. */
  public enum Stream {
    STDOUT,
    STDERR
  }

  /** Docker's RFC3339NanoFixed in UTC, the timestamp {@code docker logs -t} prefixes. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  public LogEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(stream, "stream");
    content = content.clone();
  }

  /** A copy of the line's bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** Whether the container ended this line with '\n'. */
  public boolean complete() {
    return content.length > 0 && content[content.length - 1] == '\n';
  }

  /** The line as {@code docker logs --timestamps} shows it: the time, a space, the bytes. */
  public byte[] timestamped() {
    byte[] prefix = (TIMESTAMP.format(time) + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(prefix, prefix.length + content.length);
    System.arraycopy(content, 0, out, prefix.length, content.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry other
        && time.equals(other.time)
        && stream == other.stream
        && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, stream, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "LogEntry["
        + time
        + " "
        + stream
        + " "
        + new String(content, StandardCharsets.UTF_8).strip()
        + "]";
  }
}
