package dev.berth.image;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.api.ApiJson;
import dev.berth.api.container.ContainerConfig;
import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Dockerfile instructions {@code import --change} and {@code commit --change} accept, applied to an
 * image's container config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL.
 */
public final class ConfigChanges {

  private ConfigChanges() {}

  public static ContainerConfig apply(ContainerConfig base, List<String> changes) {
    ContainerConfig config = base;
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      String rest = space < 0 ? "" : line.substring(space + 1).strip();
      config = switch (instruction) {
        case "CMD" -> config.withProcess(config.env(), commandLine(rest), config.entrypoint(), config.workingDir(),
            config.user());
        case "ENTRYPOINT" -> config.withProcess(config.env(), config.cmd(), commandLine(rest), config.workingDir(),
            config.user());
        case "ENV" -> config.withProcess(mergeEnv(config.env(), keyValues(rest, instruction)), config.cmd(),
            config.entrypoint(), config.workingDir(), config.user());
        case "WORKDIR" -> config.withProcess(config.env(), config.cmd(), config.entrypoint(), unquote(rest),
            config.user());
        case "USER" -> config.withProcess(config.env(), config.cmd(), config.entrypoint(), config.workingDir(),
            unquote(rest));
        case "EXPOSE" -> withDefaults(config, addKeys(config.exposedPorts(), ports(rest)), config.volumes(),
            config.labels(), config.stopSignal(), config.onBuild());
        case "VOLUME" -> withDefaults(config, config.exposedPorts(), addKeys(config.volumes(), words(rest)),
            config.labels(), config.stopSignal(), config.onBuild());
        case "LABEL" -> withDefaults(config, config.exposedPorts(), config.volumes(),
            mergeLabels(config.labels(), keyValues(rest, instruction)), config.stopSignal(), config.onBuild());
        case "STOPSIGNAL" -> withDefaults(config, config.exposedPorts(), config.volumes(), config.labels(),
            unquote(rest), config.onBuild());
        case "ONBUILD" -> withDefaults(config, config.exposedPorts(), config.volumes(), config.labels(),
            config.stopSignal(), append(config.onBuild(), rest));
        default -> throw new InvalidArgumentException(instruction + " is not a valid change command");
      };
    }
    return config;
  }

  private static ContainerConfig withDefaults(ContainerConfig config, Map<String, Map<String, Object>> ports,
      Map<String, Map<String, Object>> volumes, Map<String, String> labels, String stopSignal, List<String> onBuild) {
    return config.withImageDefaults(ports, volumes, labels, stopSignal, config.healthcheck(), onBuild, config.shell());
  }

  /** Exec form {@code ["a","b"]} stays as written; anything else runs through {@code /bin/sh -c}. */
  private static List<String> commandLine(String text) {
    return jsonList(text).orElseGet(() -> List.of("/bin/sh", "-c", text));
  }

  private static List<String> words(String text) {
    return jsonList(text).orElseGet(() -> List.of(text.split("\\s+")));
  }

  /** Docker treats brackets that are not a valid JSON string array as plain text. */
  private static Optional<List<String>> jsonList(String text) {
    if (!text.startsWith("[")) {
      return Optional.empty();
    }
    try {
      return Optional.of(List.copyOf(ApiJson.mapper().readValue(text, new TypeReference<List<String>>() {})));
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private static List<String> ports(String text) {
    return words(text).stream().map(port -> port.contains("/") ? port.toLowerCase(Locale.ROOT) : port + "/tcp")
        .toList();
  }

  /** {@code K=V K2="V 2"} pairs, or the legacy single {@code K V} form. */
  private static Map<String, String> keyValues(String text, String instruction) {
    Map<String, String> pairs = new LinkedHashMap<>();
    int firstSpace = text.indexOf(' ');
    int firstEq = text.indexOf('=');
    if (firstEq < 0 || (firstSpace >= 0 && firstSpace < firstEq)) {
      if (firstSpace < 0) {
        throw new InvalidArgumentException(instruction + " requires at least one argument");
      }
      pairs.put(text.substring(0, firstSpace), unquote(text.substring(firstSpace + 1).strip()));
      return pairs;
    }
    for (String token : tokens(text)) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new InvalidArgumentException(instruction + " names can not be blank: " + token);
      }
      pairs.put(token.substring(0, eq), unquote(token.substring(eq + 1)));
    }
    return pairs;
  }

  /** Splits on spaces outside double quotes. */
  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ' ' && !quoted) {
        if (!current.isEmpty()) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (!current.isEmpty()) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  private static String unquote(String text) {
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1)
        : text;
  }

  private static List<String> mergeEnv(List<String> env, Map<String, String> additions) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (env != null) {
      env.forEach(entry -> {
        int eq = entry.indexOf('=');
        merged.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      });
    }
    merged.putAll(additions);
    return merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static Map<String, String> mergeLabels(Map<String, String> labels, Map<String, String> additions) {
    Map<String, String> merged = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
    merged.putAll(additions);
    return merged;
  }

  private static Map<String, Map<String, Object>> addKeys(Map<String, Map<String, Object>> map, List<String> keys) {
    Map<String, Map<String, Object>> merged = map == null ? new TreeMap<>() : new TreeMap<>(map);
    keys.forEach(key -> merged.put(key, Map.of()));
    return merged;
  }

  private static List<String> append(List<String> list, String item) {
    List<String> appended = list == null ? new ArrayList<>() : new ArrayList<>(list);
    appended.add(item);
    return List.copyOf(appended);
  }
}
