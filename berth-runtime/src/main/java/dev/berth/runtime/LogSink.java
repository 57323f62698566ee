package dev.berth.runtime;

import java.io.IOException;

/** Receives the entries {@link LogReader} reads, in the order the container wrote them. */
@FunctionalInterface
public interface LogSink {

  /**
   * Takes one entry; returning false stops the reading (the client went away, say). An IOException,
   * typically from writing to the client, also stops it and reaches the caller.
   */
  boolean accept(LogEntry entry) throws IOException;
}
