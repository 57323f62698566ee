package dev.berth.daemon.routes;

import dev.berth.api.IdResponse;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.daemon.http.Json;
import dev.berth.daemon.http.Request;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.engine.container.ContainerService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The container endpoints. */
public final class ContainerRoutes {

  private ContainerRoutes() {}

  public static void register(Router router, ContainerService containers) {
    router.post("/containers/create", request -> Response.json(201,
        containers.create(request.query("name"), request.bodyJson(ContainerCreateRequest.class))));
    router.get("/containers/json", request -> Response.json(containers.list(request.queryBool("all"),
        request.queryInt("limit", -1), request.filters())));
    router.get("/containers/{id}/json", request -> Response.json(containers.inspect(request.pathParam("id"))));
    router.post("/containers/{id}/start", request -> {
      containers.start(request.pathParam("id"));
      return Response.noContent();
    });
    router.post("/containers/{id}/stop", request -> {
      containers.stop(request.pathParam("id"), timeout(request), Optional.ofNullable(request.query("signal")));
      return Response.noContent();
    });
    router.post("/containers/{id}/restart", request -> {
      containers.restart(request.pathParam("id"), timeout(request), Optional.ofNullable(request.query("signal")));
      return Response.noContent();
    });
    router.post("/containers/{id}/kill", request -> {
      containers.kill(request.pathParam("id"), Optional.ofNullable(request.query("signal")));
      return Response.noContent();
    });
    router.post("/containers/{id}/pause", request -> {
      containers.pause(request.pathParam("id"));
      return Response.noContent();
    });
    router.post("/containers/{id}/unpause", request -> {
      containers.unpause(request.pathParam("id"));
      return Response.noContent();
    });
    router.post("/containers/{id}/wait", request -> waitFor(request, containers));
    router.get("/containers/{id}/export", request ->
        Response.stream("application/x-tar", out -> containers.export(request.pathParam("id"), out)));
    router.get("/containers/{id}/changes", request -> Response.json(containers.changes(request.pathParam("id"))));
    router.get("/containers/{id}/top", request ->
        Response.json(containers.top(request.pathParam("id"), request.query("ps_args"))));
    router.post("/containers/{id}/rename", request -> {
      containers.rename(request.pathParam("id"), request.query("name"));
      return Response.noContent();
    });
    router.delete("/containers/{id}", request -> {
      containers.remove(request.pathParam("id"), request.queryBool("force"));
      return Response.noContent();
    });
    router.post("/containers/{id}/update", request -> Response.json(containers.update(request.pathParam("id"),
        request.bodyJson(ContainerUpdateRequest.class))));
    router.post("/containers/prune", request -> Response.json(containers.prune(request.filters())));
    router.post("/commit", request -> Response.json(201, new IdResponse(containers.commit(
        request.query("container", ""), Optional.ofNullable(request.query("repo")),
        Optional.ofNullable(request.query("tag")), request.query("comment", ""), request.query("author", ""),
        request.queryAll("changes"), request.queryBool("pause", true)).toString())));
    LogRoutes.register(router, containers);
    AttachRoutes.register(router, containers);
  }

  private static Optional<Integer> timeout(Request request) {
    return request.hasQuery("t") && !request.query("t").isEmpty()
        ? Optional.of(request.queryInt("t", 0)) : Optional.empty();
  }

  /**
   * Headers go out as soon as the waiter is registered: the docker CLI's {@code run} starts the
   * container only after they arrive, so a fast exit cannot be missed.
   */
  private static Response waitFor(Request request, ContainerService containers) {
    CompletableFuture<Integer> exit = containers.waitFor(request.pathParam("id"), request.query("condition"));
    return Response.stream(Response.JSON, out -> {
      out.flush();
      int code = exit.get();
      out.write(Json.encode(new ContainerWaitResponse(code, null)));
      out.flush();
    });
  }
}
