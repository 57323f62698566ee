package dev.berth.cli.format;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's encoding/json, for template values: map keys sorted, struct fields in order. */
public final class GoJson {

  private GoJson() {}

  /** {@code json.Marshal}-like output; {@code escapeHtml} escapes &lt; &gt; &amp; as Go's default does. */
  public static String encode(Object v, boolean escapeHtml) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, escapeHtml);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, boolean esc) {
    if (v == null || v == GoValues.ABSENT || v instanceof GoValues.Nil) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s, esc);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer
        || v instanceof java.math.BigInteger) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(GoNumbers.jsonFloat(d));
    } else if (v instanceof BigDecimal d) {
      sb.append(GoNumbers.jsonFloat(d.doubleValue()));
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, l.get(i), esc);
      }
      sb.append(']');
    } else if (v instanceof GoValues.GoMap m) {
      object(sb, new TreeMap<>(m.entries()), esc);
    } else if (v instanceof GoValues.Struct s) {
      object(sb, s.fields(), esc);
    } else if (v instanceof TemplateObject o) {
      // docker's formatter contexts marshal through json.Marshal: keys sorted, HTML escaped.
      object(sb, new TreeMap<>(o.jsonFields()), true);
    } else if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> mm = (Map<String, Object>) m;
      object(sb, new TreeMap<>(mm), esc);
    } else {
      quote(sb, v.toString(), esc);
    }
  }

  private static void object(StringBuilder sb, Map<String, Object> m, boolean esc) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, e.getKey(), esc);
      sb.append(':');
      write(sb, e.getValue(), esc);
    }
    sb.append('}');
  }

  /** A JSON string literal as Go writes it. */
  public static void quote(StringBuilder sb, String s, boolean escapeHtml) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> {
          if (c < 0x20 || escapeHtml && (c == '<' || c == '>' || c == '&')) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
