package dev.berth.cli.format;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Go's builtin template functions and the docker CLI's additions ({@code json}, {@code join}...). */
public final class Funcs {

  /** Go's predefined functions (resolved without a map entry). */
  static final Set<String> BUILTINS = Set.of("and", "or", "not", "len", "index", "slice", "print", "printf",
      "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "call");

  /** The docker CLI's template functions. */
  static final Set<String> DOCKER = Set.of("json", "split", "join", "title", "lower", "upper", "pad", "truncate");

  private Funcs() {}

  /** The docker CLI's {@code templates.basicFunctions}. */
  public static Map<String, Template.Func> docker() {
    Map<String, Template.Func> m = new HashMap<>();
    m.put("json", a -> GoJson.encode(one("json", a), false));
    m.put("split", a -> {
      arity("split", a, 2);
      return split(str(a.get(0)), str(a.get(1)));
    });
    m.put("join", a -> {
      arity("join", a, 2);
      return join(a.get(0), str(a.get(1)));
    });
    m.put("title", a -> title(str(one("title", a))));
    m.put("lower", a -> str(one("lower", a)).toLowerCase(Locale.ROOT));
    m.put("upper", a -> str(one("upper", a)).toUpperCase(Locale.ROOT));
    m.put("pad", a -> {
      arity("pad", a, 3);
      String src = str(a.get(0));
      return src.isEmpty() ? src : " ".repeat((int) num(a.get(1))) + src + " ".repeat((int) num(a.get(2)));
    });
    m.put("truncate", a -> {
      arity("truncate", a, 2);
      String s = str(a.get(0));
      int n = (int) num(a.get(1));
      return s.codePointCount(0, s.length()) > n ? s.substring(0, s.offsetByCodePoints(0, n)) : s;
    });
    return m;
  }

  /**
   * The docker CLI's {@code HeaderFunctions}, used to render a table's header row from the same
   * template: each function returns its first argument.
   */
  public static Map<String, Template.Func> header() {
    Map<String, Template.Func> m = new HashMap<>();
    for (String f : List.of("json", "split", "join", "title", "lower", "upper", "pad", "truncate")) {
      m.put(f, a -> a.isEmpty() ? "" : a.get(0));
    }
    return m;
  }

  static Template.Func builtin(String name) {
    return switch (name) {
      case "not" -> a -> !GoValues.isTrue(one("not", a));
      case "len" -> a -> len(one("len", a));
      case "index" -> Funcs::index;
      case "slice" -> Funcs::slice;
      case "print" -> a -> sprint(a);
      case "println" -> a -> sprintln(a);
      case "printf" -> a -> {
        if (a.isEmpty()) {
          throw new TemplateException("wrong number of args for printf: want at least 1 got 0", false);
        }
        return GoFormat.sprintf(str(a.get(0)), a.subList(1, a.size()));
      };
      case "eq" -> a -> {
        if (a.size() < 2) {
          throw new TemplateException("missing argument for comparison", false);
        }
        for (int i = 1; i < a.size(); i++) {
          if (equal(a.get(0), a.get(i))) {
            return true;
          }
        }
        return false;
      };
      case "ne" -> a -> {
        arity("ne", a, 2);
        return !equal(a.get(0), a.get(1));
      };
      case "lt" -> a -> compare("lt", a) < 0;
      case "le" -> a -> compare("le", a) <= 0;
      case "gt" -> a -> compare("gt", a) > 0;
      case "ge" -> a -> compare("ge", a) >= 0;
      case "html" -> a -> sprint(a).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&#34;").replace("'", "&#39;");
      case "js" -> a -> sprint(a).replace("\\", "\\\\").replace("'", "\\'").replace("\"", "\\\"")
          .replace("<", "\\u003C").replace(">", "\\u003E");
      case "urlquery" -> a -> URLEncoder.encode(sprint(a), StandardCharsets.UTF_8);
      default -> null;
    };
  }

  // ------------------------------------------------------------------ helpers

  private static Object one(String name, List<Object> a) throws TemplateException {
    arity(name, a, 1);
    return a.get(0);
  }

  private static void arity(String name, List<Object> a, int n) throws TemplateException {
    if (a.size() != n) {
      throw new TemplateException("wrong number of args for " + name + ": want " + n + " got " + a.size(), false);
    }
  }

  static String str(Object o) throws TemplateException {
    if (o instanceof String s) {
      return s;
    }
    throw new TemplateException("wrong type for value; expected string; got " + GoValues.typeName(o), false);
  }

  static long num(Object o) throws TemplateException {
    Long l = GoValues.asLong(o);
    if (l == null) {
      throw new TemplateException("wrong type for value; expected int; got " + GoValues.typeName(o), false);
    }
    return l;
  }

  static List<Object> split(String s, String sep) {
    List<Object> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return out;
    }
    int i = 0;
    while (true) {
      int j = s.indexOf(sep, i);
      if (j < 0) {
        out.add(s.substring(i));
        return out;
      }
      out.add(s.substring(i, j));
      i = j + sep.length();
    }
  }

  static String join(Object list, String sep) throws TemplateException {
    if (list instanceof GoValues.Nil) {
      return "";
    }
    if (!(list instanceof List<?> l)) {
      throw new TemplateException("wrong type for value; expected []string; got " + GoValues.typeName(list), false);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      Object e = l.get(i);
      if (!(e instanceof String)) {
        throw new TemplateException("wrong type for value; expected []string; got []interface {}", false);
      }
      sb.append((String) e);
    }
    return sb.toString();
  }

