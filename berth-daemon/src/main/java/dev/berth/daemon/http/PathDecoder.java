package dev.berth.daemon.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decodes a request path as UTF-8; unlike a query, '+' stays '+'. */
final class PathDecoder {

  private PathDecoder() {}

  static String decode(String raw) {
    int first = raw.indexOf('%');
    if (first < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] prefix = raw.substring(0, first).getBytes(StandardCharsets.UTF_8);
    out.write(prefix, 0, prefix.length);
    int i = first;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new IllegalArgumentException("truncated escape at the end of " + raw);
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("invalid escape " + raw.substring(i, i + 3));
        }
        out.write(hi << 4 | lo);
        i += 3;
      } else {
        int end = raw.indexOf('%', i);
        if (end < 0) {
          end = raw.length();
        }
        byte[] b = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i = end;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
