package dev.berth.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Watches an exit directory, where each container's monitor (conmon) writes a file named by the
 * container id holding the exit code once the container's init process has exited, and tells a
 * listener about each exit as the file appears.
 *
 * <p>The directory is watched with inotify (through {@link WatchService}), so an exit is reported
 * within a millisecond or so, without polling. conmon writes the file to a temporary name and
 * renames it into place, so a file under an id's name is always complete. Exits that happened while
 * nobody watched (berthd was down) are reported by {@link #scan()}. Each distinct exit file is
 * reported once, however many events and scans see it.
 */
public final class ExitWatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ExitWatcher.class.getName());
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  private final Path exitDir;
  private final ExitListener listener;
  private final WatchService watchService;
  private final Map<String, ExitStatus> reported = new ConcurrentHashMap<>();
  private final Thread thread;

  /**
   * Starts watching {@code exitDir} (created if missing). Call {@link #scan()} afterwards to also
   * hear of exits that happened before; watching first means none falls in between.
   */
  public ExitWatcher(Path exitDir, ExitListener listener) throws IOException {
    this.exitDir = exitDir;
    this.listener = listener;
    Files.createDirectories(exitDir);
    this.watchService = exitDir.getFileSystem().newWatchService();
    exitDir.register(
        watchService,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = Thread.ofPlatform().daemon().name("berth-exit-watcher").start(this::run);
  }

  /** Reports every exit file present that has not been reported yet. */
  public void scan() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(exitDir)) {
      for (Path file : files) {
        consider(file.getFileName().toString());
      }
    }
  }

  /** Stops watching; a listener call under way finishes first. */
  @Override
  public void close() throws IOException {
    watchService.close();
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The exit recorded in {@code file}, or empty when there is none (yet, or any more). */
  static Optional<ExitStatus> read(Path file) throws IOException {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return Optional.of(
          new ExitStatus(Integer.parseInt(text), Files.getLastModifiedTime(file).toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (NumberFormatException e) {
      throw new IOException("exit file " + file + " does not hold an exit code", e);
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watchService.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            rescan();
          } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
            reported.remove(event.context().toString());
          } else {
            consider(event.context().toString());
          }
        }
        key.reset();
      }
    } catch (ClosedWatchServiceException e) {
      // close() was called
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // The kernel dropped events: only a full scan can tell which exits they were.
  private void rescan() {
    try {
      scan();
    } catch (IOException e) {
      LOG.log(Level.ERROR, "scanning container exits in " + exitDir + " failed", e);
    }
  }

  // conmon's temporary files ("<id>.XXXXXX") are not ids and are skipped.
  private void consider(String name) {
    if (!ID.matcher(name).matches()) {
      return;
    }
    Optional<ExitStatus> status;
    try {
      status = read(exitDir.resolve(name));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "container " + name + ": reading its exit file failed", e);
      return;
    }
    if (status.isEmpty()) {
      reported.remove(name);
      return;
    }
    if (!status.get().equals(reported.put(name, status.get()))) {
      try {
        listener.exited(name, status.get());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "container " + name + ": exit listener failed", e);
      }
    }
  }
}
