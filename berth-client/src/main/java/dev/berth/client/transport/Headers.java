package dev.berth.client.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Response headers: ordered, multi-valued, looked up ignoring case. */
final class Headers {

  private final List<String> names = new ArrayList<>(12);
  private final List<String> values = new ArrayList<>(12);

  void add(String name, String value) {
    names.add(name);
    values.add(value);
  }

  String first(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return values.get(i);
      }
    }
    return null;
  }

  List<String> all(String name) {
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  /** True when a comma-separated header holds {@code token} (ignoring case). */
  boolean hasToken(String name, String token) {
    for (String v : all(name)) {
      for (String part : v.split(",")) {
        if (part.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  Map<String, List<String>> asMap() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.computeIfAbsent(names.get(i), k -> new ArrayList<>(1)).add(values.get(i));
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(m);
  }
}
