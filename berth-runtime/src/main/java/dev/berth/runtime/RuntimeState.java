package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container as the runtime reports it. {@code pid} is the host pid of the container's init
 * process, 0 once it has stopped; the exit code and finish time are present once the container has
 * stopped and its monitor has recorded them.
 */
public record RuntimeState(
    Status status, int pid, OptionalInt exitCode, Optional<Instant> finishedAt) {

  /** The OCI runtime's status values, plus runc's "paused". */
  public enum Status {
    CREATED,
    RUNNING,
    PAUSED,
    STOPPED
  }

  public RuntimeState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  static RuntimeState stopped(Optional<ExitStatus> exit) {
    return new RuntimeState(
        Status.STOPPED,
        0,
        exit.map(e -> OptionalInt.of(e.exitCode())).orElse(OptionalInt.empty()),
        exit.map(ExitStatus::finishedAt));
  }
}
