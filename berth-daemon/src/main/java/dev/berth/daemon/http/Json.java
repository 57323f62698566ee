package dev.berth.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.ApiJson;
import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON for the HTTP layer, on the one mapper of the Engine API ({@link ApiJson#mapper()}): unknown
 * properties are ignored, and nulls are written unless a record says {@code @JsonInclude} (Go writes
 * {@code null} for nil slices, maps and pointers unless the field says {@code omitempty}). Encoded
 * bodies end with a newline, as moby's {@code json.NewEncoder(w).Encode(v)} does.
 */
public final class Json {

  private static final ObjectMapper MAPPER = ApiJson.mapper();

  private Json() {}

  /** The shared mapper ({@link ApiJson#mapper()}). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Encodes {@code value} as Docker does: compact JSON followed by a newline. */
  public static byte[] encode(Object value) {
    try {
      byte[] json = MAPPER.writeValueAsBytes(value);
      byte[] out = new byte[json.length + 1];
      System.arraycopy(json, 0, out, 0, json.length);
      out[json.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Decodes a request body. An empty body or malformed JSON is the client's fault and becomes an
   * {@link InvalidArgumentException} with moby's wording ({@code invalid JSON: ...}).
   */
  public static <T> T decode(byte[] body, Class<T> type) {
    return decode(body, MAPPER.constructType(type));
  }

  public static <T> T decode(byte[] body, TypeReference<T> type) {
    return decode(body, MAPPER.getTypeFactory().constructType(type));
  }

  static <T> T decode(byte[] body, JavaType type) {
    if (isBlank(body)) {
      throw new InvalidArgumentException("invalid JSON: got EOF while reading request body");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /** Decodes a JSON document read from a stream (a query value, a streamed body). */
  public static <T> T decode(InputStream in, Class<T> type) throws IOException {
    return decode(in.readAllBytes(), type);
  }

  static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
