package dev.berth.daemon.routes;

import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.engine.system.SystemService;

/** {@code /version} and {@code /info}; {@code /_ping} is built into the router. */
public final class SystemRoutes {

  private SystemRoutes() {}

  public static void register(Router router, SystemService system) {
    router.get("/version", request -> Response.json(system.version()));
    router.get("/info", request -> Response.json(system.info()));
  }
}
