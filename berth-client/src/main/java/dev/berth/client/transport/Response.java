package dev.berth.client.transport;

import dev.berth.api.errors.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response from the daemon. The body streams from the connection; read it to the end or close
 * the response so the connection goes back to the pool (closing early drops the connection unless
 * little is left to read).
 */
public final class Response implements AutoCloseable {

  private final int status;
  private final String reason;
  private final Headers headers;
  private final InputStream body;

  Response(int status, String reason, Headers headers, InputStream body) {
    this.status = status;
    this.reason = reason;
    this.headers = headers;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** True for 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header (case-insensitive), or null. */
  public String header(String name) {
    return headers.first(name);
  }

  public List<String> headers(String name) {
    return headers.all(name);
  }

  /** All headers, names as sent, in order. */
  public Map<String, List<String>> headers() {
    return headers.asMap();
  }

  /** The body, ending where the response ends (Content-Length, chunked, or connection close). */
  public InputStream body() {
    return body;
  }

  public byte[] bodyBytes() throws IOException {
    try (InputStream in = body) {
      return in.readAllBytes();
    }
  }

  public String bodyString() throws IOException {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Returns this response when it is not an error; otherwise reads the body, closes the response
   * and throws the {@link BerthException} the daemon reported (304 → NotModifiedException,
   * 404 → NotFoundException...; see {@link ErrorDecoder}).
   */
  public Response orThrow() {
    if (!ErrorDecoder.isError(status)) {
      return this;
    }
    byte[] b;
    try {
      b = bodyBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading an error response (" + status + ")", e);
    }
    throw ErrorDecoder.decode(status, b);
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // the connection is dropped
    }
  }

  @Override
  public String toString() {
    return "Response[" + status + " " + reason + "]";
  }
}
