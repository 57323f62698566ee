package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's float formatting ({@code strconv.FormatFloat}), which Java's differs from in the details. */
public final class GoNumbers {

  private GoNumbers() {}

  /** Decimal digits of |v| (no trailing zeros) with the decimal point after {@code dp} digits. */
  private record Digits(String d, int dp) {
    int nd() {
      return d.length();
    }

    char at(int i) {
      return i >= 0 && i < d.length() ? d.charAt(i) : '0';
    }
  }

  private static Digits digits(BigDecimal abs) {
    if (abs.signum() == 0) {
      return new Digits("", 0);
    }
    BigDecimal s = abs.stripTrailingZeros();
    String u = s.unscaledValue().toString();
    return new Digits(u, u.length() - s.scale());
  }

  /**
   * {@code strconv.FormatFloat(v, fmt, prec, 64)} for fmt 'e', 'f', 'g'; prec -1 means the
   * shortest representation that reads back as {@code v}.
   */
  public static String formatFloat(double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    double a = Math.abs(v);
    boolean shortest = prec < 0;
    Digits d;
    if (shortest) {
      d = a == 0 ? new Digits("", 0) : digits(new BigDecimal(Double.toString(a)));
      switch (fmt) {
        case 'e' -> prec = Math.max(d.nd() - 1, 0);
        case 'f' -> prec = Math.max(d.nd() - d.dp(), 0);
        default -> prec = d.nd();
      }
    } else {
      BigDecimal exact = new BigDecimal(a);
      switch (fmt) {
        case 'e' -> d = round(exact, prec + 1);
        case 'f' -> d = digits(exact.setScale(prec, RoundingMode.HALF_EVEN));
        default -> d = round(exact, prec == 0 ? 1 : prec);
      }
      if (fmt == 'g' && prec == 0) {
        prec = 1;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    switch (fmt) {
      case 'e' -> fmtE(sb, d, prec);
      case 'f' -> fmtF(sb, d, prec);
      default -> {
        int eprec = prec;
        if (eprec > d.nd() && d.nd() >= d.dp()) {
          eprec = d.nd();
        }
        if (shortest) {
          eprec = 6;
        }
        int exp = d.dp() - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > d.nd()) {
            prec = d.nd();
          }
          fmtE(sb, d, prec - 1);
        } else {
          if (prec > d.dp()) {
            prec = d.nd();
          }
          fmtF(sb, d, Math.max(prec - d.dp(), 0));
        }
      }
    }
    return sb.toString();
  }

  private static Digits round(BigDecimal exact, int sig) {
    if (exact.signum() == 0) {
      return new Digits("", 0);
    }
    return digits(exact.round(new MathContext(sig, RoundingMode.HALF_EVEN)));
  }

  private static void fmtE(StringBuilder sb, Digits d, int prec) {
    sb.append(d.nd() == 0 ? '0' : d.at(0));
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        sb.append(d.at(i));
      }
    }
    sb.append('e');
    int exp = d.nd() == 0 ? 0 : d.dp() - 1;
    sb.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
  }

  private static void fmtF(StringBuilder sb, Digits d, int prec) {
    if (d.dp() > 0) {
      for (int i = 0; i < d.dp(); i++) {
        sb.append(d.at(i));
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 0; i < prec; i++) {
        sb.append(d.at(d.dp() + i));
      }
    }
  }

  /** How encoding/json writes a float64. */
  public static String jsonFloat(double f) {
    double abs = Math.abs(f);
    char fmt = 'f';
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      fmt = 'e';
    }
    String s = formatFloat(f, fmt, -1);
    if (fmt == 'e') {
      int n = s.length();
      if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
        s = s.substring(0, n - 2) + s.charAt(n - 1);
      }
    }
    return s;
  }
}
