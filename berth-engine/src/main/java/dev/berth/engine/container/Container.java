package dev.berth.engine.container;

import dev.berth.runtime.AttachConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One container's live handle: its current record and the lock that serialises its state changes.
 * Waiters hold futures: {@code nextExit} completes with the exit code of the run in progress (or of the
 * next one, if none is), {@code removed} when the container is gone.
 */
final class Container {

  final ReentrantLock lock = new ReentrantLock();
  private volatile ContainerRecord record;
  private CompletableFuture<Integer> nextExit = new CompletableFuture<>();
  private final CompletableFuture<Integer> removed = new CompletableFuture<>();
  /** The restart policy's current back-off; guarded by {@link #lock}. */
  private Duration restartDelay;
  /** Clients attached before a start, connected when it comes; guarded by {@link #lock}. */
  private final List<CompletableFuture<AttachConnection>> pendingAttaches = new ArrayList<>();

  Container(ContainerRecord record) {
    this.record = record;
  }

  ContainerRecord record() {
    return record;
  }

  /** Call with the lock held, after the record is persisted. */
  void update(ContainerRecord next) {
    this.record = next;
  }

  synchronized CompletableFuture<Integer> nextExit() {
    return nextExit;
  }

  CompletableFuture<Integer> removed() {
    return removed;
  }

  /** Call with the lock held: the wait before the next policy restart, after a run of {@code ranFor}. */
  Duration nextRestartDelay(Duration ranFor) {
    restartDelay = RestartPolicies.nextDelay(restartDelay, ranFor);
    return restartDelay;
  }

  /** Call with the lock held: a client to connect to the container's stdio at its next start. */
  void awaitStart(CompletableFuture<AttachConnection> attach) {
    pendingAttaches.add(attach);
  }

  /** Call with the lock held: the clients waiting for this start, now theirs to connect. */
  List<CompletableFuture<AttachConnection>> takePendingAttaches() {
    List<CompletableFuture<AttachConnection>> taken = List.copyOf(pendingAttaches);
    pendingAttaches.clear();
    return taken;
  }

  /** Completes the current run's waiters and arms the next run's. */
  synchronized void exited(int code) {
    CompletableFuture<Integer> done = nextExit;
    nextExit = new CompletableFuture<>();
    done.complete(code);
  }

  synchronized void gone(int code) {
    takePendingAttaches().forEach(attach -> attach.cancel(false));
    nextExit.complete(code);
    removed.complete(code);
  }
}
