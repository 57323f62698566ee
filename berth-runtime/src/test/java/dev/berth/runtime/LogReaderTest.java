package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

  private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.000000001Z");
  private static final DateTimeFormatter CONMON =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

  @TempDir Path tmp;

  /** A k8s-file record as conmon writes it, with a +02:00 offset to exercise the parsing. */
  private static String record(int second, String stream, char tag, String content) {
    OffsetDateTime time = T0.plusSeconds(second).atOffset(ZoneOffset.ofHours(2));
    return CONMON.format(time) + " " + stream + " " + tag + " " + content + "\n";
  }

  private Path log(String... records) throws IOException {
    Path log = tmp.resolve("ctr.log");
    Files.writeString(log, String.join("", records), StandardCharsets.UTF_8);
    return log;
  }

  private static List<String> read(Path log, LogOptions options) throws Exception {
    List<String> out = new ArrayList<>();
    LogReader.read(log, options, new CompletableFuture<>(), e -> out.add(describe(e)));
    return out;
  }

  private static String describe(LogEntry e) {
    return e.stream().name().toLowerCase() + ":" + new String(e.content(), StandardCharsets.UTF_8);
  }

  @Test
  void linesKeepTheirStreamAndTime() throws Exception {
    Path log = log(record(0, "stdout", 'F', "out"), record(1, "stderr", 'F', "err"));
    List<LogEntry> entries = new ArrayList<>();

    LogReader.read(log, LogOptions.all(), new CompletableFuture<>(), entries::add);

    assertThat(entries)
        .containsExactly(
            new LogEntry(T0, LogEntry.Stream.STDOUT, "out\n".getBytes()),
            new LogEntry(T0.plusSeconds(1), LogEntry.Stream.STDERR, "err\n".getBytes()));
    assertThat(new String(entries.get(0).timestamped(), StandardCharsets.UTF_8))
        .isEqualTo("2024-05-06T07:08:09.000000001Z out\n");
  }

  @Test
  void piecesAreJoinedPerStreamWithTheTimeOfTheFirst() throws Exception {
    Path log =
        log(
            record(0, "stdout", 'P', "a"),
            record(1, "stderr", 'F', "x"),
            record(2, "stdout", 'P', "b"),
            record(3, "stdout", 'F', "c"),
            record(4, "stdout", 'F', ""),
            record(5, "stderr", 'P', "unfinished"));
    List<LogEntry> entries = new ArrayList<>();

    LogReader.read(log, LogOptions.all(), new CompletableFuture<>(), entries::add);

    assertThat(entries.stream().map(LogReaderTest::describe))
        .containsExactly("stderr:x\n", "stdout:abc\n", "stdout:\n", "stderr:unfinished");
    assertThat(entries.get(1).time()).isEqualTo(T0);
    assertThat(entries.get(3).complete()).isFalse();
  }

  @Test
  void sinceAndUntilAreInclusive() throws Exception {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(i, "stdout", 'F', "line" + i));
    }
    Path log = log(records.toArray(String[]::new));

    assertThat(read(log, LogOptions.all().since(T0.plusSeconds(3)).until(T0.plusSeconds(6))))
        .containsExactly("stdout:line3\n", "stdout:line4\n", "stdout:line5\n", "stdout:line6\n");
    assertThat(read(log, LogOptions.all().since(T0.plusSeconds(8)))).hasSize(2);
    assertThat(read(log, LogOptions.all().until(T0.minusSeconds(1)))).isEmpty();
  }

  @Test
  void tailGivesTheLastLinesThenFiltersThem() throws Exception {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(i, i % 2 == 0 ? "stdout" : "stderr", 'F', "line" + i));
    }
    Path log = log(records.toArray(String[]::new));

    assertThat(read(log, LogOptions.all().tail(3)))
        .containsExactly("stderr:line7\n", "stdout:line8\n", "stderr:line9\n");
    assertThat(read(log, LogOptions.all().tail(0))).isEmpty();
    assertThat(read(log, LogOptions.all().tail(100))).hasSize(10);
    assertThat(read(log, LogOptions.all().tail(3).since(T0.plusSeconds(8))))
        .containsExactly("stdout:line8\n", "stderr:line9\n");
  }

  @Test
  void tailIncludesTheEarlierPiecesOfItsOldestLine() throws Exception {
    Path log =
        log(
            record(0, "stdout", 'F', "old"),
            record(1, "stdout", 'P', "a"),
            record(2, "stderr", 'F', "e1"),
            record(3, "stdout", 'P', "b"),
            record(4, "stdout", 'F', "c"),
            record(5, "stderr", 'F', "e2"));

    assertThat(read(log, LogOptions.all().tail(2))).containsExactly("stdout:abc\n", "stderr:e2\n");
    assertThat(read(log, LogOptions.all().tail(3)))
        .containsExactly("stderr:e1\n", "stdout:abc\n", "stderr:e2\n");
  }

  @Test
  void tailOfALargeLogReadsOnlyItsEnd() throws Exception {
    Path log = tmp.resolve("big.log");
    try (BufferedWriter out = Files.newBufferedWriter(log)) {
      for (int i = 0; i < 300_000; i++) {
        // A stream that wrote once long ago must not send the search back to the start.
        String stream = i == 1 || i == 299_998 ? "stderr" : "stdout";
        out.write(record(i, stream, 'F', "line " + i + " " + "x".repeat(40)));
      }
    }
    assertThat(Files.size(log)).isGreaterThan(20_000_000);

    read(log, LogOptions.all().tail(2)); // loads and compiles the classes involved
    long start = System.nanoTime();
    List<String> last = read(log, LogOptions.all().tail(2));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(last)
        .containsExactly(
            "stderr:line 299998 " + "x".repeat(40) + "\n",
            "stdout:line 299999 " + "x".repeat(40) + "\n");
    assertThat(millis).isLessThan(100);
  }

  @Test
  void conmonsTimeFormatAndOtherRfc3339FormsParse() {
    byte[] conmon = "2024-05-06T09:08:09.000000001+02:00".getBytes(StandardCharsets.US_ASCII);
    byte[] negative = "2024-05-06T00:08:09.500000000-07:00".getBytes(StandardCharsets.US_ASCII);
    byte[] zulu = "2024-05-06T07:08:09.25Z".getBytes(StandardCharsets.US_ASCII);

    assertThat(K8sLogRecord.parseTime(conmon, 0, conmon.length)).isEqualTo(T0);
    assertThat(K8sLogRecord.parseTime(negative, 0, negative.length))
        .isEqualTo(Instant.parse("2024-05-06T07:08:09.5Z"));
    assertThat(K8sLogRecord.parseTime(zulu, 0, zulu.length))
        .isEqualTo(Instant.parse("2024-05-06T07:08:09.25Z"));
    assertThat(K8sLogRecord.parseTime("garbage".getBytes(), 0, 7)).isNull();
  }

  @Test
  void malformedRecordsAreSkipped() throws Exception {
    Path log = log("not a record\n", record(0, "stdout", 'F', "ok"), "2024 stdin F x\n");

    assertThat(read(log, LogOptions.all())).containsExactly("stdout:ok\n");
  }

  @Test
  void aSinkReturningFalseStopsTheReading() throws Exception {
    Path log = log(record(0, "stdout", 'F', "1"), record(1, "stdout", 'F', "2"));
    List<String> seen = new ArrayList<>();

    LogReader.read(
        log,
        LogOptions.all(),
        new CompletableFuture<>(),
        e -> {
          seen.add(describe(e));
          return false;
        });

    assertThat(seen).containsExactly("stdout:1\n");
  }

  @Test
  void followReadsNewLinesUntilTheContainerHasExitedAndTheFileIsDrained() throws Exception {
    Path log = log(record(0, "stdout", 'F', "before"));
    CompletableFuture<Void> exited = new CompletableFuture<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    LogReader.read(
                        log, LogOptions.all().following(), exited, e -> seen.add(describe(e)));
                  } catch (Exception e) {
                    seen.add("error:" + e);
                  }
                });

    awaitSize(seen, 1);
    append(log, record(1, "stdout", 'P', "half"));
    append(log, record(2, "stderr", 'F', "err"));
    awaitSize(seen, 2);
    // The last output and the exit arrive together: the reader must still drain the file.
    append(log, record(3, "stdout", 'F', " done"), record(4, "stdout", 'P', "no newline"));
    long exitedAt = System.nanoTime();
    exited.complete(null);
    reader.join(2000);
    long returnedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exitedAt);

    assertThat(reader.isAlive()).isFalse();
    assertThat(seen)
        .containsExactly(
            "stdout:before\n", "stderr:err\n", "stdout:half done\n", "stdout:no newline");
    assertThat(returnedMillis).isLessThan(200);
  }

  @Test
  void followWaitsForTheFileAndFollowsRotation() throws Exception {
    Path log = tmp.resolve("later.log");
    CompletableFuture<Void> exited = new CompletableFuture<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    LogReader.read(
                        log, LogOptions.all().following(), exited, e -> seen.add(describe(e)));
                  } catch (Exception e) {
                    seen.add("error:" + e);
                  }
                });

    Thread.sleep(60);
    append(log, record(0, "stdout", 'F', "first"));
    awaitSize(seen, 1);
    // conmon's rotation: a new file renamed over the log.
    Path next = tmp.resolve("later.log.tmp");
    Files.writeString(next, record(1, "stdout", 'F', "rotated"));
    Files.move(next, log, StandardCopyOption.ATOMIC_MOVE);
    awaitSize(seen, 2);
    exited.complete(null);
    reader.join(2000);

    assertThat(seen).containsExactly("stdout:first\n", "stdout:rotated\n");
  }

  @Test
  void followWithTailStartsAtTheTail() throws Exception {
    Path log = log(record(0, "stdout", 'F', "a"), record(1, "stdout", 'F', "b"));
    CompletableFuture<Void> exited = CompletableFuture.completedFuture(null);

    List<String> seen = new ArrayList<>();
    LogReader.read(log, LogOptions.all().tail(1).following(), exited, e -> seen.add(describe(e)));

    assertThat(seen).containsExactly("stdout:b\n");
  }

  private static void append(Path log, String... records) throws IOException {
    Files.writeString(
        log, String.join("", records), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }
}
