package dev.berth.engine;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} of a list or prune request, checked once against the keys that endpoint
 * understands. Docker answers an unknown key with {@code invalid filter 'key'}.
 */
public record Filters(Map<String, List<String>> values) {

  public static Filters of(Map<String, List<String>> values, Set<String> acceptedKeys) {
    for (String key : values.keySet()) {
      if (!acceptedKeys.contains(key)) {
        throw new InvalidArgumentException("invalid filter '" + key + "'");
      }
    }
    return new Filters(Map.copyOf(values));
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  public boolean has(String key) {
    return !get(key).isEmpty();
  }

  /** Docker's label filter: every {@code key} or {@code key=value} term must match. */
  public boolean matchesLabels(Map<String, String> labels) {
    for (String term : get("label")) {
      int eq = term.indexOf('=');
      String key = eq < 0 ? term : term.substring(0, eq);
      String value = labels == null ? null : labels.get(key);
      if (value == null || (eq >= 0 && !value.equals(term.substring(eq + 1)))) {
        return false;
      }
    }
    return true;
  }
}
