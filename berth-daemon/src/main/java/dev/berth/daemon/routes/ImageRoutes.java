package dev.berth.daemon.routes;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotImplementedException;
import dev.berth.content.Digest;
import dev.berth.daemon.http.Json;
import dev.berth.daemon.http.Request;
import dev.berth.daemon.http.Response;
import dev.berth.daemon.http.Router;
import dev.berth.engine.image.ImageService;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The image endpoints: import, list, inspect, history, tag, remove, save, load. */
public final class ImageRoutes {

  private static final String TAR = "application/x-tar";

  private ImageRoutes() {}

  public static void register(Router router, ImageService images) {
    router.post("/images/create", request -> create(request, images));
    router.get("/images/json", request -> Response.json(images.list(request.queryBool("all"), request.filters())));
    router.get("/images/{name}/json", request -> Response.json(images.inspect(request.pathParam("name"))));
    router.get("/images/{name}/history", request -> Response.json(images.history(request.pathParam("name"))));
    router.post("/images/{name}/tag", request -> {
      String repo = request.query("repo", "");
      String tag = request.query("tag", "");
      images.tag(request.pathParam("name"), tag.isEmpty() ? repo : repo + ":" + tag);
      return Response.empty(201);
    });
    router.delete("/images/{name}", request -> Response.json(images.remove(request.pathParam("name"),
        request.queryBool("force"), request.queryBool("noprune"))));
    router.get("/images/get", request -> save(images, request.queryAll("names")));
    router.get("/images/{name}/get", request -> save(images, List.of(request.pathParam("name"))));
    router.post("/images/load", request -> Response.stream(Response.JSON, out -> {
      for (String line : images.load(request.body())) {
        writeLine(out, Map.of("stream", line + "\n"));
      }
    }));
  }

  /** {@code docker save}: the archive streams out; an unknown name fails before its first byte. */
  private static Response save(ImageService images, List<String> names) {
    if (names.isEmpty()) {
      throw new InvalidArgumentException("no images to save: name at least one");
    }
    return Response.stream(TAR, out -> images.save(names, out));
  }

  /**
   * {@code POST /images/create} imports when {@code fromSrc} is given. The import runs before the first
   * byte of the progress stream is sent, so a bad archive is an ordinary error response.
   */
  private static Response create(Request request, ImageService images) {
    String source = request.query("fromSrc");
    if (source == null) {
      throw new NotImplementedException("berth cannot pull images yet: import them instead (docker import)");
    }
    if (!source.equals("-")) {
      throw new NotImplementedException("berth imports from the request body only (fromSrc=-), not from " + source);
    }
    return Response.stream(Response.JSON, out -> {
      Digest id = images.importImage(request.body(), Optional.ofNullable(request.query("repo")),
          Optional.ofNullable(request.query("tag")), request.queryAll("changes"), request.query("message", ""));
      writeLine(out, Map.of("status", id.toString()));
    });
  }

  private static void writeLine(OutputStream out, Object message) throws java.io.IOException {
    out.write(Json.encode(message));
    out.flush();
  }
}
