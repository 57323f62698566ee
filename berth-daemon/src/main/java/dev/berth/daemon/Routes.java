package dev.berth.daemon;

import dev.berth.daemon.http.Router;
import dev.berth.daemon.routes.ContainerRoutes;
import dev.berth.daemon.routes.EventRoutes;
import dev.berth.daemon.routes.ExecRoutes;
import dev.berth.daemon.routes.ImageRoutes;
import dev.berth.daemon.routes.SystemRoutes;
import dev.berth.engine.Engine;

/** Every Engine API route berthd serves, by area. */
final class Routes {

  private Routes() {}

  static Router of(Engine engine) {
    Router router = new Router();
    SystemRoutes.register(router, engine.system());
    ImageRoutes.register(router, engine.images());
    ContainerRoutes.register(router, engine.containers());
    EventRoutes.register(router, engine.events());
    ExecRoutes.register(router, engine.containers().execs());
    return router;
  }
}
