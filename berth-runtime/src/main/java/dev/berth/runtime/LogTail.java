package dev.berth.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds where the last N lines of a k8s-file log begin by reading the file backwards in blocks, so
 * that {@code --tail} costs the size of the tail, not of the log.
 */
final class LogTail {

  private static final int BLOCK = 64 * 1024;

  /**
   * How far before the last lines to look for the start of the oldest one. The pieces of a line are
   * normally next to each other; were they further apart (a stream printing half a line, then the
   * other stream a megabyte), the tail would show the line without its beginning rather than read
   * the whole log backwards.
   */
  private static final long LOOKBACK = 1 << 20;

  private LogTail() {}

  /**
   * An offset from which reading forward yields at least the last {@code lines} complete lines
   * (fewer only when the file has fewer), including the earlier pieces of the oldest of them; the
   * caller keeps the last {@code lines} of what it reads.
   */
  static long offset(FileChannel channel, int lines) throws IOException {
    Newlines newlines = new Newlines(channel, channel.size());
    long recordEnd = newlines.previous();
    if (recordEnd < 0) {
      return 0;
    }
    if (lines == 0) {
      return recordEnd + 1;
    }
    int complete = 0;
    long offset = 0;
    // The streams seen while counting; once enough lines are found, the streams whose oldest line
    // may still have earlier pieces. A stream not seen since has no line among the last ones.
    Set<LogEntry.Stream> open = EnumSet.noneOf(LogEntry.Stream.class);
    boolean counted = false;
    long tailStart = 0;
    while (true) {
      long previous = newlines.previous();
      long recordStart = previous + 1;
      K8sLogRecord record = newlines.header(recordStart, recordEnd);
      if (record != null) {
        if (!counted) {
          open.add(record.stream());
          if (!record.partial() && ++complete == lines) {
            offset = recordStart;
            tailStart = recordStart;
            counted = true;
          }
        } else if (tailStart - recordStart > LOOKBACK) {
          return offset;
        } else if (open.contains(record.stream())) {
          if (record.partial()) {
            offset = recordStart;
          } else {
            open.remove(record.stream());
            if (open.isEmpty()) {
              return offset;
            }
          }
        }
      }
      if (previous < 0) {
        return counted ? offset : 0;
      }
      recordEnd = previous;
    }
  }

  /** A file's '\n' positions from the end backwards, and the records that start after them. */
  private static final class Newlines {
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
    private final ByteBuffer header = ByteBuffer.allocate(K8sLogRecord.HEADER_MAX);
    private long blockStart;
    private int index;

    Newlines(FileChannel channel, long end) {
      this.channel = channel;
      this.blockStart = end;
      this.index = 0;
    }

    /** The position of the '\n' before the last one returned, or -1 at the file's start. */
    long previous() throws IOException {
      while (true) {
        while (index > 0) {
          index--;
          if (block.get(index) == '\n') {
            return blockStart + index;
          }
        }
        if (blockStart == 0) {
          return -1;
        }
        int length = (int) Math.min(BLOCK, blockStart);
        blockStart -= length;
        block.clear().limit(length);
        while (block.hasRemaining()) {
          if (channel.read(block, blockStart + block.position()) < 0) {
            throw new IOException("log file shrank while reading its tail");
          }
        }
        index = length;
      }
    }

    /**
     * The time, stream and tag of the record in [start, end), from the block in hand when it
     * holds them (nearly always), else read from the file.
     */
    K8sLogRecord header(long start, long end) throws IOException {
      int length = (int) Math.min(K8sLogRecord.HEADER_MAX, end - start);
      if (start >= blockStart && start + length <= blockStart + block.limit()) {
        int from = (int) (start - blockStart);
        return K8sLogRecord.parse(block.array(), from, from + length);
      }
      header.clear().limit(length);
      while (header.hasRemaining()) {
        if (channel.read(header, start + header.position()) < 0) {
          break;
        }
      }
      return K8sLogRecord.parse(header.array(), 0, header.position());
    }
  }
}
