package dev.berth.daemon.http;

import java.util.Objects;

/**
 * An Engine API version as it appears in a request path ({@code /v1.47/...}). Versions compare the
 * way Docker's {@code api/types/versions} does: dot-separated numbers, compared field by field, a
 * missing field counting as zero.
 */
public record ApiVersion(String value) implements Comparable<ApiVersion> {

  /** The version berthd speaks and advertises in {@code Api-Version}; the one place it is set. */
  public static final ApiVersion CURRENT = new ApiVersion("1.47");

  /** The oldest version berthd accepts. */
  public static final ApiVersion MINIMUM = new ApiVersion("1.24");

  public ApiVersion {
    Objects.requireNonNull(value, "value");
  }

  public static ApiVersion of(String value) {
    if (CURRENT.value.equals(value)) {
      return CURRENT;
    }
    return new ApiVersion(value);
  }

  @Override
  public int compareTo(ApiVersion other) {
    return compare(value, other.value);
  }

  /** True when this version is {@code other} or newer ({@code versions.GreaterThanOrEqualTo}). */
  public boolean isAtLeast(String other) {
    return compare(value, other) >= 0;
  }

  /** True when this version is older than {@code other} ({@code versions.LessThan}). */
  public boolean isBefore(String other) {
    return compare(value, other) < 0;
  }

  @Override
  public String toString() {
    return value;
  }

  static int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      long x = 0;
      while (i < a.length() && a.charAt(i) != '.') {
        x = digitAppend(x, a.charAt(i++));
      }
      long y = 0;
      while (j < b.length() && b.charAt(j) != '.') {
        y = digitAppend(y, b.charAt(j++));
      }
      if (x != y) {
        return x < y ? -1 : 1;
      }
      i++;
      j++;
    }
    return 0;
  }

  private static long digitAppend(long acc, char c) {
    // Docker's strconv.Atoi failure counts as 0; only digits reach here from the path matcher.
    if (c < '0' || c > '9' || acc > Integer.MAX_VALUE) {
      return acc;
    }
    return acc * 10 + (c - '0');
  }
}
