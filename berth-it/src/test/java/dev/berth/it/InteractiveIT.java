package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.client.BerthClient;
import dev.berth.client.transport.HijackedStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interactive I/O as a user meets it: shells in a real terminal (tmux) through the docker CLI and
 * the berth CLI, detach keys, attach, exec with a TTY, resizes, stdin through pipes, and the attach
 * stream through the Java client.
 */
class InteractiveIT extends DaemonTest {

  private static final Duration SCREEN = Duration.ofSeconds(20);

  @Test
  void pipedStdinReachesTheContainerAndEndsItsInput() throws Exception {
    Docker.Result result = docker.runWithInput(input("hi\n"), "run", "-i", "--rm", "busybox", "cat");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("hi\n");
  }

  @Test
  void aTtyContainerHasAPseudoTerminal() throws Exception {
    Docker.Result result = docker.run("run", "--rm", "-t", "busybox", "tty");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).matches("/dev/pts/\\d+\r\n");
  }

  @Test
  void startAttachedFeedsStdinToACreatedContainer() throws Exception {
    docker.run("create", "-i", "--name", "start-attached", "busybox", "sh", "-c", "cat; echo done >&2");

    Docker.Result result = docker.runWithInput(input("fed\n"), "start", "-a", "-i", "start-attached");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("fed\n");
    assertThat(result.stderr()).isEqualTo("done\n");
  }

  @Test
  void aShellInATerminalTypesResizesDetachesAndIsAttachedAgain() throws Exception {
    try (TmuxTerminal terminal = TmuxTerminal.start("run-it", 100, 30,
        docker.commandLine("run", "-it", "--name", "shell", "busybox", "sh"))) {
      terminal.awaitScreen(screen -> screen.contains("/ #"), SCREEN);
      terminal.typeLine("echo sum=$((6*7)); stty size");
      terminal.awaitScreen(screen -> screen.contains("sum=42") && screen.contains("30 100"), SCREEN);

      terminal.resize(80, 24);
      terminal.typeLine("stty size");
      terminal.awaitScreen(screen -> screen.contains("24 80"), SCREEN);

      terminal.press("C-p", "C-q");
      assertThat(terminal.awaitExit(SCREEN)).isZero();
    }
    assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "shell").out()).isEqualTo("running");

    try (TmuxTerminal terminal = TmuxTerminal.start("attach", 90, 25, docker.commandLine("attach", "shell"))) {
      Thread.sleep(1000); // the attach is in place once the CLI has read the container's config
      terminal.typeLine("echo again-$((1+1))");
      terminal.awaitScreen(screen -> screen.contains("again-2"), SCREEN);
      terminal.typeLine("exit 3");
      assertThat(terminal.awaitExit(SCREEN)).isEqualTo(3);
    }
    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "shell").out())
        .isEqualTo("exited 3");
  }

  @Test
  void customDetachKeysLeaveTheContainerRunning() throws Exception {
    try (TmuxTerminal terminal = TmuxTerminal.start("detach-keys", 80, 24,
        docker.commandLine("run", "-it", "--detach-keys", "ctrl-x,x", "--name", "custom-keys", "busybox", "sh"))) {
      terminal.awaitScreen(screen -> screen.contains("/ #"), SCREEN);
      terminal.press("C-p", "C-q");
      terminal.typeLine("echo still-attached");
      terminal.awaitScreen(screen -> screen.contains("still-attached\n"), SCREEN);
      terminal.press("C-x", "x");
      assertThat(terminal.awaitExit(SCREEN)).isZero();
    }
    assertThat(docker.run("inspect", "-f", "{{.State.Running}}", "custom-keys").out()).isEqualTo("true");
  }

  @Test
  void execWithATerminalGetsItsOwnPtyOfTheWindowsSize() throws Exception {
    docker.run("run", "-d", "--name", "exec-tty", "busybox", "sleep", "600");

    try (TmuxTerminal terminal = TmuxTerminal.start("exec-it", 70, 20,
        docker.commandLine("exec", "-it", "exec-tty", "sh"))) {
      terminal.awaitScreen(screen -> screen.contains("/ #"), SCREEN);
      terminal.typeLine("tty; stty size");
      terminal.awaitScreen(screen -> screen.contains("/dev/pts/") && screen.contains("20 70"), SCREEN);
      terminal.resize(60, 15);
      terminal.typeLine("stty size");
      terminal.awaitScreen(screen -> screen.contains("15 60"), SCREEN);
      terminal.typeLine("exit 4");
      assertThat(terminal.awaitExit(SCREEN)).isEqualTo(4);
    }
    Docker.Result noStdin = docker.run("exec", "-t", "exec-tty", "sh", "-c", "tty; exit 6");
    assertThat(noStdin.exitCode()).isEqualTo(6);
    assertThat(noStdin.stdout()).startsWith("/dev/pts/");
  }

  @Test
  void berthsOwnCliRunsAttachesAndExecsInATerminal() throws Exception {
    try (TmuxTerminal terminal = TmuxTerminal.start("berth-run-it", 100, 30,
        BerthCommand.commandLine(daemon, "run", "-it", "--name", "berth-shell", "busybox", "sh"))) {
      terminal.awaitScreen(screen -> screen.contains("/ #"), SCREEN);
      terminal.typeLine("echo from-berth-$((3*3)); stty size");
      terminal.awaitScreen(screen -> screen.contains("from-berth-9") && screen.contains("30 100"), SCREEN);
      terminal.resize(70, 20);
      terminal.typeLine("stty size");
      terminal.awaitScreen(screen -> screen.contains("20 70"), SCREEN);
      terminal.press("C-p", "C-q");
      assertThat(terminal.awaitExit(SCREEN)).isZero();
    }
    assertThat(docker.run("inspect", "-f", "{{.State.Running}}", "berth-shell").out()).isEqualTo("true");

    try (TmuxTerminal terminal = TmuxTerminal.start("berth-exec-it", 80, 24,
        BerthCommand.commandLine(daemon, "exec", "-it", "berth-shell", "sh", "-c", "stty size; read x; exit $x"))) {
      terminal.awaitScreen(screen -> screen.contains("24 80"), SCREEN);
      terminal.typeLine("5");
      assertThat(terminal.awaitExit(SCREEN)).isEqualTo(5);
    }

    try (TmuxTerminal terminal = TmuxTerminal.start("berth-attach", 80, 24,
        BerthCommand.commandLine(daemon, "attach", "berth-shell"))) {
      Thread.sleep(2000); // the berth CLI's JVM starts, then attaches
      terminal.typeLine("exit 2");
      assertThat(terminal.awaitExit(SCREEN)).isEqualTo(2);
    }
  }

  @Test
  void theJavaClientGetsStdoutAndStderrFramedApartAndFeedsStdin() throws Exception {
    docker.run("create", "-i", "--name", "client-attach", "busybox", "sh", "-c", "read x; echo out-$x; echo err-$x >&2");
    try (BerthClient client = BerthClient.connect(daemon.host());
        HijackedStream stream = client.attach("client-attach", true, true, true, true, false, null)) {
      client.start("client-attach");
      stream.output().write("abc\n".getBytes(StandardCharsets.US_ASCII));
      stream.output().flush();
      stream.closeWrite();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      BerthClient.copyStream(stream.input(), false, out, err);

      assertThat(stream.multiplexed()).isTrue();
      assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("out-abc\n");
      assertThat(err.toString(StandardCharsets.US_ASCII)).isEqualTo("err-abc\n");
    }
  }

  @Test
  void sigProxyForwardsTheClientsSignalsToTheContainer() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(docker.commandLine("run", "--rm", "busybox", "sh", "-c",
        "trap 'echo got-term; exit 7' TERM; echo ready; while true; do sleep 0.1; done"));
    Process cli = builder.start();
    byte[] ready = new byte[6];
    assertThat(cli.getInputStream().readNBytes(ready, 0, 6)).isEqualTo(6);
    assertThat(new String(ready, StandardCharsets.US_ASCII)).isEqualTo("ready\n");

    cli.toHandle().destroy(); // SIGTERM to the docker CLI, which passes it on; its streams stay open

    assertThat(cli.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(cli.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("got-term\n");
    assertThat(cli.exitValue()).isEqualTo(7);
  }

  @Test
  void badInputGetsDockersErrors() throws Exception {
    docker.run("create", "-t", "--name", "never-started", "busybox", "sh");

    Docker.Result attach = docker.run("attach", "never-started");
    Docker.Result exec = docker.run("exec", "never-started", "sh");

    assertThat(attach.exitCode()).isEqualTo(1);
    assertThat(attach.stderr()).contains("You cannot attach to a stopped container, start it first");
    assertThat(exec.exitCode()).isEqualTo(1);
    assertThat(exec.stderr()).contains("is not running");
    try (BerthClient client = BerthClient.connect(daemon.host())) {
      assertThatThrownBy(() -> client.resize("never-started", 10, 10)).hasMessageContaining("is not running");
      assertThatThrownBy(() -> client.attach("never-started", false, true, true, true, false, "ctrl-1").close())
          .hasMessageContaining("Invalid detach keys (ctrl-1) provided");
      assertThatThrownBy(() -> client.attach("no-such-thing", true, true, false))
          .hasMessageContaining("No such container: no-such-thing");
    }
  }

  private static ByteArrayInputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
