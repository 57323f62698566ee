package dev.berth.cli;

import dev.berth.api.container.DetachKeys;
import dev.berth.client.BerthClient;
import dev.berth.client.transport.HijackedStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client side of an attached container or exec: the user's input goes in, the output comes
 * out, until the output ends or, with a terminal, the user types the detach keys. Like the docker
 * CLI, berth watches for the keys itself, so it knows to leave the container running and not wait
 * for its exit.
 */
final class AttachedSession {

  /** Whether the output ended (the process finished) or the user detached. */
  enum Outcome {
    ENDED,
    DETACHED
  }

  private AttachedSession() {}

  static Outcome run(Cli cli, HijackedStream stream, boolean stdin, boolean tty, String detachKeys)
      throws IOException {
    AtomicBoolean detached = new AtomicBoolean();
    Thread pump = null;
    if (stdin) {
      DetachKeys.Watcher watched = tty ? DetachKeys.parse(detachKeys).watch(cli.in()) : null;
      InputStream in = watched != null ? watched : cli.in();
      OutputStream to = stream.output();
      pump = Thread.ofVirtual().name("stdin").start(() -> {
        try {
          in.transferTo(to);
          to.flush();
          if (watched != null && watched.detached()) {
            detached.set(true);
            stream.close();
            return;
          }
          stream.closeWrite();
        } catch (IOException ignored) {
          // the container went away
        }
      });
    }
    try {
      BerthClient.copyStream(stream.input(), tty, cli.out(), cli.err());
    } catch (IOException e) {
      if (!detached.get()) {
        throw e;
      }
    } finally {
      cli.out().flush();
      if (pump != null) {
        pump.interrupt();
      }
    }
    return detached.get() ? Outcome.DETACHED : Outcome.ENDED;
  }
}
