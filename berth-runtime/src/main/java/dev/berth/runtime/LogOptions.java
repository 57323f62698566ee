package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which part of a log to read, as {@code docker logs} selects it: the last {@code tail} lines (all
 * when empty), then of those the ones written at or after {@code since} and at or before {@code
 * until}; with {@code follow}, also the lines written afterwards until the container has exited.
 */
public record LogOptions(
    Optional<Instant> since, Optional<Instant> until, OptionalInt tail, boolean follow) {

  public LogOptions {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(tail, "tail");
    if (tail.isPresent() && tail.getAsInt() < 0) {
      throw new InvalidArgumentException("tail must not be negative: " + tail.getAsInt());
    }
  }

  /** The whole log, without following. */
  public static LogOptions all() {
    return new LogOptions(Optional.empty(), Optional.empty(), OptionalInt.empty(), false);
  }

  public LogOptions since(Instant since) {
    return new LogOptions(Optional.of(since), until, tail, follow);
  }

  public LogOptions until(Instant until) {
    return new LogOptions(since, Optional.of(until), tail, follow);
  }

  public LogOptions tail(int lines) {
    return new LogOptions(since, until, OptionalInt.of(lines), follow);
  }

  public LogOptions following() {
    return new LogOptions(since, until, tail, true);
  }
}
