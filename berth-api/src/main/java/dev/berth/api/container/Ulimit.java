package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/** One {@code --ulimit}: a process resource limit by its short name ("nofile"); -1 is unlimited. */
public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Hard") long hard,
    @JsonProperty("Soft") long soft) {

  /** The names Docker accepts, each an {@code RLIMIT_} constant in lower case without the prefix. */
  public static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
      "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
}
