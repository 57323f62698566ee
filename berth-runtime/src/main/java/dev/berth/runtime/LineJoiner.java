package dev.berth.runtime;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the P pieces of a line with the F record that ends it, per stream: stdout and stderr are
 * read by conmon independently, so a piece of a stdout line may be followed by stderr lines before
 * the rest of it. A joined line carries the time of its first piece.
 */
final class LineJoiner {

  private final ByteArrayOutputStream[] pending =
      new ByteArrayOutputStream[LogEntry.Stream.values().length];
  private final Instant[] pendingTime = new Instant[pending.length];

  /** The completed line, or null when {@code record} is a piece kept for later. */
  LogEntry accept(K8sLogRecord record, byte[] b, int contentEnd) {
    int i = record.stream().ordinal();
    int start = record.contentStart();
    int length = contentEnd - start;
    if (record.partial()) {
      if (pending[i] == null) {
        pending[i] = new ByteArrayOutputStream(Math.max(length * 2, 64));
        pendingTime[i] = record.time();
      }
      pending[i].write(b, start, length);
      return null;
    }
    byte[] content;
    Instant time;
    if (pending[i] == null) {
      content = new byte[length + 1];
      System.arraycopy(b, start, content, 0, length);
      time = record.time();
    } else {
      pending[i].write(b, start, length);
      pending[i].write('\n');
      content = pending[i].toByteArray();
      time = pendingTime[i];
      pending[i] = null;
    }
    content[content.length - 1] = '\n';
    return new LogEntry(time, record.stream(), content);
  }

  /** The unfinished lines, without a newline, for when no more output can come. */
  List<LogEntry> drain() {
    List<LogEntry> out = new ArrayList<>();
    for (LogEntry.Stream stream : LogEntry.Stream.values()) {
      int i = stream.ordinal();
      if (pending[i] != null) {
        out.add(new LogEntry(pendingTime[i], stream, pending[i].toByteArray()));
        pending[i] = null;
      }
    }
    out.sort((a, b) -> a.time().compareTo(b.time()));
    return out;
  }
}
