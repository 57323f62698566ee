package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * How a container's init process ended: its exit code in Docker's terms (128 + N when killed by
 * signal N) and when it ended, which is when the monitor recorded the code.
 */
public record ExitStatus(int exitCode, Instant finishedAt) {

  public ExitStatus {
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}
