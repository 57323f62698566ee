package dev.berth.daemon.routes;

import dev.berth.api.events.EventMessage;
import dev.berth.daemon.http.Json;
import dev.berth.daemon.http.Request;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.events.EventFilter;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code GET /events}: what happened since a time, then what happens until a time (or the client leaves). */
public final class EventRoutes {

  /** How often a quiet stream checks whether {@code until} has passed. */
  private static final long POLL_MILLIS = 250;

  private EventRoutes() {}

  public static void register(Router router, EventBus events) {
    router.get("/events", request -> events(request, events));
  }

  private static Response events(Request request, EventBus events) {
    EventFilter filter = EventFilter.of(request.filters());
    Optional<Instant> since = QueryTimes.of(request, "since");
    Optional<Instant> until = QueryTimes.of(request, "until");
    return Response.stream(Response.JSON, out -> {
      out.flush();
      try (EventBus.Subscription subscription = events.subscribe(since.orElse(null))) {
        while (true) {
          Duration left = until.map(end -> Duration.between(Instant.now(), end))
              .orElse(Duration.ofMillis(POLL_MILLIS));
          if (left.isNegative()) {
            drain(subscription, filter, until.get(), out);
            return;
          }
          EventMessage event = subscription.next(Math.min(left.toMillis() + 1, POLL_MILLIS));
          if (event != null && !after(event, until) && filter.matches(event)) {
            write(out, event);
          }
        }
      }
    });
  }

  /** Writes what was already waiting, up to {@code until}, once the stream's time is over. */
  private static void drain(EventBus.Subscription subscription, EventFilter filter, Instant until, OutputStream out)
      throws Exception {
    for (EventMessage event = subscription.next(0); event != null; event = subscription.next(0)) {
      if (!after(event, Optional.of(until)) && filter.matches(event)) {
        write(out, event);
      }
    }
  }

  private static boolean after(EventMessage event, Optional<Instant> until) {
    return until.map(end -> event.timeNano() > end.getEpochSecond() * 1_000_000_000L + end.getNano()).orElse(false);
  }

  private static void write(OutputStream out, EventMessage event) throws Exception {
    out.write(Json.encode(event));
    out.flush();
  }
}
