package dev.berth.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON values on jackson-core's streaming parser: objects are {@link LinkedHashMap}s (in
 * document order), arrays {@link ArrayList}s, numbers {@link Long}, {@link BigInteger} or
 * {@link BigDecimal}, and strings, booleans and null themselves. The CLI reads responses this way
 * because building an ObjectMapper and introspecting records costs a short-lived JVM more than the
 * whole request.
 */
public final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  public static Object parse(String s) throws IOException {
    try (JsonParser p = FACTORY.createParser(s)) {
      return read(p, p.nextToken());
    }
  }

  public static Object parse(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      return read(p, p.nextToken());
    }
  }

  /** Reads every top-level value of a stream of concatenated or newline-separated values. */
  public static void parseEach(InputStream in, ValueSink sink) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        sink.accept(read(p, t));
      }
    }
  }

  /** Receives one value of a stream. */
  @FunctionalInterface
  public interface ValueSink {
    void accept(Object value) throws IOException;
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      return null;
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken n;
        while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          m.put(name, read(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY && n != null) {
          l.add(read(p, n));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDecimalValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }

  /** Writes plain values (maps, lists, strings, numbers, booleans, null) compactly. */
  public static String write(Object v) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      write(g, v);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Integer i -> g.writeNumber(i);
      case Long l -> g.writeNumber(l);
      case BigInteger b -> g.writeNumber(b);
      case BigDecimal b -> g.writeNumber(b);
      case Double d -> g.writeNumber(d);
      case Map<?, ?> m -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case List<?> l -> {
        g.writeStartArray();
        for (Object o : l) {
          write(g, o);
        }
        g.writeEndArray();
      }
      default -> g.writeString(v.toString());
    }
  }

  // ------------------------------------------------------------------ reading helpers

  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public static List<?> arr(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  public static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  public static long num(Map<String, Object> m, String key, long dflt) {
    return m.get(key) instanceof Number n ? n.longValue() : dflt;
  }

  public static Long numOrNull(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : null;
  }

  public static boolean bool(Map<String, Object> m, String key) {
    return m.get(key) instanceof Boolean b && b;
  }

  /** A list of strings, or null when absent or null. */
  public static List<String> strings(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof List<?> l)) {
      return null;
    }
    List<String> out = new ArrayList<>(l.size());
    for (Object o : l) {
      out.add(o == null ? null : o.toString());
    }
    return out;
  }

  /** A map of strings, or null when absent or null. */
  public static Map<String, String> stringMap(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Map<?, ?> mm)) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    mm.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : v.toString()));
    return out;
  }
}
