package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The values templates work on (made from {@link dev.berth.client.Json} values by
 * {@link #fromPlain}), mirroring how Go sees the docker CLI's typed structs: a JSON
 * object is a {@link Struct} (printed {@code {a b}}) or, under a key Docker types as a map
 * ({@code Labels}, {@code Networks}...), a {@link GoMap} (printed {@code map[k:v]}); a JSON null
 * is a typed {@link Nil} (a nil slice prints {@code []}, a nil map {@code map[]}, a nil pointer
 * {@code <nil>}). Strings, Booleans, Longs, Doubles and Lists stand for themselves.
 */
public final class GoValues {

  private GoValues() {}

  /** A struct: fields in declaration (JSON) order; lookup also ignores case ({@code APIVersion}). */
  public static final class Struct {
    private final Map<String, Object> fields;

    public Struct(Map<String, Object> fields) {
      this.fields = fields;
    }

    public Map<String, Object> fields() {
      return fields;
    }

    /**
     * The field's value; a field Docker's types have but leave out of JSON when empty
     * ({@code omitempty}) is its Go zero value; otherwise {@link #ABSENT}.
     */
    public Object get(String name) {
      if (fields.containsKey(name)) {
        return fields.get(name);
      }
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      Object zero = OMITTED_ZERO.get(name);
      return zero != null ? zero : ABSENT;
    }
  }

  /** A Go map: printed with sorted keys. */
  public static final class GoMap {
    private final Map<String, Object> entries;

    public GoMap(Map<String, Object> entries) {
      this.entries = entries;
    }

    public Map<String, Object> entries() {
      return entries;
    }
  }

  /** The kinds of nil. */
  public enum NilKind { SLICE, MAP, POINTER }

  /** A typed nil. */
  public record Nil(NilKind kind) {}

  public static final Nil NIL_SLICE = new Nil(NilKind.SLICE);
  public static final Nil NIL_MAP = new Nil(NilKind.MAP);
  public static final Nil NIL_POINTER = new Nil(NilKind.POINTER);

  /** Zero values of fields Docker's types omit from JSON when empty. */
  private static final Map<String, Object> OMITTED_ZERO = Map.ofEntries(
      Map.entry("ExposedPorts", new Nil(NilKind.MAP)), Map.entry("Healthcheck", new Nil(NilKind.POINTER)),
      Map.entry("ArgsEscaped", false), Map.entry("NetworkDisabled", false), Map.entry("MacAddress", ""),
      Map.entry("StopSignal", ""), Map.entry("StopTimeout", new Nil(NilKind.POINTER)),
      Map.entry("Shell", new Nil(NilKind.SLICE)), Map.entry("Node", new Nil(NilKind.POINTER)),
      Map.entry("SizeRw", new Nil(NilKind.POINTER)), Map.entry("SizeRootFs", new Nil(NilKind.POINTER)),
      Map.entry("Health", new Nil(NilKind.POINTER)), Map.entry("Parent", ""), Map.entry("Comment", ""),
      Map.entry("DockerVersion", ""), Map.entry("Author", ""), Map.entry("Variant", ""),
      Map.entry("OsVersion", ""), Map.entry("Container", ""), Map.entry("Descriptor", new Nil(NilKind.POINTER)),
      Map.entry("Manifests", new Nil(NilKind.SLICE)), Map.entry("Annotations", new Nil(NilKind.MAP)),
      Map.entry("Mounts", new Nil(NilKind.SLICE)), Map.entry("OnBuild", new Nil(NilKind.SLICE)));

  /** Marks a field or key that does not exist. */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "<no value>";
    }
  };

  /** Keys whose JSON objects are Go maps in Docker's types (others are structs). */
  private static final Set<String> MAP_KEYS = Set.of("Labels", "ExposedPorts", "Volumes", "Networks", "Ports",
      "PortBindings", "Data", "DriverOpts", "Options", "Sysctls", "StorageOpt", "Tmpfs", "Annotations",
      "Runtimes", "Details", "IndexConfigs", "Mirrors", "Config");

  private static boolean isMapKey(String parent, String key) {
    if ("Config".equals(key)) {
      // Config is a struct in containers and images, a map only inside LogConfig.
      return "LogConfig".equals(parent);
    }
    return MAP_KEYS.contains(key);
  }

  /** Keys that are nil pointers (not slices) when JSON says null. */
  private static final Set<String> POINTER_KEYS = Set.of("Health", "Healthcheck", "State", "Config",
      "HostConfig", "NetworkSettings", "GraphDriver", "Node", "LogConfig", "RestartPolicy", "Platform",
      "IPAMConfig", "Error", "SizeRw", "SizeRootFs", "Init", "OomKillDisable", "MemorySwappiness",
      "PidsLimit", "StopTimeout", "Server", "Swarm", "Plugins", "Metadata", "RootFS", "Descriptor",
      "Manifests", "ClientInfo");

  /** Converts {@link dev.berth.client.Json} values into template values. */
  public static Object fromPlain(Object v) {
    return fromPlain(null, null, v);
  }

  private static Object fromPlain(String parent, String key, Object v) {
    if (v == null) {
      if (key != null && isMapKey(parent, key)) {
        return NIL_MAP;
      }
      if (key != null && POINTER_KEYS.contains(key)) {
        return NIL_POINTER;
      }
      return NIL_SLICE;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) {
        out.add(fromPlain(key, null, e));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        out.put(k, fromPlain(key, k, e.getValue()));
      }
      return key != null && isMapKey(parent, key) ? new GoMap(out) : new Struct(out);
    }
    return v;
  }

  /** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
  public static boolean isTrue(Object v) {
    if (v == null || v == ABSENT || v instanceof Nil) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Integer i) {
      return i != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof BigInteger b) {
      return b.signum() != 0;
    }
    if (v instanceof BigDecimal b) {
      return b.signum() != 0;
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof GoMap m) {
      return !m.entries().isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** Go's name of a value's type, for error messages. */
  public static String typeName(Object v) {
    if (v == null || v == ABSENT) {
      return "interface {}";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
      return "int";
    }
    if (v instanceof Double || v instanceof BigDecimal) {
      return "float64";
    }
    if (v instanceof List<?>) {
      return "[]interface {}";
    }
    if (v instanceof GoMap || v instanceof Map<?, ?>) {
      return "map[string]interface {}";
    }
    if (v instanceof Nil n) {
      return switch (n.kind()) {
        case SLICE -> "[]string";
        case MAP -> "map[string]string";
        case POINTER -> "*struct";
      };
    }
    if (v instanceof TemplateObject o) {
      return o.typeName();
    }
    return "struct";
  }

  /** Go's {@code fmt.Sprint} of one value ({@code %v}). */
  public static String print(Object v) {
    StringBuilder sb = new StringBuilder();
    print(sb, v, true);
    return sb.toString();
  }

  static void print(StringBuilder sb, Object v, boolean top) {
    if (v == null) {
      sb.append("<nil>");
    } else if (v == ABSENT) {
      sb.append("<no value>");
    } else if (v instanceof String s) {
      sb.append(s);
    } else if (v instanceof Double d) {
      sb.append(GoNumbers.formatFloat(d, 'g', -1));
    } else if (v instanceof BigDecimal d) {
      sb.append(GoNumbers.formatFloat(d.doubleValue(), 'g', -1));
    } else if (v instanceof Nil n) {
      sb.append(switch (n.kind()) {
        case SLICE -> "[]";
        case MAP -> "map[]";
        case POINTER -> "<nil>";
      });
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        print(sb, l.get(i), false);
      }
      sb.append(']');
    } else if (v instanceof GoMap m) {
      printMap(sb, m.entries());
    } else if (v instanceof Struct s) {
      sb.append('{');
      boolean first = true;
      for (Object f : s.fields().values()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        print(sb, f, false);
      }
      sb.append('}');
    } else if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> mm = (Map<String, Object>) m;
      printMap(sb, mm);
    } else if (v instanceof TemplateObject o) {
      sb.append("&{");
      boolean first = true;
      for (Object f : o.jsonFields().values()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        print(sb, f, false);
      }
      sb.append('}');
    } else {
      sb.append(v);
    }
  }

  private static void printMap(StringBuilder sb, Map<String, Object> m) {
    sb.append("map[");
    boolean first = true;
    for (String k : new java.util.TreeSet<>(m.keySet())) {
      if (!first) {
        sb.append(' ');
      }
      first = false;
      sb.append(k).append(':');
      print(sb, m.get(k), false);
    }
    sb.append(']');
  }

  /** A number as a long, or null when it is not an integer value. */
  static Long asLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return (long) i;
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    return null;
  }

  static boolean isNumber(Object v) {
    return v instanceof Number;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
