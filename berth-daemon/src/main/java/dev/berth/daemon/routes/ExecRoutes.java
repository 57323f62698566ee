package dev.berth.daemon.routes;

import dev.berth.api.IdResponse;
import dev.berth.api.container.ExecCreateRequest;
import dev.berth.api.container.ExecStartRequest;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.daemon.http.StdStreamMux;
import dev.berth.api.container.DetachKeys;
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
    router.post("/exec/{id}/resize", request -> {
      execs.resize(request.pathParam("id"), AttachRoutes.dimension(request, "h"),
          AttachRoutes.dimension(request, "w"));
      return Response.empty(200);
    });
    router.post("/exec/{id}/start", request -> {
      ExecStartRequest start = request.bodyJsonIfPresent(ExecStartRequest.class)
          .orElse(new ExecStartRequest(false, false, null));
      ExecService.Exec exec = execs.begin(request.pathParam("id"), start.consoleSize());
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
      DetachKeys detachKeys = DetachKeys.parse(exec.detachKeys());
      if (exec.tty()) {
        return Response.hijack(false, (in, out) -> {
          out.flush();
          execs.run(exec, detachKeys.watch(in), out, null);
        });
      }
      return Response.hijack(true, (in, out) -> {
        StdStreamMux mux = new StdStreamMux(out, true);
        execs.run(exec, detachKeys.watch(in), mux.stdout(), mux.stderr());
      });
    });
  }
}
