package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * The docker CLI's formatter.Context: renders rows with a {@code --format} value. A format
 * starting with {@code table} gets a header row (the same template run over the column names)
 * and aligned columns; {@code json} is {@code {{json .}}}; literal {@code \t} and {@code \n} in
 * the format become tab and newline. Each row ends with a newline.
 */
public final class Formatter {

  public static final String TABLE = "table";
  public static final String JSON = "json";
  public static final String JSON_FORMAT = "{{json .}}";

  private Formatter() {}

  public static boolean isTable(String format) {
    return format.startsWith(TABLE);
  }

  /** The template text docker would execute for {@code format} (prefix stripped, escapes replaced). */
  public static String templateText(String format) {
    String f = format.equals(JSON) ? JSON_FORMAT : format;
    if (isTable(f)) {
      f = f.substring(TABLE.length());
    }
    f = f.strip();
    return f.replace("\\t", "\t").replace("\\n", "\n");
  }

  /**
   * Renders {@code rows}; {@code headers} maps field names to column titles.
   *
   * @throws TemplateException if the format does not parse or a row fails
   */
  public static String render(String format, Map<String, String> headers, List<?> rows) throws TemplateException {
    Template t = Template.parse(templateText(format));
    return render(format, t, headers, rows);
  }

  public static String render(String format, Template t, Map<String, String> headers, List<?> rows)
      throws TemplateException {
    Map<String, Template.Func> funcs = Funcs.docker();
    StringBuilder body = new StringBuilder();
    for (Object row : rows) {
      t.execute(row, funcs, body);
      body.append('\n');
    }
    if (!isTable(format)) {
      return body.toString();
    }
    StringBuilder head = new StringBuilder();
    try {
      t.execute(new HeaderContext(headers), Funcs.header(), head);
    } catch (TemplateException ignored) {
      // docker keeps what the header template printed before failing
    }
    head.append('\n');
    TabWriter w = TabWriter.docker();
    w.write(head.toString());
    w.write(body.toString());
    return w.flush();
  }

  /** The header row's data: field names map to titles; {@code .Label "k"} is the key. */
  public record HeaderContext(Map<String, String> headers) implements TemplateObject {
    @Override
    public Object field(String name, List<Object> args) throws TemplateException {
      if (name.equals("Label") && args.size() == 1) {
        return String.valueOf(args.get(0));
      }
      String h = headers.get(name);
      if (h == null) {
        throw new TemplateException("map has no entry for key \"" + name + "\"", false);
      }
      if (!args.isEmpty()) {
        throw new TemplateException(name + " is not a method but has arguments", false);
      }
      return h;
    }

    @Override
    public Map<String, Object> jsonFields() {
      return new java.util.TreeMap<>(headers);
    }

    @Override
    public String typeName() {
      return "formatter.SubHeaderContext";
    }
  }

  /** Docker's TruncateID: drops an algorithm prefix and keeps 12 characters. */
  public static String truncateId(String id) {
    if (id == null) {
      return "";
    }
    int colon = id.indexOf(':');
    if (colon >= 0) {
      id = id.substring(colon + 1);
    }
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** Docker's Ellipsis: at most {@code max} display cells, ending in "…" when cut. */
  public static String ellipsis(String s, int max) {
    if (max <= 0) {
      return "";
    }
    int[] cps = s.codePoints().toArray();
    int width = 0;
    for (int cp : cps) {
      width += cellWidth(cp);
    }
    if (width <= max) {
      return s;
    }
    if (max == 1) {
      return new String(cps, 0, 1);
    }
    StringBuilder sb = new StringBuilder();
    int w = 0;
    for (int cp : cps) {
      int cw = cellWidth(cp);
      if (w + cw > max - 1) {
        break;
      }
      sb.appendCodePoint(cp);
      w += cw;
    }
    return sb.append('…').toString();
  }

  private static int cellWidth(int cp) {
    // East Asian wide and fullwidth ranges take two cells.
    if (cp >= 0x1100 && (cp <= 0x115f || cp == 0x2329 || cp == 0x232a
        || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff)
        || (cp >= 0x20000 && cp <= 0x3fffd))) {
      return 2;
    }
    return 1;
  }
}
