package dev.berth.runtime;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A process to run inside a running container ({@code docker exec}): its own command, environment,
 * working directory and user; the container's namespaces, cgroup and capabilities. {@code consoleSize},
 * for a TTY, is the terminal's size from the start (null: the runtime's default); a {@code privileged}
 * exec gets every capability.
 */
public record ExecSpec(String execId, List<String> args, List<String> env, String cwd, ProcessUser user,
    boolean tty, TerminalSize consoleSize, boolean privileged) {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  public ExecSpec {
    if (execId == null || !ID.matcher(execId).matches()) {
      throw new IllegalArgumentException("invalid exec id \"" + execId + "\"");
    }
    if (args == null || args.isEmpty()) {
      throw new IllegalArgumentException("exec " + execId + ": no command");
    }
    args = List.copyOf(args);
    env = List.copyOf(env);
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(user, "user");
  }
}
