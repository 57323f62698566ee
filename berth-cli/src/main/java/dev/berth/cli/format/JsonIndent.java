package dev.berth.cli.format;

/**
 * Go's {@code json.Indent}: re-indents JSON text without re-encoding it, so strings and numbers
 * stay exactly as the daemon wrote them. Empty objects and arrays stay {@code {}} and {@code []}.
 */
public final class JsonIndent {

  private JsonIndent() {}

  public static String indent(String json, String prefix, String indent) {
    StringBuilder out = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean needIndent = false;
    int n = json.length();
    for (int i = 0; i < n; i++) {
      char c = json.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (needIndent && c != ']' && c != '}') {
        needIndent = false;
        depth++;
        newline(out, prefix, indent, depth);
      }
      switch (c) {
        case '"' -> {
          int j = i + 1;
          while (j < n) {
            char d = json.charAt(j);
            if (d == '\\') {
              j += 2;
              continue;
            }
            if (d == '"') {
              break;
            }
            j++;
          }
          out.append(json, i, Math.min(j + 1, n));
          i = j;
        }
        case '{', '[' -> {
          out.append(c);
          needIndent = true;
        }
        case ',' -> {
          out.append(c);
          newline(out, prefix, indent, depth);
        }
        case ':' -> out.append(": ");
        case '}', ']' -> {
          if (needIndent) {
            needIndent = false; // empty: stays {} or []
          } else {
            depth--;
            newline(out, prefix, indent, depth);
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, String prefix, String indent, int depth) {
    out.append('\n').append(prefix);
    for (int k = 0; k < depth; k++) {
      out.append(indent);
    }
  }
}
