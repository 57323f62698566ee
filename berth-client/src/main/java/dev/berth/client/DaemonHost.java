package dev.berth.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon listens, as given by {@code -H}, {@code BERTH_HOST} or {@code DOCKER_HOST}:
 * {@code unix:///run/berth/berth.sock}. Only unix sockets are supported for now; TCP needs mutual
 * TLS (see DESIGN.md) and comes with the TLS transport.
 */
public record DaemonHost(String uri, Path socket) {

  public static final String DEFAULT = "unix:///run/berth/berth.sock";

  /** Parses {@code unix:///path} (or {@code unix://path}); anything else is refused. */
  public static DaemonHost parse(String host) {
    if (host == null || host.isBlank()) {
      return parse(DEFAULT);
    }
    String h = host.strip();
    if (h.startsWith("unix://")) {
      String path = h.substring("unix://".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("invalid host: " + host + ": missing socket path");
      }
      return new DaemonHost(h, Path.of(path));
    }
    if (h.startsWith("tcp://") || h.startsWith("ssh://") || h.startsWith("npipe://") || h.startsWith("fd://")) {
      throw new IllegalArgumentException(
          "unsupported host: " + host + " (berth talks to unix:// sockets only for now)");
    }
    throw new IllegalArgumentException("invalid host: " + host + " (expected unix:///path/to/socket)");
  }

  /** BERTH_HOST, else DOCKER_HOST, else {@value #DEFAULT}. */
  public static String fromEnvironment(Map<String, String> env) {
    String h = env.get("BERTH_HOST");
    if (h == null || h.isBlank()) {
      h = env.get("DOCKER_HOST");
    }
    return h == null || h.isBlank() ? DEFAULT : h;
  }
}
