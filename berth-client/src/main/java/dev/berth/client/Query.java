package dev.berth.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds a request target: a path with percent-encoded segments and query parameters. */
final class Query {

  private final StringBuilder sb;
  private boolean first = true;

  private Query(String path) {
    this.sb = new StringBuilder(path);
  }

  static Query path(String path) {
    return new Query(path);
  }

  /** Encodes one path segment (an ID or a name such as {@code busybox:latest} or {@code a/b}). */
  static String segment(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@' || c == '/'
          || c == '+' || c == '=') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  Query param(String name, String value) {
    if (value == null) {
      return this;
    }
    sb.append(first ? '?' : '&').append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    first = false;
    return this;
  }

  /** Adds {@code name=1} when {@code flag} is set, as the docker client does. */
  Query flag(String name, boolean flag) {
    return flag ? param(name, "1") : this;
  }

  /** Adds the parameter unless the value is null or empty. */
  Query nonEmpty(String name, String value) {
    return value == null || value.isEmpty() ? this : param(name, value);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
