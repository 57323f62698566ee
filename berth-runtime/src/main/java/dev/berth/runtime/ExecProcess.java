package dev.berth.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A process started in a running container ({@code docker exec}). Its output streams end when the
 * process has ended and its output is drained; closing {@link #stdin()} gives it end of input.
 */
public interface ExecProcess {

  /** How an exec ended: the command's exit code, or the runtime's reason it never ran. */
  record Exit(int code, Optional<String> runtimeError) {}

  OutputStream stdin();

  /** Its standard output; with a terminal, everything the terminal shows. */
  InputStream stdout();

  /** Its standard error; empty with a terminal, whose output is all on {@link #stdout()}. */
  InputStream stderr();

  /** Waits for the process to end. */
  Exit waitFor() throws InterruptedException;

  /** Stops waiting for the process and lets go of its streams. */
  void destroy();

  /** Sets the size of the process's terminal, in rows and columns; without a terminal nothing happens. */
  void resize(int height, int width);
}
