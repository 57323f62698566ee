package dev.berth.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code filters} query parameter: {@code {"label":{"a=b":true},"status":{"exited":true}}},
 * built from the CLI's repeatable {@code --filter key=value} flags.
 */
public final class Filters {

  private final Map<String, Map<String, Boolean>> terms = new TreeMap<>();

  public Filters add(String key, String value) {
    terms.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(value, true);
    return this;
  }

  /** Parses {@code key=value} flags (the value may contain '='). */
  public static Filters parse(Collection<String> args) {
    Filters f = new Filters();
    if (args != null) {
      for (String a : args) {
        int eq = a.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("bad format of filter (expected name=value)");
        }
        f.add(a.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), a.substring(eq + 1).strip());
      }
    }
    return f;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  public Map<String, Map<String, Boolean>> asMap() {
    return terms;
  }

  /** The JSON form, or null when empty (so no parameter is sent). */
  public String toJson() {
    if (terms.isEmpty()) {
      return null;
    }
    return Json.write(terms);
  }

  @Override
  public String toString() {
    String json = toJson();
    return json == null ? "{}" : json;
  }
}