  /** strings.Title: upper-cases the first letter of each word. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevLetter = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean isSep = !(Character.isLetterOrDigit(cp) || cp == '_') && !(cp > 127 && !Character.isWhitespace(cp));
      sb.appendCodePoint(prevLetter ? cp : Character.toTitleCase(cp));
      prevLetter = !isSep;
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  static long len(Object o) throws TemplateException {
    if (o instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (o instanceof List<?> l) {
      return l.size();
    }
    if (o instanceof GoValues.GoMap m) {
      return m.entries().size();
    }
    if (o instanceof GoValues.Struct s) {
      throw new TemplateException("len of type struct", false);
    }
    if (o instanceof Map<?, ?> m) {
      return m.size();
    }
    if (o instanceof GoValues.Nil) {
      return 0;
    }
    throw new TemplateException("len of type " + GoValues.typeName(o), false);
  }

  private static Object index(List<Object> a) throws TemplateException {
    if (a.isEmpty()) {
      throw new TemplateException("wrong number of args for index: want at least 1 got 0", false);
    }
    Object v = a.get(0);
    for (int i = 1; i < a.size(); i++) {
      Object k = a.get(i);
      if (v instanceof List<?> l) {
        Long n = GoValues.asLong(k);
        if (n == null) {
          throw new TemplateException("cannot index slice/array with type " + GoValues.typeName(k), false);
        }
        if (n < 0 || n >= l.size()) {
          throw new TemplateException("index out of range: " + n, false);
        }
        v = l.get(n.intValue());
      } else if (v instanceof GoValues.GoMap m) {
        Object r = m.entries().get(String.valueOf(k));
        v = r == null && !m.entries().containsKey(String.valueOf(k)) ? "" : r;
      } else if (v instanceof GoValues.Struct s) {
        Object r = s.get(String.valueOf(k));
        v = r == GoValues.ABSENT ? "" : r;
      } else if (v instanceof Map<?, ?> m) {
        Object r = m.get(String.valueOf(k));
        v = r == null ? "" : r;
      } else if (v instanceof GoValues.Nil n) {
        if (n.kind() == GoValues.NilKind.MAP) {
          v = "";
        } else {
          throw new TemplateException("index of untyped nil", false);
        }
      } else if (v instanceof String s) {
        Long n = GoValues.asLong(k);
        if (n == null || n < 0 || n >= s.length()) {
          throw new TemplateException("index out of range: " + k, false);
        }
        v = (long) s.getBytes(StandardCharsets.UTF_8)[n.intValue()];
      } else {
        throw new TemplateException("can't index item of type " + GoValues.typeName(v), false);
      }
    }
    return v;
  }

  private static Object slice(List<Object> a) throws TemplateException {
    if (a.isEmpty()) {
      throw new TemplateException("wrong number of args for slice: want at least 1 got 0", false);
    }
    Object v = a.get(0);
    int from = a.size() > 1 ? (int) num(a.get(1)) : 0;
    if (v instanceof String s) {
      int to = a.size() > 2 ? (int) num(a.get(2)) : s.length();
      return s.substring(from, to);
    }
    if (v instanceof List<?> l) {
      int to = a.size() > 2 ? (int) num(a.get(2)) : l.size();
      return new ArrayList<Object>(l.subList(from, to));
    }
    throw new TemplateException("can't slice item of type " + GoValues.typeName(v), false);
  }

  /** fmt.Sprint: spaces between operands when neither side is a string. */
  static String sprint(List<Object> a) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      if (i > 0 && !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String)) {
        sb.append(' ');
      }
      GoValues.print(sb, a.get(i), true);
    }
    return sb.toString();
  }

  static String sprintln(List<Object> a) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      GoValues.print(sb, a.get(i), true);
    }
    return sb.append('\n').toString();
  }

  static boolean equal(Object x, Object y) throws TemplateException {
    if (x instanceof Number && y instanceof Number) {
      return toBig(x).compareTo(toBig(y)) == 0;
    }
    if (x instanceof GoValues.Nil || y instanceof GoValues.Nil) {
      return (x == null || x instanceof GoValues.Nil) && (y == null || y instanceof GoValues.Nil);
    }
    if (x != null && y != null && basic(x) && basic(y) && x.getClass() != y.getClass()) {
      throw new TemplateException("incompatible types for comparison", false);
    }
    return Objects.equals(x, y);
  }

  private static boolean basic(Object o) {
    return o instanceof String || o instanceof Boolean || o instanceof Number;
  }

  private static int compare(String name, List<Object> a) throws TemplateException {
    arity(name, a, 2);
    Object x = a.get(0);
    Object y = a.get(1);
    if (x instanceof Number && y instanceof Number) {
      return toBig(x).compareTo(toBig(y));
    }
    if (x instanceof String s && y instanceof String t) {
      return s.compareTo(t);
    }
    throw new TemplateException("incompatible types for comparison", false);
  }

  private static BigDecimal toBig(Object n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof Double d) {
      return new BigDecimal(d);
    }
    if (n instanceof java.math.BigInteger b) {
      return new BigDecimal(b);
    }
    return BigDecimal.valueOf(((Number) n).longValue());
  }
}
