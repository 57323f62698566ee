package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a container gets one kind of namespace (ipc, pid, uts): a new one of its own, the host's, or
 * another container's, joined through that container's init process ({@code /proc/<pid>/ns/<kind>}).
 */
public record NamespaceMode(Kind kind, Path path) {

  public enum Kind {
    PRIVATE,
    HOST,
    JOIN
  }

  public static final NamespaceMode PRIVATE = new NamespaceMode(Kind.PRIVATE, null);
  public static final NamespaceMode HOST = new NamespaceMode(Kind.HOST, null);

  public NamespaceMode {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.JOIN) != (path != null)) {
      throw new InvalidArgumentException("a namespace path goes with joining, and only with it: " + kind);
    }
  }

  /** The namespace of kind {@code type} ("ipc", "pid", "uts") that process {@code pid} is in. */
  public static NamespaceMode joinProcess(int pid, String type) {
    return new NamespaceMode(Kind.JOIN, Path.of("/proc", Integer.toString(pid), "ns", type));
  }
}
