package dev.berth.daemon.routes;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.daemon.http.Request;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.daemon.http.StdStreamMux;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.ContainerService.Attachment;
import dev.berth.api.container.DetachKeys;
import dev.berth.runtime.AttachConnection;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code docker attach} and the attach half of {@code docker run} and {@code start -a}: the
 * container's live stdio on a hijacked connection (raw with a TTY, Docker's multiplexed frames
 * without), its stdin fed from the client until the client half-closes or types the detach keys;
 * and {@code resize} of its terminal.
 */
final class AttachRoutes {

  private static final Logger LOG = Logger.getLogger(AttachRoutes.class.getName());

  private AttachRoutes() {}

  static void register(Router router, ContainerService containers) {
    router.post("/containers/{id}/attach", request -> attach(request, containers));
    router.post("/containers/{id}/resize", request -> {
      containers.resize(request.pathParam("id"), dimension(request, "h"), dimension(request, "w"));
      return Response.empty(200);
    });
  }

  /** Docker parses h and w with Go's strconv.Atoi and answers its error text. */
  static int dimension(Request request, String name) {
    String value = request.query(name, "");
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("strconv.Atoi: parsing \"" + value + "\": invalid syntax", e);
    }
  }

  private static Response attach(Request request, ContainerService containers) {
    boolean stdin = request.queryBool("stdin");
    boolean stdout = request.queryBool("stdout");
    boolean stderr = request.queryBool("stderr");
    boolean stream = request.queryBool("stream");
    boolean logs = request.queryBool("logs");
    DetachKeys detachKeys = DetachKeys.parse(request.query("detachKeys"));
    Attachment attachment = containers.attach(request.pathParam("id"));
    return Response.hijack(!attachment.tty(), (in, out) -> {
      out.flush();
      Output output = new Output(out, attachment.tty(), stdout, stderr);
      if (logs) {
        LogReader.read(attachment.logPath(), LogOptions.all(), CompletableFuture.completedFuture(0), entry -> {
          output.write(entry.stream(), entry.content());
          return true;
        });
      }
      if (!stream) {
        attachment.connection().thenAccept(AttachConnection::close);
        attachment.connection().cancel(false);
        return;
      }
      AttachConnection connection;
      try {
        connection = attachment.connection().join();
      } catch (CancellationException | CompletionException e) {
        return; // removed, or failed to start: the client learns that from its start or wait call
      }
      try (connection) {
        if (stdin && attachment.openStdin()) {
          feed(detachKeys.watch(in), connection, attachment.id());
        }
        // the socket calls block in the kernel: keep them off the virtual threads' carriers
        Thread pump = Thread.ofPlatform().daemon().name("attach-out-" + attachment.id().substring(0, 12))
            .start(() -> copyOutput(connection, output));
        pump.join();
      }
    });
  }

  /**
   * Feeds the client's input to the container on a thread of its own. At the client's end of input
   * the container's stdin is closed (unless it is kept open for later clients); at the detach keys
   * the connection is closed and the container runs on.
   */
  private static void feed(DetachKeys.Watcher in, AttachConnection connection, String id) {
    Thread.ofPlatform().daemon().name("attach-in-" + id.substring(0, 12)).start(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          connection.write(buffer, 0, n);
        }
        if (in.detached()) {
          connection.close();
        } else {
          connection.closeInput();
        }
      } catch (IOException e) {
        // the client went away or the container ended; the output side notices and ends the attach
      }
    });
  }

  private static void copyOutput(AttachConnection connection, Output output) {
    try {
      for (AttachConnection.Output piece = connection.receive(); piece != null; piece = connection.receive()) {
        output.write(piece.stream(), piece.bytes());
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "attach output ended", e);
    }
  }

  /** Where output goes: raw with a TTY, framed per stream without; streams the client did not ask for are dropped. */
  private record Output(OutputStream out, StdStreamMux mux, boolean tty, boolean stdout, boolean stderr) {

    Output(OutputStream out, boolean tty, boolean stdout, boolean stderr) {
      this(out, new StdStreamMux(out, true), tty, stdout, stderr);
    }

    void write(LogEntry.Stream stream, byte[] bytes) throws IOException {
      boolean isOut = stream == LogEntry.Stream.STDOUT;
      if (isOut ? !stdout : !stderr) {
        return;
      }
      if (tty) {
        out.write(bytes);
        out.flush();
      } else {
        mux.write(isOut ? StdStreamMux.STDOUT : StdStreamMux.STDERR, bytes, 0, bytes.length);
      }
    }
  }
}
