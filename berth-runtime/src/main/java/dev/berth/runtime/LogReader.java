package dev.berth.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a container's log, written by conmon in the k8s-file format (see {@link K8sLogRecord}), as
 * {@code docker logs} shows it: pieces of a line are joined, and the selection follows {@link
 * LogOptions}.
 *
 * <p>Following polls the file's size every {@value #FOLLOW_POLL_MILLIS} ms rather than using
 * inotify, whose JDK implementation costs a thread per watcher; the poll waits on the container's
 * exit, so a follow returns as soon as the container has exited and the rest of its output is read
 * (conmon writes the exit file only after draining the output into the log). conmon's own rotation
 * ({@code --log-size-max}, which replaces the file with an empty one) is followed onto the new
 * file; the lines it discarded are gone.
 */
public final class LogReader {

  static final long FOLLOW_POLL_MILLIS = 25;

  private static final int BUFFER = 64 * 1024;

  private final Path log;
  private final LogOptions options;
  private final CompletableFuture<?> exited;
  private final LogSink sink;
  private final LineJoiner joiner = new LineJoiner();
  private byte[] buffer = new byte[BUFFER];
  private int buffered;
  private FileChannel channel;
  private Object fileKey;
  private long position;
  private boolean stopped;

  private LogReader(Path log, LogOptions options, CompletionStage<?> exited, LogSink sink) {
    this.log = log;
    this.options = options;
    this.exited = exited.toCompletableFuture();
    this.sink = sink;
  }

  /**
   * Reads {@code log} into {@code sink}. Without {@code options.follow()} this returns at the end
   * of the file; with it, once {@code exited} has completed (normally or not) and the file is read
   * to its end, or {@code until} has passed, or the sink said stop. A missing file is an empty log
   * (a follow waits for it to appear).
   *
   * @param exited completes when the container has exited; consulted only when following
   */
  public static void read(Path log, LogOptions options, CompletionStage<?> exited, LogSink sink)
      throws IOException, InterruptedException {
    Objects.requireNonNull(sink, "sink");
    LogReader reader = new LogReader(log, options, exited, sink);
    try {
      reader.run();
    } finally {
      if (reader.channel != null) {
        reader.channel.close();
      }
    }
  }

  private void run() throws IOException, InterruptedException {
    if (open()) {
      if (options.tail().isPresent()) {
        readTail(options.tail().getAsInt());
      } else {
        readAvailable();
        if (!options.follow()) {
          emitUnfinished();
        }
      }
    }
    if (!options.follow()) {
      return;
    }
    while (!stopped) {
      // Checked before reading: everything the container wrote is in the file once it exited.
      boolean done = exited.isDone();
      if (channel != null || open()) {
        readAvailable();
        followRotation();
      }
      if (stopped) {
        return;
      }
      if (done) {
        emitUnfinished();
        return;
      }
      if (options.until().isPresent() && Instant.now().isAfter(options.until().get())) {
        return;
      }
      awaitExit();
    }
  }

  private void readTail(int lines) throws IOException {
    position = LogTail.offset(channel, lines);
    ArrayDeque<LogEntry> last = new ArrayDeque<>(lines + 1);
    readRecords(
        entry -> {
          last.addLast(entry);
          if (last.size() > lines) {
            last.removeFirst();
          }
        });
    if (!options.follow()) {
      for (LogEntry entry : joiner.drain()) {
        last.addLast(entry);
        if (last.size() > lines) {
          last.removeFirst();
        }
      }
    }
    for (LogEntry entry : last) {
      if (stopped) {
        return;
      }
      emit(entry);
    }
  }

  private void readAvailable() throws IOException {
    readRecords(
        entry -> {
          if (!stopped) {
            emit(entry);
          }
        });
  }

  private void emitUnfinished() throws IOException {
    for (LogEntry entry : joiner.drain()) {
      if (stopped) {
        return;
      }
      emit(entry);
    }
  }

  private void emit(LogEntry entry) throws IOException {
    if (options.since().isPresent() && entry.time().isBefore(options.since().get())) {
      return;
    }
    if (options.until().isPresent() && entry.time().isAfter(options.until().get())) {
      stopped = true;
      return;
    }
    if (!sink.accept(entry)) {
      stopped = true;
    }
  }

  private interface EntryConsumer {
    void accept(LogEntry entry) throws IOException;
  }

  /** Reads from {@link #position} to the end, passing on each line completed on the way. */
  private void readRecords(EntryConsumer consumer) throws IOException {
    while (!stopped) {
      if (buffered == buffer.length) {
        // A record longer than the buffer: conmon's are at most ~8 KiB, but be safe.
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int n = channel.read(ByteBuffer.wrap(buffer, buffered, buffer.length - buffered), position);
      if (n <= 0) {
        return;
      }
      position += n;
      buffered += n;
      int start = 0;
      int newline;
      while (!stopped
          && (newline = K8sLogRecord.indexOf(buffer, (byte) '\n', start, buffered)) >= 0) {
        K8sLogRecord record = K8sLogRecord.parse(buffer, start, newline);
        if (record != null) {
          LogEntry entry = joiner.accept(record, buffer, newline);
          if (entry != null) {
            consumer.accept(entry);
          }
        }
        start = newline + 1;
      }
      System.arraycopy(buffer, start, buffer, 0, buffered - start);
      buffered -= start;
    }
  }

  private boolean open() throws IOException {
    try {
      channel = FileChannel.open(log, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return false;
    }
    fileKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
    position = 0;
    buffered = 0;
    return true;
  }

  /**
   * Moves to the new file once conmon has renamed one over the log (rotation), after the old one
   * was read to its end; starts over if the file was truncated.
   */
  private void followRotation() throws IOException {
    Object currentKey;
    try {
      currentKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return;
    }
    if (!currentKey.equals(fileKey)) {
      channel.close();
      channel = null;
      if (open()) {
        readAvailable();
      }
    } else if (channel.size() < position) {
      position = 0;
      buffered = 0;
    }
  }

  private void awaitExit() throws InterruptedException {
    try {
      exited.get(FOLLOW_POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException | CancellationException e) {
      // timed out: poll the file again; failed or cancelled: counts as exited, seen next round
    }
  }
}
