package dev.berth.daemon.routes;

import dev.berth.api.IdResponse;
import dev.berth.api.container.ExecCreateRequest;
import dev.berth.api.container.ExecStartRequest;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.daemon.http.StdStreamMux;
import dev.berth.engine.container.ExecService;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code docker exec}: create, start (hijacked, or detached), inspect, resize. */
public final class ExecRoutes {

  private static final Logger LOG = Logger.getLogger(ExecRoutes.class.getName());

  private ExecRoutes() {}

  public static void register(Router router, ExecService execs) {
    router.post("/containers/{id}/exec", request -> Response.json(201,
        new IdResponse(execs.create(request.pathParam("id"), request.bodyJson(ExecCreateRequest.class)))));
    router.get("/exec/{id}/json", request -> Response.json(execs.inspect(request.pathParam("id"))));
    // No exec has a terminal yet, so there is nothing to resize; the CLI may still ask.
    router.post("/exec/{id}/resize", request -> {
      execs.inspect(request.pathParam("id"));
      return Response.empty(200);
    });
    router.post("/exec/{id}/start", request -> {
      ExecStartRequest start = request.bodyJsonIfPresent(ExecStartRequest.class)
          .orElse(new ExecStartRequest(false, false));
      ExecService.Exec exec = execs.begin(request.pathParam("id"));
      if (start.detach()) {
        Thread.ofVirtual().start(() -> {
          try {
            execs.run(exec, null, null, null);
          } catch (InterruptedException | RuntimeException e) {
            LOG.log(Level.WARNING, "detached exec " + request.pathParam("id") + " failed", e);
          }
        });
        return Response.empty(200);
      }
      return Response.hijack(true, (in, out) -> {
        StdStreamMux mux = new StdStreamMux(out, true);
        execs.run(exec, in, mux.stdout(), mux.stderr());
      });
    });
  }
}
