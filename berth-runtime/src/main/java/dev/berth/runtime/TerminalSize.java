package dev.berth.runtime;

/** A terminal's size in rows and columns. */
public record TerminalSize(int height, int width) {

  public TerminalSize {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("a terminal needs rows and columns: " + height + "x" + width);
    }
  }
}
