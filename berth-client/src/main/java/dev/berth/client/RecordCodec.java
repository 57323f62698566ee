package dev.berth.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes berth-api's records by their Jackson annotations ({@code @JsonProperty},
 * {@code @JsonInclude}, {@code @JsonUnwrapped}) without jackson-databind: the mapping stays the
 * one berth-api declares, but a short-lived CLI does not pay for building an ObjectMapper and
 * introspecting every record (hundreds of milliseconds). Values go through {@link Json}'s plain
 * form. Supports what berth-api uses: records, {@code List}, {@code Map} with string keys,
 * strings, booleans, numbers (boxed or primitive) and enums.
 */
public final class RecordCodec {

  private RecordCodec() {}

  /** How one record component maps to JSON. */
  private record Prop(String name, Method accessor, Type type, Class<?> raw, JsonInclude.Include include,
      boolean unwrapped) {}

  private record Shape(List<Prop> props, Constructor<?> ctor) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] comps = type.getRecordComponents();
      JsonInclude classInclude = type.getAnnotation(JsonInclude.class);
      List<Prop> props = new ArrayList<>(comps.length);
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        RecordComponent c = comps[i];
        Method acc = c.getAccessor();
        acc.setAccessible(true);
        JsonProperty jp = acc.getAnnotation(JsonProperty.class);
        JsonInclude inc = acc.getAnnotation(JsonInclude.class);
        if (inc == null) {
          inc = classInclude;
        }
        String name = jp != null && !jp.value().isEmpty() ? jp.value() : c.getName();
        props.add(new Prop(name, acc, c.getGenericType(), c.getType(),
            inc == null ? JsonInclude.Include.ALWAYS : inc.value(), acc.isAnnotationPresent(JsonUnwrapped.class)));
        types[i] = c.getType();
      }
      try {
        Constructor<?> ctor = type.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return new Shape(List.copyOf(props), ctor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  // ------------------------------------------------------------------ writing

  /** The compact JSON of a record (or any supported value). */
  public static String write(Object value) {
    return Json.write(toPlain(value));
  }

  /** A record as plain {@link Json} values. */
  public static Object toPlain(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Collection<?> c) {
      List<Object> l = new ArrayList<>(c.size());
      for (Object o : c) {
        l.add(toPlain(o));
      }
      return l;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), toPlain(val)));
      return out;
    }
    if (v instanceof Record r) {
      Map<String, Object> out = new LinkedHashMap<>();
      writeRecord(r, out);
      return out;
    }
    return v.toString();
  }

  private static void writeRecord(Record r, Map<String, Object> out) {
    for (Prop p : SHAPES.get(r.getClass()).props()) {
      Object v = invoke(p.accessor(), r);
      if (p.unwrapped() && v instanceof Record nested) {
        writeRecord(nested, out);
        continue;
      }
      if (skip(p, v)) {
        continue;
      }
      out.put(p.name(), toPlain(v));
    }
  }

  private static boolean skip(Prop p, Object v) {
    return switch (p.include()) {
      case NON_NULL -> v == null;
      case NON_EMPTY -> isEmpty(v);
      case NON_DEFAULT -> isEmpty(v) || v.equals(Boolean.FALSE) || v instanceof Number n && n.doubleValue() == 0;
      default -> false;
    };
  }

  private static boolean isEmpty(Object v) {
    return v == null || v instanceof String s && s.isEmpty() || v instanceof Collection<?> c && c.isEmpty()
        || v instanceof Map<?, ?> m && m.isEmpty();
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ reading

  /** Parses JSON text into {@code type}. */
  public static <T> T read(String json, Class<T> type) throws java.io.IOException {
    return type.cast(fromPlain(Json.parse(json), type));
  }

  /** Converts a plain JSON array into a list of {@code elem}. */
  public static <T> List<T> readList(Object plain, Class<T> elem) {
    List<T> out = new ArrayList<>();
    for (Object o : Json.arr(plain)) {
      out.add(elem.cast(fromPlain(o, elem)));
    }
    return out;
  }

  /** Converts plain {@link Json} values into {@code type} (a record, list, map or scalar). */
  public static Object fromPlain(Object v, Type type) {
    Class<?> raw = rawClass(type);
    if (v == null) {
      return defaultOf(raw);
    }
    if (raw == String.class) {
      return v.toString();
    }
    if (raw == Object.class) {
      return v;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
    }
    if (raw == int.class || raw == Integer.class) {
      return num(v).intValue();
    }
    if (raw == long.class || raw == Long.class) {
      return num(v).longValue();
    }
    if (raw == double.class || raw == Double.class) {
      return num(v).doubleValue();
    }
    if (raw == float.class || raw == Float.class) {
      return num(v).floatValue();
    }
    if (raw == BigInteger.class) {
      return new BigDecimal(num(v).toString()).toBigInteger();
    }
    if (raw == BigDecimal.class) {
      return new BigDecimal(num(v).toString());
    }
    if (raw.isEnum()) {
      for (Object c : raw.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(v.toString())) {
          return c;
        }
      }
      return null;
    }
    if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
      Type elem = typeArg(type, 0);
      List<Object> out = new ArrayList<>();
      if (v instanceof List<?> l) {
        for (Object o : l) {
          out.add(fromPlain(o, elem));
        }
      }
      return out;
    }
    if (Map.class.isAssignableFrom(raw)) {
      Type val = typeArg(type, 1);
      Map<String, Object> out = new LinkedHashMap<>();
      if (v instanceof Map<?, ?> m) {
        m.forEach((k, o) -> out.put(String.valueOf(k), fromPlain(o, val)));
      }
      return out;
    }
    if (raw.isRecord()) {
      Map<String, Object> m = Json.obj(v);
      return readRecord(raw, m);
    }
    return v;
  }

  private static Object readRecord(Class<?> raw, Map<String, Object> m) {
    Shape shape = SHAPES.get(raw);
    Object[] args = new Object[shape.props().size()];
    for (int i = 0; i < args.length; i++) {
      Prop p = shape.props().get(i);
      if (p.unwrapped() && p.raw().isRecord()) {
        args[i] = readRecord(p.raw(), m);
      } else {
        args[i] = m.containsKey(p.name()) ? fromPlain(m.get(p.name()), p.type()) : defaultOf(p.raw());
      }
    }
    try {
      return shape.ctor().newInstance(args);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + raw.getSimpleName() + ": " + e, e);
    }
  }

  private static Number num(Object v) {
    if (v instanceof Number n) {
      return n;
    }
    try {
      return new BigDecimal(v.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Object defaultOf(Class<?> raw) {
    if (!raw.isPrimitive()) {
      return null;
    }
    if (raw == boolean.class) {
      return false;
    }
    if (raw == long.class) {
      return 0L;
    }
    if (raw == double.class) {
      return 0.0;
    }
    if (raw == float.class) {
      return 0f;
    }
    if (raw == short.class) {
      return (short) 0;
    }
    if (raw == byte.class) {
      return (byte) 0;
    }
    if (raw == char.class) {
      return (char) 0;
    }
    return 0;
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type typeArg(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return p.getActualTypeArguments()[i];
    }
    return Object.class;
  }
}
