package dev.berth.daemon.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.errors.InvalidArgumentException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a handler sees it: method, decoded path (without the {@code /v1.NN}
 * prefix), the negotiated API version, path variables, query parameters, headers and a streamed
 * body. Used by one handler thread; not thread-safe.
 */
public final class Request {

  private final HttpConnection.Exchange exchange;
  private final String method;
  private final String path;
  private final String rawQuery;
  private final ApiVersion apiVersion;
  private final Map<String, String> variables;
  private final HttpHeaders headers;
  private Map<String, List<String>> query;

  Request(
      HttpConnection.Exchange exchange,
      String method,
      String path,
      String rawQuery,
      ApiVersion apiVersion,
      Map<String, String> variables,
      HttpHeaders headers) {
    this.exchange = exchange;
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.apiVersion = apiVersion;
    this.variables = variables;
    this.headers = headers;
  }

  public String method() {
    return method;
  }

  /** The percent-decoded path without the version prefix, e.g. {@code /containers/abc/json}. */
  public String path() {
    return path;
  }

  /** The version from the path prefix, or {@link ApiVersion#CURRENT} when there is none. */
  public ApiVersion apiVersion() {
    return apiVersion;
  }

  // ---- path variables

  /** The value of a template variable ({@code {id}} in {@code /containers/{id}/json}). */
  public String pathParam(String name) {
    String v = variables.get(name);
    if (v == null) {
      throw new IllegalArgumentException("the route has no variable '" + name + "'");
    }
    return v;
  }

  public Map<String, String> pathParams() {
    return variables;
  }

  // ---- query

  /** All query parameters, decoded ('+' is a space), in order, multi-valued. */
  public Map<String, List<String>> queryParams() {
    if (query == null) {
      query =
          rawQuery == null || rawQuery.isEmpty()
              ? Map.of()
              : QueryStringDecoder.builder()
                  .hasPath(false)
                  .semicolonIsNormalChar(true)
                  .maxParams(10_000)
                  .build(rawQuery)
                  .parameters();
    }
    return query;
  }

  /** The first value of a query parameter, or null when absent. */
  public String query(String name) {
    List<String> values = queryParams().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public String query(String name, String defaultValue) {
    String v = query(name);
    return v == null ? defaultValue : v;
  }

  public List<String> queryAll(String name) {
    return queryParams().getOrDefault(name, List.of());
  }

  public boolean hasQuery(String name) {
    return queryParams().containsKey(name);
  }

  /**
   * Docker's {@code httputils.BoolValue}: false when absent, empty, "0", "no", "false" or "none"
   * (any case); true otherwise.
   */
  public boolean queryBool(String name) {
    String v = query(name);
    if (v == null) {
      return false;
    }
    String s = v.strip().toLowerCase(Locale.ROOT);
    return !(s.isEmpty() || s.equals("0") || s.equals("no") || s.equals("false") || s.equals("none"));
  }

  /** Docker's {@code BoolValueOrDefault}: {@code defaultValue} when the parameter is absent. */
  public boolean queryBool(String name, boolean defaultValue) {
    return hasQuery(name) ? queryBool(name) : defaultValue;
  }

  /** An integer parameter; {@code defaultValue} when absent or empty; malformed → 400. */
  public long queryLong(String name, long defaultValue) {
    String v = query(name);
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("invalid value for " + name + ": " + v, e);
    }
  }

  public int queryInt(String name, int defaultValue) {
    long v = queryLong(name, defaultValue);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new InvalidArgumentException("invalid value for " + name + ": " + v);
    }
    return (int) v;
  }

  /** A query parameter holding JSON (e.g. {@code buildargs}); absent → null; malformed → 400. */
  public <T> T queryJson(String name, TypeReference<T> type) {
    String v = query(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    return Json.decode(v.getBytes(StandardCharsets.UTF_8), type);
  }

  /**
   * The {@code filters} parameter as moby's {@code filters.FromJSON} reads it: {@code
   * {"label":{"a=b":true}}}, or the legacy {@code {"label":["a=b"]}}. Absent → empty map; malformed
   * → 400.
   */
  public Map<String, List<String>> filters() {
    String v = query("filters");
    if (v == null || v.isEmpty()) {
      return Map.of();
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(v);
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid filter '" + v + "'", e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidArgumentException("invalid filter '" + v + "'");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      List<String> values = new ArrayList<>();
      JsonNode node = e.getValue();
      if (node.isObject()) {
        node.fieldNames().forEachRemaining(values::add);
      } else if (node.isArray()) {
        for (JsonNode item : node) {
          if (!item.isTextual()) {
            throw new InvalidArgumentException("invalid filter '" + v + "'");
          }
          values.add(item.asText());
        }
      } else if (!node.isNull()) {
        throw new InvalidArgumentException("invalid filter '" + v + "'");
      }
      out.put(e.getKey(), List.copyOf(values));
    }
    return out;
  }

  // ---- headers

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  public List<String> headers(String name) {
    return headers.getAll(name);
  }

  /** The {@code Content-Type} header, or null. */
  public String contentType() {
    return headers.get("Content-Type");
  }

  // ---- body

  /**
   * The body as it arrives, with backpressure: reading slowly slows the client down. Ends at the
   * end of the body; throws an {@link IOException} when the client disconnects mid-body.
   */
  public InputStream body() {
    return exchange.body;
  }

  /** Reads the whole body. For small bodies only; stream large ones with {@link #body()}. */
  public byte[] bodyBytes() {
    try {
      return exchange.body.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }

  /** Reads the body as JSON. Empty or malformed → {@link InvalidArgumentException} (400). */
  public <T> T bodyJson(Class<T> type) {
    return Json.decode(bodyBytes(), type);
  }

  public <T> T bodyJson(TypeReference<T> type) {
    return Json.decode(bodyBytes(), type);
  }

  /** Reads the body as JSON when there is one; an empty body gives an empty Optional. */
  public <T> Optional<T> bodyJsonIfPresent(Class<T> type) {
    byte[] bytes = bodyBytes();
    return Json.isBlank(bytes) ? Optional.empty() : Optional.of(Json.decode(bytes, type));
  }

  // ---- connection

  /** False once the client went away. */
  public boolean isConnected() {
    return exchange.isConnected();
  }

  /**
   * Runs {@code callback} (on a virtual thread) when the client disconnects while this request is
   * in progress; at once if it already has. Lets a long wait (e.g. {@code /containers/{id}/wait})
   * stop early.
   */
  public void onDisconnect(Runnable callback) {
    exchange.onDisconnect(callback);
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
  }
}
