package dev.berth.cli.format;

import java.util.List;

/** Go's {@code fmt.Sprintf} for the verbs templates use: %v %s %d %q %t %f %e %g %x %X %o %c %%. */
public final class GoFormat {

  private GoFormat() {}

  public static String sprintf(String format, List<Object> args) {
    StringBuilder sb = new StringBuilder();
    int argi = 0;
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      i++;
      if (i >= n) {
        sb.append("%!(NOVERB)");
        break;
      }
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      boolean space = false;
      boolean sharp = false;
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          minus = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == ' ') {
          space = true;
        } else if (f == '#') {
          sharp = true;
        } else {
          break;
        }
      }
      int width = -1;
      int start = i;
      while (i < n && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > start) {
        width = Integer.parseInt(format.substring(start, i));
      }
      int prec = -1;
      if (i < n && format.charAt(i) == '.') {
        i++;
        start = i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
      }
      if (i >= n) {
        sb.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (argi >= args.size()) {
        sb.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object a = args.get(argi++);
      String s = formatOne(verb, a, prec, plus, space, sharp);
      if (width > s.length()) {
        String pad = (zero && !minus && verb != 's' && verb != 'v' && verb != 'q' ? "0" : " ")
            .repeat(width - s.length());
        if (minus) {
          s = s + pad;
        } else if (pad.startsWith("0") && (s.startsWith("-") || s.startsWith("+"))) {
          s = s.charAt(0) + pad + s.substring(1);
        } else {
          s = pad + s;
        }
      }
      sb.append(s);
    }
    if (argi < args.size()) {
      sb.append("%!(EXTRA ");
      for (int k = argi; k < args.size(); k++) {
        if (k > argi) {
          sb.append(", ");
        }
        sb.append(GoValues.typeName(args.get(k))).append('=').append(GoValues.print(args.get(k)));
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static String formatOne(char verb, Object a, int prec, boolean plus, boolean space, boolean sharp) {
    Long l = GoValues.asLong(a);
    switch (verb) {
      case 'v', 's' -> {
        String s = a instanceof Double d && verb == 'v' && prec >= 0
            ? GoNumbers.formatFloat(d, 'g', prec) : GoValues.print(a);
        if (verb == 's' && !(a instanceof String) && !(a instanceof List<?>) && !(a instanceof GoValues.Struct)
            && !(a instanceof GoValues.GoMap) && !(a instanceof GoValues.Nil) && a != null) {
          if (a instanceof Boolean || a instanceof Number) {
            return "%!s(" + GoValues.typeName(a) + "=" + GoValues.print(a) + ")";
          }
        }
        if (prec >= 0 && verb == 's' && s.codePointCount(0, s.length()) > prec) {
          s = s.substring(0, s.offsetByCodePoints(0, prec));
        }
        return s;
      }
      case 'd' -> {
        if (l == null) {
          return bad(verb, a);
        }
        String s = Long.toString(l);
        return plus && l >= 0 ? "+" + s : space && l >= 0 ? " " + s : s;
      }
      case 'q' -> {
        if (a instanceof String s) {
          return quote(s);
        }
        if (l != null) {
          return "'" + new String(Character.toChars(l.intValue())) + "'";
        }
        return bad(verb, a);
      }
      case 't' -> {
        return a instanceof Boolean ? a.toString() : bad(verb, a);
      }
      case 'f', 'F', 'e', 'E', 'g', 'G' -> {
        double d;
        if (a instanceof Number num) {
          d = num.doubleValue();
        } else {
          return bad(verb, a);
        }
        if (l != null && !(a instanceof Double)) {
          return bad(verb, a);
        }
        char f = Character.toLowerCase(verb);
        int p = prec < 0 ? (f == 'g' ? -1 : 6) : prec;
        String s = GoNumbers.formatFloat(d, f, p);
        if (Character.isUpperCase(verb)) {
          s = s.toUpperCase(java.util.Locale.ROOT);
        }
        return plus && d >= 0 ? "+" + s : s;
      }
      case 'x', 'X' -> {
        String s;
        if (l != null) {
          s = l < 0 ? "-" + Long.toHexString(-l) : Long.toHexString(l);
        } else if (a instanceof String str) {
          StringBuilder h = new StringBuilder();
          for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h.append(String.format("%02x", b & 0xff));
          }
          s = h.toString();
        } else {
          return bad(verb, a);
        }
        if (sharp) {
          s = "0x" + s;
        }
        return verb == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
      }
      case 'o' -> {
        return l == null ? bad(verb, a) : Long.toOctalString(l);
      }
      case 'b' -> {
        return l == null ? bad(verb, a) : Long.toBinaryString(l);
      }
      case 'c' -> {
        return l == null ? bad(verb, a) : new String(Character.toChars(l.intValue()));
      }
      case 'T' -> {
        return GoValues.typeName(a);
      }
      default -> {
        return bad(verb, a);
      }
    }
  }

  private static String bad(char verb, Object a) {
    return "%!" + verb + "(" + GoValues.typeName(a) + "=" + GoValues.print(a) + ")";
  }

  /** Go's {@code strconv.Quote}. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 7 -> sb.append("\\a");
        case 8 -> sb.append("\\b");
        case 12 -> sb.append("\\f");
        case 11 -> sb.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else if (!isPrint(cp)) {
            sb.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean isPrint(int cp) {
    int t = Character.getType(cp);
    return cp >= 0x20 && cp != 0x7f && t != Character.CONTROL && t != Character.UNASSIGNED
        && t != Character.FORMAT && t != Character.PRIVATE_USE && t != Character.SURROGATE
        && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
        && (t != Character.SPACE_SEPARATOR || cp == ' ');
  }
}
