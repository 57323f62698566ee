package dev.berth.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for interactive tests: a tmux session on a private server, running one command
 * line. Tests type into it and read its screen, as a user at a terminal would. When the command
 * ends, the session prints {@code [exit N]} and stays, so the exit code can be read off the screen.
 */
final class TmuxTerminal implements AutoCloseable {

  private final String server;

  private TmuxTerminal(String server) {
    this.server = server;
  }

  static TmuxTerminal start(String name, int columns, int rows, List<String> command) throws Exception {
    TmuxTerminal terminal = new TmuxTerminal("berth-it-" + name + "-" + ProcessHandle.current().pid());
    StringBuilder line = new StringBuilder();
    for (String arg : command) {
      line.append('\'').append(arg.replace("'", "'\\''")).append("' ");
    }
    line.append("; echo \"[exit $?]\"; sleep 600");
    terminal.tmux("new-session", "-d", "-x", Integer.toString(columns), "-y", Integer.toString(rows),
        "sh", "-c", line.toString());
    return terminal;
  }

  /** Types {@code text} and Enter. */
  void typeLine(String text) throws Exception {
    tmux("send-keys", "-t", "0", "-l", text);
    tmux("send-keys", "-t", "0", "Enter");
  }

  /** Presses keys by tmux's names ("C-p", "C-q", "Enter"). */
  void press(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  void resize(int columns, int rows) throws Exception {
    tmux("resize-window", "-t", "0", "-x", Integer.toString(columns), "-y", Integer.toString(rows));
  }

  String screen() throws Exception {
    return tmux("capture-pane", "-p", "-t", "0");
  }

  /** Waits until the screen satisfies {@code wanted}; fails with the screen after {@code timeout}. */
  String awaitScreen(Predicate<String> wanted, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String screen = screen();
    while (!wanted.test(screen)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the terminal never showed what was expected; it shows:\n" + screen);
      }
      Thread.sleep(100);
      screen = screen();
    }
    return screen;
  }

  /** Waits for the command to end and returns its exit code. */
  int awaitExit(Duration timeout) throws Exception {
    String screen = awaitScreen(s -> s.contains("[exit "), timeout);
    String tail = screen.substring(screen.lastIndexOf("[exit ") + 6);
    return Integer.parseInt(tail.substring(0, tail.indexOf(']')));
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() throws Exception {
    tmux("kill-server");
  }
}
