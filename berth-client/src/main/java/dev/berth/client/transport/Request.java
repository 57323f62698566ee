package dev.berth.client.transport;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request to the daemon: method, target (path and query, already percent-encoded, e.g.
 * {@code /v1.47/containers/json?all=1}), headers and an optional body. A byte body is sent with a
 * Content-Length; a stream body is sent chunked (or with a Content-Length when its length is
 * known). Immutable; a stream body can be sent once.
 */
public record Request(String method, String target, Map<String, String> headers, Body body) {

  /** A request body. */
  public sealed interface Body {
    String contentType();
  }

  /** A body held in memory. */
  public record Bytes(String contentType, byte[] data) implements Body {
    public Bytes {
      Objects.requireNonNull(data, "data");
    }
  }

  /** A body streamed from {@code in}; {@code length} -1 means unknown (sent chunked). */
  public record Stream(String contentType, InputStream in, long length) implements Body {
    public Stream {
      Objects.requireNonNull(in, "in");
    }
  }

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("target must start with '/': " + target);
    }
    headers = headers == null || headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static Request get(String target) {
    return new Request("GET", target, Map.of(), null);
  }

  public static Request head(String target) {
    return new Request("HEAD", target, Map.of(), null);
  }

  public static Request post(String target) {
    return new Request("POST", target, Map.of(), null);
  }

  public static Request put(String target) {
    return new Request("PUT", target, Map.of(), null);
  }

  public static Request delete(String target) {
    return new Request("DELETE", target, Map.of(), null);
  }

  /** This request with a header set (replacing one of the same name, ignoring case). */
  public Request withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (!k.equalsIgnoreCase(name)) {
            h.put(k, v);
          }
        });
    h.put(name, value);
    return new Request(method, target, h, body);
  }

  public Request withBody(Body body) {
    return new Request(method, target, headers, body);
  }

  /** A JSON body (already encoded). */
  public Request withJson(byte[] json) {
    return withBody(new Bytes("application/json", json));
  }

  public Request withJson(String json) {
    return withJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A streamed body of unknown length, sent chunked (an image tar, a build context). */
  public Request withStream(String contentType, InputStream in) {
    return withBody(new Stream(contentType, in, -1));
  }

  /** Whether the body can be sent again (for a retry on a stale pooled connection). */
  boolean replayable() {
    return !(body instanceof Stream);
  }
}
