package dev.berth.client;

import dev.berth.api.container.ContainerChange;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerCreateResponse;
import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerPruneReport;
import dev.berth.api.container.ContainerSummary;
import dev.berth.api.container.ContainerTopResponse;
import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerUpdateResponse;
import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.api.container.ExecCreateRequest;
import dev.berth.api.container.ExecInspect;
import dev.berth.api.errors.BerthException;
import dev.berth.api.events.EventMessage;
import dev.berth.api.image.ImageDeleteItem;
import dev.berth.api.image.ImageHistoryItem;
import dev.berth.api.image.ImageInspect;
import dev.berth.api.image.ImageSummary;
import dev.berth.api.system.SystemInfo;
import dev.berth.api.system.SystemVersion;
import dev.berth.client.transport.HijackedStream;
import dev.berth.client.transport.HttpTransport;
import dev.berth.client.transport.Request;
import dev.berth.client.transport.Response;
import dev.berth.client.transport.StdStreamDemux;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A client of the Docker Engine API as berthd (or dockerd) serves it. Each method is one endpoint
 * with Docker's query parameters; errors the daemon reports come back as the
 * {@link BerthException} subtypes of berth-api (404 → NotFoundException...), transport failures as
 * {@link IOException}. The API version is negotiated on first use from {@code /_ping}'s
 * {@code Api-Version} header, capped at {@value #MAX_API_VERSION}. Thread-safe.
 *
 * <pre>{@code
 * try (BerthClient c = BerthClient.connect("unix:///run/berth/berth.sock")) {
 *   String id = c.createContainer("web", request).id();
 *   c.start(id);
 * }
 * }</pre>
 */
public final class BerthClient implements AutoCloseable {

  /** The newest API version this client speaks. */
  public static final String MAX_API_VERSION = "1.47";

  private final HttpTransport transport;
  private final String host;
  private volatile String apiVersion;
  private volatile Ping ping;

  /** What {@code GET /_ping} told. */
  public record Ping(String apiVersion, String osType, boolean experimental) {}

  public BerthClient(HttpTransport transport, String host) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.host = host;
  }

  /** A client of the daemon at {@code host} ({@code unix:///path}); nothing is dialed yet. */
  public static BerthClient connect(String host) {
    DaemonHost h = DaemonHost.parse(host);
    return new BerthClient(HttpTransport.unix(h.socket()), h.uri());
  }

  /** A client of the daemon named by BERTH_HOST, DOCKER_HOST or the default socket. */
  public static BerthClient fromEnvironment() {
    return connect(DaemonHost.fromEnvironment(System.getenv()));
  }

  /** The host this client talks to, e.g. {@code unix:///run/berth/berth.sock}. */
  public String host() {
    return host;
  }

  /** Uses this API version instead of negotiating one. */
  public BerthClient withApiVersion(String version) {
    this.apiVersion = version;
    return this;
  }

  // ---------------------------------------------------------------- system

  /** {@code GET /_ping}; also settles the API version when none is set. */
  public Ping ping() throws IOException {
    try (Response r = transport.send(Request.get("/_ping"))) {
      String v = r.header("Api-Version");
      Ping p = new Ping(v, r.header("OSType"), "true".equalsIgnoreCase(r.header("Docker-Experimental")));
      if (!r.isSuccess() && v == null) {
        r.orThrow();
      }
      r.bodyBytes();
      ping = p;
      if (apiVersion == null) {
        apiVersion = negotiate(v);
      }
      return p;
    }
  }

  /** The version used in request paths: the server's, capped at {@value #MAX_API_VERSION}. */
  public String apiVersion() throws IOException {
    String v = apiVersion;
    if (v == null) {
      ping();
      v = apiVersion;
    }
    return v;
  }

  static String negotiate(String serverVersion) {
    if (serverVersion == null || serverVersion.isBlank()) {
      return MAX_API_VERSION;
    }
    return compareVersions(serverVersion.strip(), MAX_API_VERSION) < 0 ? serverVersion.strip() : MAX_API_VERSION;
  }

  /** Compares dotted API versions numerically ({@code 1.9 < 1.41}). */
  public static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parseIntOr0(x[i]) : 0;
      int q = i < y.length ? parseIntOr0(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int parseIntOr0(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public SystemVersion version() throws IOException {
    return get(Query.path("/version"), SystemVersion.class);
  }

  public SystemInfo info() throws IOException {
    return get(Query.path("/info"), SystemInfo.class);
  }

  /** {@code GET /info} as the daemon sent it (for {@code --format} over every field). */
  public String infoJson() throws IOException {
    return getString(Query.path("/info"));
  }

  /** {@code GET /version} as the daemon sent it. */
  public String versionJson() throws IOException {
    return getString(Query.path("/version"));
  }

  // ---------------------------------------------------------------- images

  /**
   * {@code POST /images/create?fromSrc=-}: imports a root filesystem tar (plain or compressed)
   * as an image. {@code repo} may carry the tag ({@code busybox:latest}) as the docker CLI sends
   * it; {@code changes} are Dockerfile instructions ({@code CMD ["sh"]}). Returns the image ID
   * the progress stream ends with.
   *
   * @throws JsonStreamException when the daemon reported an error in the stream
   */
  public String importImage(InputStream tar, String repo, String tag, List<String> changes, String message)
      throws IOException {
    Query q = Query.path(v("/images/create")).param("fromSrc", "-").param("repo", nz(repo))
        .param("tag", nz(tag));
    if (changes != null) {
      for (String c : changes) {
        q.param("changes", c);
      }
    }
    q.param("message", nz(message));
    Request req = Request.post(q.toString()).withStream("application/x-tar", tar);
    try (Response r = transport.send(req)) {
      r.orThrow();
      return lastImageId(r.body());
    }
  }

  /** {@code GET /images/get?names=...}: the images as one archive, copied to {@code out}. */
  public void saveImages(List<String> names, OutputStream out) throws IOException {
    Query q = Query.path(v("/images/get"));
    names.forEach(name -> q.param("names", name));
    try (Response r = transport.send(Request.get(q.toString()))) {
      r.orThrow();
      r.body().transferTo(out);
    }
  }

  /** {@code POST /images/load}: loads an archive; returns the daemon's report lines ("Loaded image: ..."). */
  public List<String> loadImages(InputStream archive, boolean quiet) throws IOException {
    Query q = Query.path(v("/images/load")).flag("quiet", quiet);
    List<String> lines = new ArrayList<>();
    try (Response r = transport.send(Request.post(q.toString()).withStream("application/x-tar", archive))) {
      r.orThrow();
      Json.parseEach(r.body(), v -> {
        Map<String, Object> n = Json.obj(v);
        throwIfError(n);
        String stream = Json.str(n, "stream");
        if (stream != null) {
          lines.add(stream.strip());
        }
      });
    }
    return List.copyOf(lines);
  }

  /** A progress stream reports a failure after its start as a message of its own. */
  private static void throwIfError(Map<String, Object> message) {
    Map<String, Object> err = Json.obj(message.get("errorDetail"));
    if (err.get("message") != null) {
      throw new JsonStreamException(String.valueOf(err.get("message")));
    }
    if (message.get("error") != null) {
      throw new JsonStreamException(String.valueOf(message.get("error")));
    }
  }

  /** Reads a JSON-lines progress stream; returns the last {@code "status":"sha256:..."}. */
  static String lastImageId(InputStream body) throws IOException {
    String[] id = new String[1];
    Json.parseEach(body, v -> {
      Map<String, Object> n = Json.obj(v);
      throwIfError(n);
      String status = Json.str(n, "status");
      if (status != null && status.startsWith("sha256:")) {
        id[0] = status.strip();
      }
    });
    if (id[0] == null) {
      throw new IOException("the daemon did not report the imported image's ID");
    }
    return id[0];
  }

  /** {@code GET /images/json}; {@code filters} as {@link Filters#toJson()} (null for none). */
  public List<ImageSummary> listImages(boolean all, String filters, boolean digests) throws IOException {
    Query q = Query.path(v("/images/json")).flag("all", all).nonEmpty("filters", filters)
        .flag("digests", digests);
    return RecordCodec.readList(getJson(q), ImageSummary.class);
  }

  public ImageInspect inspectImage(String name) throws IOException {
    return get(Query.path(v("/images/" + Query.segment(name) + "/json")), ImageInspect.class);
  }

  /** {@code GET /images/{name}/history}: the image's steps, newest first. */
  public List<ImageHistoryItem> imageHistory(String name) throws IOException {
    return RecordCodec.readList(getJson(Query.path(v("/images/" + Query.segment(name) + "/history"))),
        ImageHistoryItem.class);
  }

  /** {@code GET /images/{name}/json} exactly as the daemon sent it. */
  public String inspectImageJson(String name) throws IOException {
    return getString(Query.path(v("/images/" + Query.segment(name) + "/json")));
  }

  /** {@code POST /images/{name}/tag?repo=&tag=}. */
  public void tagImage(String name, String repo, String tag) throws IOException {
    Query q = Query.path(v("/images/" + Query.segment(name) + "/tag")).param("repo", repo).nonEmpty("tag", tag);
    sendNoContent(Request.post(q.toString()));
  }

  /** {@code DELETE /images/{name}}: what was untagged and deleted, in order. */
  public List<ImageDeleteItem> removeImage(String name, boolean force, boolean noprune) throws IOException {
    Query q = Query.path(v("/images/" + Query.segment(name))).flag("force", force).flag("noprune", noprune);
    try (Response r = transport.send(Request.delete(q.toString())).orThrow()) {
      return RecordCodec.readList(Json.parse(r.body()), ImageDeleteItem.class);
    }
  }

  // ---------------------------------------------------------------- containers

  /** {@code POST /containers/create?name=}; {@code name} may be null for a generated one. */
  public ContainerCreateResponse createContainer(String name, ContainerCreateRequest request) throws IOException {
    Query q = Query.path(v("/containers/create")).nonEmpty("name", name);
    byte[] body = RecordCodec.write(request).getBytes(StandardCharsets.UTF_8);
    try (Response r = transport.send(Request.post(q.toString()).withJson(body)).orThrow()) {
      return (ContainerCreateResponse) RecordCodec.fromPlain(Json.parse(r.body()), ContainerCreateResponse.class);
    }
  }

  /** {@code POST /containers/{id}/start}; starting a running container is not an error (304). */
  public void start(String id) throws IOException {
    sendNoContent(Request.post(containerPath(id, "/start").toString()));
  }

  /** {@code POST /containers/{id}/stop?t=&signal=}; stopping a stopped container is not an error. */
  public void stop(String id, Optional<Integer> timeoutSeconds, Optional<String> signal) throws IOException {
    Query q = containerPath(id, "/stop");
    timeoutSeconds.ifPresent(t -> q.param("t", Integer.toString(t)));
    signal.ifPresent(s -> q.nonEmpty("signal", s));
    sendNoContent(Request.post(q.toString()));
  }

  /** {@code POST /containers/{id}/kill?signal=} (the daemon's default is SIGKILL). */
  public void kill(String id, String signal) throws IOException {
    sendNoContent(Request.post(containerPath(id, "/kill").nonEmpty("signal", signal).toString()));
  }

  /** {@code POST /containers/{id}/pause}. */
  public void pause(String id) throws IOException {
    sendNoContent(Request.post(containerPath(id, "/pause").toString()));
  }

  /** {@code POST /containers/{id}/unpause}. */
  public void unpause(String id) throws IOException {
    sendNoContent(Request.post(containerPath(id, "/unpause").toString()));
  }

  /** {@code POST /containers/{id}/restart?t=&signal=}. */
  public void restart(String id, Optional<Integer> timeoutSeconds, Optional<String> signal) throws IOException {
    Query q = containerPath(id, "/restart");
    timeoutSeconds.ifPresent(t -> q.param("t", Integer.toString(t)));
    signal.ifPresent(s -> q.nonEmpty("signal", s));
    sendNoContent(Request.post(q.toString()));
  }

  /**
   * Starts a {@code POST /containers/{id}/wait?condition=} and returns once the daemon answered
   * with headers; {@link PendingWait#await()} gives the exit status. {@code condition} is
   * {@code not-running} (default when null), {@code next-exit} or {@code removed}.
   */
  public PendingWait startWait(String id, String condition) throws IOException {
    Query q = containerPath(id, "/wait").nonEmpty("condition", condition);
    Response r = transport.send(Request.post(q.toString()));
    try {
      r.orThrow();
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    return new PendingWait(r);
  }

  /** Blocks until the container meets {@code condition}; returns its exit code. */
  public long wait(String id, String condition) throws IOException {
    try (PendingWait w = startWait(id, condition)) {
      ContainerWaitResponse resp = w.await();
      if (resp.error() != null && resp.error().message() != null && !resp.error().message().isEmpty()) {
        throw new IOException(resp.error().message());
      }
      return resp.statusCode();
    }
  }

  /** {@code DELETE /containers/{id}?force=&v=}. */
  public void remove(String id, boolean force, boolean removeVolumes) throws IOException {
    Query q = Query.path(v("/containers/" + Query.segment(id))).flag("v", removeVolumes).flag("force", force);
    sendNoContent(Request.delete(q.toString()));
  }

  /** {@code POST /containers/{id}/rename?name=}. */
  public void rename(String id, String newName) throws IOException {
    sendNoContent(Request.post(containerPath(id, "/rename").param("name", newName).toString()));
  }

  /** {@code GET /containers/json}; {@code limit} ≤ 0 means no limit. */
  public List<ContainerSummary> listContainers(boolean all, int limit, boolean size, String filters)
      throws IOException {
    Query q = Query.path(v("/containers/json")).flag("all", all);
    if (limit > 0) {
      q.param("limit", Integer.toString(limit));
    }
    q.flag("size", size).nonEmpty("filters", filters);
    return RecordCodec.readList(getJson(q), ContainerSummary.class);
  }

  public ContainerInspect inspectContainer(String id) throws IOException {
    return get(containerPath(id, "/json"), ContainerInspect.class);
  }

  /** {@code GET /containers/{id}/json?size=} exactly as the daemon sent it. */
  public String inspectContainerJson(String id, boolean size) throws IOException {
    return getString(containerPath(id, "/json").flag("size", size));
  }

  /**
   * {@code GET /events}: hands each event to {@code sink} until the stream ends, which it does once
   * {@code until} has passed (never, without one). Times as {@code logs} takes them; {@code filters}
   * as {@link Filters#toJson()} (null for none).
   */
  public void events(String since, String until, String filters, Consumer<EventMessage> sink) throws IOException {
    Query q = Query.path(v("/events")).nonEmpty("since", since).nonEmpty("until", until)
        .nonEmpty("filters", filters);
    try (Response r = transport.send(Request.get(q.toString())).orThrow()) {
      Json.parseEach(r.body(), value -> sink.accept((EventMessage) RecordCodec.fromPlain(value, EventMessage.class)));
    }
  }

  /**
   * {@code GET /containers/{id}/logs}: copies the container's stdout to {@code stdout} and its
   * stderr to {@code stderr} until the log ends (or, following, until the container stops). A
   * container with a TTY has one raw stream, copied to {@code stdout}.
   */
  public void logs(String id, LogsOptions o, OutputStream stdout, OutputStream stderr) throws IOException {
    boolean tty = isTty(id);
    Query q = containerPath(id, "/logs").flag("stdout", o.stdout()).flag("stderr", o.stderr())
        .nonEmpty("since", o.since()).nonEmpty("until", o.until()).flag("timestamps", o.timestamps())
        .flag("follow", o.follow()).nonEmpty("tail", o.tail()).flag("details", o.details());
    try (Response r = transport.send(Request.get(q.toString())).orThrow()) {
      copyStream(r.body(), tty, stdout, stderr);
    }
  }

  /** True when the container was created with a TTY (its streams are not multiplexed). */
  public boolean isTty(String id) throws IOException {
    Map<String, Object> c = Json.obj(Json.parse(inspectContainerJson(id, false)));
    return Json.bool(Json.obj(c.get("Config")), "Tty");
  }

  /**
   * {@code POST /containers/{id}/attach}, hijacked. Read the container's output from
   * {@link HijackedStream#input()} (see {@link #copyStream}), write its stdin to
   * {@link HijackedStream#output()}.
   */
  public HijackedStream attach(String id, boolean stdin, boolean stdout, boolean stderr, boolean stream,
      boolean logs, String detachKeys) throws IOException {
    Query q = containerPath(id, "/attach").flag("logs", logs).flag("stream", stream).flag("stdin", stdin)
        .flag("stdout", stdout).flag("stderr", stderr).nonEmpty("detachKeys", detachKeys);
    return transport.hijack(Request.post(q.toString()).withHeader("Content-Type", "text/plain"));
  }

  /** Attaches to stdout and/or stderr without stdin. */
  public HijackedStream attach(String id, boolean stdout, boolean stderr, boolean stream) throws IOException {
    return attach(id, false, stdout, stderr, stream, false, null);
  }

  /**
   * {@code POST /containers/{id}/update}: new resource limits (zero or null fields keep the current
   * value) and restart policy; the response lists the limits the host could not apply.
   */
  public ContainerUpdateResponse update(String id, ContainerUpdateRequest request) throws IOException {
    byte[] body = RecordCodec.write(request).getBytes(StandardCharsets.UTF_8);
    try (Response r = transport.send(Request.post(containerPath(id, "/update").toString()).withJson(body))
        .orThrow()) {
      return (ContainerUpdateResponse) RecordCodec.fromPlain(Json.parse(r.body()), ContainerUpdateResponse.class);
    }
  }

  /** {@code POST /commit}: a new image from a container's changes; returns its ID. */
  public String commit(String container, String repo, String tag, String comment, String author,
      List<String> changes, boolean pause) throws IOException {
    Query q = Query.path(v("/commit")).param("container", container).nonEmpty("repo", repo).nonEmpty("tag", tag)
        .nonEmpty("comment", comment).nonEmpty("author", author).param("pause", pause ? "1" : "0");
    for (String change : changes) {
      q.param("changes", change);
    }
    try (Response r = transport.send(Request.post(q.toString())).orThrow()) {
      return Json.str(Json.obj(Json.parse(r.body())), "Id");
    }
  }

  /** {@code GET /containers/{id}/export}: copies the container's root file system tar to {@code out}. */
  public void export(String id, OutputStream out) throws IOException {
    try (Response r = transport.send(Request.get(containerPath(id, "/export").toString())).orThrow()) {
      r.body().transferTo(out);
    }
  }

  /** {@code GET /containers/{id}/changes}. */
  public List<ContainerChange> changes(String id) throws IOException {
    return RecordCodec.readList(getJson(containerPath(id, "/changes")), ContainerChange.class);
  }

  /** {@code GET /containers/{id}/top?ps_args=}. */
  public ContainerTopResponse top(String id, String psArgs) throws IOException {
    return get(containerPath(id, "/top").nonEmpty("ps_args", psArgs), ContainerTopResponse.class);
  }

  /** {@code POST /containers/{id}/exec}: returns the new exec's ID. */
  public String execCreate(String containerId, ExecCreateRequest request) throws IOException {
    try (Response r = transport.send(Request.post(containerPath(containerId, "/exec").toString())
        .withJson(RecordCodec.write(request))).orThrow()) {
      return Json.str(Json.obj(Json.parse(r.body())), "Id");
    }
  }

  /** {@code POST /exec/{id}/start} with {@code Detach}: the exec runs on in the background. */
  public void execStartDetached(String execId) throws IOException {
    sendNoContent(Request.post(Query.path(v("/exec/" + Query.segment(execId) + "/start")).toString())
        .withJson("{\"Detach\":true,\"Tty\":false}"));
  }

  /**
   * {@code POST /exec/{id}/start}, hijacked: the exec's stdin, stdout and stderr; {@code consoleSize}
   * ([rows, columns] or null) is its terminal's size from the start.
   */
  public HijackedStream execStartAttached(String execId, boolean tty, int[] consoleSize) throws IOException {
    String size = consoleSize == null ? "" : ",\"ConsoleSize\":[" + consoleSize[0] + "," + consoleSize[1] + "]";
    return transport.hijack(Request.post(Query.path(v("/exec/" + Query.segment(execId) + "/start")).toString())
        .withJson("{\"Detach\":false,\"Tty\":" + tty + size + "}"));
  }

  /** {@code GET /exec/{id}/json}. */
  public ExecInspect execInspect(String execId) throws IOException {
    return get(Query.path(v("/exec/" + Query.segment(execId) + "/json")), ExecInspect.class);
  }

  /** Copies a logs/attach stream: raw to {@code stdout} with a TTY, else demultiplexed. */
  public static void copyStream(InputStream in, boolean tty, OutputStream stdout, OutputStream stderr)
      throws IOException {
    if (tty) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        stdout.write(buf, 0, n);
        stdout.flush();
      }
    } else {
      StdStreamDemux.copy(in, stdout, stderr);
    }
  }

  /** {@code POST /containers/{id}/resize?h=&w=}: the size of the container's TTY. */
  public void resize(String id, int rows, int columns) throws IOException {
    sendNoContent(Request.post(containerPath(id, "/resize").param("h", Integer.toString(rows))
        .param("w", Integer.toString(columns)).toString()));
  }

  /** {@code POST /exec/{id}/resize?h=&w=}: the size of the exec's TTY. */
  public void execResize(String execId, int rows, int columns) throws IOException {
    sendNoContent(Request.post(Query.path(v("/exec/" + Query.segment(execId) + "/resize"))
        .param("h", Integer.toString(rows)).param("w", Integer.toString(columns)).toString()));
  }

  /** {@code POST /containers/prune?filters=}. */
  public ContainerPruneReport pruneContainers(String filters) throws IOException {
    Query q = Query.path(v("/containers/prune")).nonEmpty("filters", filters);
    try (Response r = transport.send(Request.post(q.toString())).orThrow()) {
      return (ContainerPruneReport) RecordCodec.fromPlain(Json.parse(r.body()), ContainerPruneReport.class);
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Sends any request under the negotiated version prefix; for endpoints not wrapped above. */
  public Response send(Request request) throws IOException {
    return transport.send(request);
  }

  /** {@code path} under the negotiated version: {@code /v1.47/containers/json}. */
  public String versioned(String path) throws IOException {
    return v(path);
  }

  private String v(String path) throws IOException {
    return "/v" + apiVersion() + path;
  }

  private Query containerPath(String id, String suffix) throws IOException {
    return Query.path(v("/containers/" + Query.segment(id) + suffix));
  }

  private <T> T get(Query q, Class<T> type) throws IOException {
    return type.cast(RecordCodec.fromPlain(getJson(q), type));
  }

  private Object getJson(Query q) throws IOException {
    try (Response r = transport.send(Request.get(q.toString())).orThrow()) {
      return Json.parse(r.body());
    }
  }

  private String getString(Query q) throws IOException {
    try (Response r = transport.send(Request.get(q.toString())).orThrow()) {
      return new String(r.bodyBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Sends a request whose success has no body we need; 304 (already so) counts as success. */
  private void sendNoContent(Request req) throws IOException {
    try (Response r = transport.send(req)) {
      if (r.status() != 304) {
        r.orThrow();
      }
      r.bodyBytes();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }


  @Override
  public void close() {
    transport.close();
  }
}
