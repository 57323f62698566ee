package dev.berth.daemon.routes;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.daemon.http.Request;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.daemon.http.StdStreamMux;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.ContainerService.LogSource;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogReader;
import dev.berth.runtime.LogSink;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code docker logs}: a container's output as its log kept it. Without a TTY each line is framed
 * with Docker's 8-byte stream header so stdout and stderr stay apart.
 */
final class LogRoutes {

  private LogRoutes() {}

  static void register(Router router, ContainerService containers) {
    router.get("/containers/{id}/logs", request -> logs(request, containers));
  }

  private static Response logs(Request request, ContainerService containers) {
    boolean stdout = request.queryBool("stdout");
    boolean stderr = request.queryBool("stderr");
    if (!stdout && !stderr) {
      throw new InvalidArgumentException("Bad parameters: you must choose at least one stream");
    }
    LogSource source = containers.logSource(request.pathParam("id"));
    LogOptions options = LogOptions.all();
    Optional<Instant> since = QueryTimes.of(request, "since");
    if (since.isPresent()) {
      options = options.since(since.get());
    }
    Optional<Instant> until = QueryTimes.of(request, "until");
    if (until.isPresent()) {
      options = options.until(until.get());
    }
    String tail = request.query("tail", "all");
    if (!tail.equals("all") && !tail.isEmpty()) {
      options = options.tail(Math.max(0, request.queryInt("tail", 0)));
    }
    if (request.queryBool("follow")) {
      options = options.following();
    }
    boolean timestamps = request.queryBool("timestamps");
    LogOptions chosen = options;
    String contentType = source.tty() || request.apiVersion().isBefore("1.42") ? Response.RAW_STREAM
        : Response.MULTIPLEXED_STREAM;
    return Response.stream(contentType, out -> {
      out.flush();
      LogReader.read(source.logPath(), chosen, source.runEnd(),
          sink(out, source.tty(), stdout, stderr, timestamps));
    });
  }

  private static LogSink sink(OutputStream out, boolean tty, boolean stdout, boolean stderr, boolean timestamps) {
    StdStreamMux mux = new StdStreamMux(out, true);
    return (LogEntry entry) -> {
      boolean isOut = entry.stream() == LogEntry.Stream.STDOUT;
      if (isOut ? !stdout : !stderr) {
        return true;
      }
      byte[] bytes = timestamps ? entry.timestamped() : entry.content();
      if (tty) {
        out.write(bytes);
        out.flush();
      } else {
        mux.write(isOut ? StdStreamMux.STDOUT : StdStreamMux.STDERR, bytes, 0, bytes.length);
      }
      return true;
    };
  }
}
