package dev.berth.daemon.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Handler} returns. Immutable values; the server writes them. Every response also
 * carries the server's standard headers ({@code Api-Version}, {@code Server}, ...), added by the
 * server.
 *
 * <ul>
 *   <li>{@link JsonResponse}: a status and a value encoded with {@link Json} (newline-terminated).
 *   <li>{@link EmptyResponse}: a status without a body (204, 304, 201 without content...).
 *   <li>{@link BytesResponse}: a status, a content type and a small body held in memory.
 *   <li>{@link StreamResponse}: a status, a content type and a body written by the handler to an
 *       {@link OutputStream} on its own virtual thread, sent chunked.
 *   <li>{@link HijackResponse}: Docker's attach/exec protocol: the connection becomes a raw duplex.
 * </ul>
 */
public sealed interface Response {

  String JSON = "application/json";
  String TEXT = "text/plain; charset=utf-8";
  String RAW_STREAM = "application/vnd.docker.raw-stream";
  String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

  int status();

  /** Extra headers, in order; the server adds its standard ones. */
  Map<String, String> headers();

  /** A copy of this response with one more header (replacing a header of the same name). */
  Response withHeader(String name, String value);

  static JsonResponse json(Object body) {
    return new JsonResponse(200, body, Map.of());
  }

  static JsonResponse json(int status, Object body) {
    return new JsonResponse(status, body, Map.of());
  }

  static EmptyResponse empty(int status) {
    return new EmptyResponse(status, Map.of());
  }

  static EmptyResponse noContent() {
    return new EmptyResponse(204, Map.of());
  }

  static BytesResponse text(int status, String text) {
    return new BytesResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static BytesResponse bytes(int status, String contentType, byte[] body) {
    return new BytesResponse(status, contentType, body, Map.of());
  }

  static StreamResponse stream(String contentType, StreamBody body) {
    return new StreamResponse(200, contentType, body, Map.of());
  }

  static StreamResponse stream(int status, String contentType, StreamBody body) {
    return new StreamResponse(status, contentType, body, Map.of());
  }

  /**
   * Hijacks the connection. {@code multiplexed} says the handler frames its output with {@link
   * StdStreamMux} (no TTY); the server then announces {@code application/vnd.docker.multiplexed-
   * stream} to clients that upgraded with API 1.42 or newer, and {@code raw-stream} otherwise.
   */
  static HijackResponse hijack(boolean multiplexed, HijackBody body) {
    return new HijackResponse(multiplexed, body, Map.of());
  }

  /** Writes a streamed body. See {@link StreamResponse}. */
  @FunctionalInterface
  interface StreamBody {
    void writeTo(OutputStream out) throws Exception;
  }

  /** Runs a hijacked connection. See {@link HijackResponse}. */
  @FunctionalInterface
  interface HijackBody {
    void run(InputStream in, OutputStream out) throws Exception;
  }

  record JsonResponse(int status, Object body, Map<String, String> headers) implements Response {
    public JsonResponse {
      headers = copy(headers);
    }

    @Override
    public JsonResponse withHeader(String name, String value) {
      return new JsonResponse(status, body, with(headers, name, value));
    }
  }

  record EmptyResponse(int status, Map<String, String> headers) implements Response {
    public EmptyResponse {
      headers = copy(headers);
    }

    @Override
    public EmptyResponse withHeader(String name, String value) {
      return new EmptyResponse(status, with(headers, name, value));
    }
  }

  record BytesResponse(int status, String contentType, byte[] body, Map<String, String> headers)
      implements Response {
    public BytesResponse {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = copy(headers);
    }

    @Override
    public BytesResponse withHeader(String name, String value) {
      return new BytesResponse(status, contentType, body, with(headers, name, value));
    }
  }

  /**
   * A chunked body written by {@link StreamBody#writeTo} on the handler's virtual thread after the
   * handler returned. Writes are buffered: {@code flush()} sends what was written as one chunk (use
   * it after each log line, event or progress message). The status line and headers go out at the
   * first flush (or when the buffer fills): call {@code flush()} first thing to send them at once
   * (moby does so for {@code /events} and {@code /containers/{id}/wait}, whose clients wait for
   * the headers). An exception thrown before anything was sent becomes a normal error response; one
   * thrown later ends the connection. When the client goes away, writes throw an {@link
   * java.io.IOException} and the writing thread is interrupted, so blocking waits end too.
   */
  record StreamResponse(
      int status, String contentType, StreamBody body, Map<String, String> headers)
      implements Response {
    public StreamResponse {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = copy(headers);
    }

    @Override
    public StreamResponse withHeader(String name, String value) {
      return new StreamResponse(status, contentType, body, with(headers, name, value));
    }
  }

  /**
   * The server answers {@code 101 UPGRADED} (or {@code 200 OK} when the client did not ask to
   * upgrade), then runs {@link HijackBody#run} on the handler's virtual thread with the raw
   * connection: {@code in} yields what the client sends (container stdin) and ends when the client
   * half-closes or disconnects; {@code out} goes to the client (call {@code flush()} to send). The
   * connection is closed when {@code run} returns. The client going away interrupts the thread.
   */
  record HijackResponse(boolean multiplexed, HijackBody body, Map<String, String> headers)
      implements Response {
    public HijackResponse {
      Objects.requireNonNull(body, "body");
      headers = copy(headers);
    }

    @Override
    public int status() {
      return 101;
    }

    @Override
    public HijackResponse withHeader(String name, String value) {
      return new HijackResponse(multiplexed, body, with(headers, name, value));
    }
  }

  private static Map<String, String> copy(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (!k.equalsIgnoreCase(name)) {
            copy.put(k, v);
          }
        });
    copy.put(name, value);
    return copy;
  }
}
