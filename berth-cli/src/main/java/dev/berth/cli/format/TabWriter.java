package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} as the docker CLI configures it for tables
 * ({@code NewWriter(out, 10, 1, 3, ' ', 0)}): tab-terminated cells are aligned in columns whose
 * width is the widest cell plus padding, at least {@code minwidth}; the last cell of a line is
 * not part of a column. A line without tabs ends a block of columns. Widths count runes.
 */
public final class TabWriter {

  private record Cell(String text, int width) {}

  private final int minwidth;
  private final int padding;
  private final char padchar;
  private final StringBuilder out = new StringBuilder();
  private final List<List<Cell>> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private StringBuilder cell = new StringBuilder();

  public TabWriter(int minwidth, int padding, char padchar) {
    this.minwidth = minwidth;
    this.padding = padding;
    this.padchar = padchar;
    lines.add(new ArrayList<>());
  }

  /** The docker CLI's table writer. */
  public static TabWriter docker() {
    return new TabWriter(10, 3, ' ');
  }

  /** Formats {@code text} in one go. */
  public static String format(String text) {
    TabWriter w = docker();
    w.write(text);
    return w.flush();
  }

  public void write(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\u000b') {
        terminateCell();
      } else if (c == '\n' || c == '\f') {
        int ncells = terminateCell();
        lines.add(new ArrayList<>());
        if (c == '\f' || ncells == 1) {
          flushLines();
        }
      } else {
        cell.append(c);
      }
    }
  }

  /** Formats what is buffered and returns all output so far. */
  public String flush() {
    if (!cell.isEmpty()) {
      terminateCell();
    }
    flushLines();
    return out.toString();
  }

  private int terminateCell() {
    List<Cell> line = lines.get(lines.size() - 1);
    String t = cell.toString();
    line.add(new Cell(t, t.codePointCount(0, t.length())));
    cell = new StringBuilder();
    return line.size();
  }

  private void flushLines() {
    // a partial cell of the last line stays buffered (Go writes it on the last line)
    formatBlock(0, lines.size());
    lines.clear();
    lines.add(new ArrayList<>());
    widths.clear();
  }

  private void formatBlock(int line0, int line1) {
    int column = widths.size();
    for (int t = line0; t < line1; t++) {
      List<Cell> line = lines.get(t);
      if (column >= line.size() - 1) {
        continue;
      }
      writeLines(line0, t);
      line0 = t;
      int width = minwidth;
      for (; t < line1; t++) {
        line = lines.get(t);
        if (column >= line.size() - 1) {
          break;
        }
        Cell c = line.get(column);
        int w = c.width() + padding;
        if (w > width) {
          width = w;
        }
      }
      widths.add(width);
      formatBlock(line0, t);
      widths.remove(widths.size() - 1);
      line0 = t;
    }
    writeLines(line0, line1);
  }

  private void writeLines(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      List<Cell> line = lines.get(i);
      for (int j = 0; j < line.size(); j++) {
        Cell c = line.get(j);
        out.append(c.text());
        if (j < widths.size()) {
          out.repeat(padchar, widths.get(j) - c.width());
        }
      }
      if (i + 1 == lines.size()) {
        out.append(cell);
        cell = new StringBuilder();
      } else {
        out.append('\n');
      }
    }
  }
}
