package dev.berth.cli.format;


/** Docker's go-units: sizes ({@code 4.26MB}) and durations ({@code 2 minutes}). */
public final class Units {

  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

  private Units() {}

  /** {@code units.HumanSizeWithPrecision}: decimal units, {@code precision} significant digits. */
  public static String humanSizeWithPrecision(double size, int precision) {
    int i = 0;
    while (size >= 1000.0 && i < DECIMAL.length - 1) {
      size /= 1000.0;
      i++;
    }
    return GoNumbers.formatFloat(size, 'g', precision) + DECIMAL[i];
  }

  /** {@code units.HumanSize}: four significant digits. */
  public static String humanSize(double size) {
    return humanSizeWithPrecision(size, 4);
  }

  /** {@code units.BytesSize}: binary units, {@code %.4g}. */
  public static String bytesSize(double size) {
    int i = 0;
    while (size >= 1024.0 && i < BINARY.length - 1) {
      size /= 1024.0;
      i++;
    }
    return GoNumbers.formatFloat(size, 'g', 4) + BINARY[i];
  }
}
