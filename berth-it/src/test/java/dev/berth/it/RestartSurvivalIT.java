package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sys.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** berthd survives itself: kill -9 and a new start, and a machine-style wipe of the exec root. */
class RestartSurvivalIT {

  private Berthd daemon;
  private Docker docker;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = Berthd.start("survival");
    docker = new Docker(daemon);
    BusyboxImage.importInto(docker);
  }

  @AfterEach
  void stopDaemon() throws Exception {
    docker.close();
    daemon.close();
  }

  @Test
  void containersOutliveAKill9OfBerthd() throws Exception {
    docker.run("run", "-d", "--name", "ticker", "busybox", "sh", "-c",
        "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done");
    docker.run("run", "--name", "finished", "busybox", "sh", "-c", "echo last words; exit 5");
    docker.run("run", "-d", "--name", "dies-while-away", "busybox", "sh", "-c", "sleep 2; exit 9");
    String pidBefore = docker.run("inspect", "-f", "{{.State.Pid}}", "ticker").out();

    daemon.kill9();
    Thread.sleep(3000);
    daemon.start();

    assertThat(docker.run("ps", "--format", "{{.Names}}").out()).isEqualTo("ticker");
    assertThat(docker.run("inspect", "-f", "{{.State.Running}} {{.State.Pid}}", "ticker").out())
        .isEqualTo("true " + pidBefore);
    int ticksNow = ticks();
    awaitMoreTicksThan(ticksNow);
    assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", "finished").out()).isEqualTo("5");
    assertThat(docker.run("logs", "finished").out()).isEqualTo("last words");
    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "dies-while-away").out())
        .isEqualTo("exited 9");
    assertThat(docker.run("stop", "-t", "1", "ticker").exitCode()).isZero();
  }

  @Test
  void aRmContainerThatExitsWhileBerthdIsDownIsRemovedWhenItReturns() throws Exception {
    String id = docker.run("run", "-d", "--rm", "busybox", "sleep", "1").out();

    daemon.kill9();
    Thread.sleep(2500);
    daemon.start();

    assertThat(docker.run("ps", "-aq", "--no-trunc").stdout()).doesNotContain(id);
    assertThat(docker.run("inspect", id).stderr()).contains("No such object: " + id);
  }

  @Test
  void aCrashDuringCreatesLeavesAStoreThatLoads() throws Exception {
    Thread creator = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
        try {
          docker.run("create", "--name", "c" + i, "busybox", "true");
        } catch (Exception stopped) {
          return;
        }
      }
    });
    Thread.sleep(2500);
    daemon.kill9();
    creator.interrupt();
    creator.join();
    daemon.start();

    List<String> ids = docker.run("ps", "-aq", "--no-trunc").stdout().lines().toList();
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      assertThat(docker.run("inspect", "-f", "{{.Id}}", id).out()).isEqualTo(id);
    }
    for (Path dir : List.of(daemon.dataRoot().resolve("containers"),
        daemon.dataRoot().resolve("snapshots/containers"))) {
      try (Stream<Path> dirs = Files.list(dir)) {
        assertThat(dirs.map(p -> p.getFileName().toString()).toList()).as(dir.toString())
            .containsExactlyInAnyOrderElementsOf(ids);
      }
    }
    assertThat(docker.run("run", "--rm", "busybox", "echo", "still fine").out()).isEqualTo("still fine");
  }

  @Test
  void aWipedExecRootIsRebuiltAfterAMachineStyleCleanup() throws Exception {
    docker.run("run", "-d", "--name", "survivor", "busybox", "sleep", "1000");
    long pid = Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", "survivor").out());
    String merged = docker.run("inspect", "-f", "{{.GraphDriver.Data.MergedDir}}", "survivor").out();

    daemon.kill9();
    simulateReboot(pid, Path.of(merged));
    daemon.start();

    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "survivor").out())
        .isEqualTo("exited 255");
    assertThat(docker.run("start", "survivor").exitCode()).isZero();
    assertThat(docker.run("inspect", "-f", "{{.State.Running}}", "survivor").out()).isEqualTo("true");
    assertThat(docker.run("run", "--rm", "busybox", "echo", "after reboot").out()).isEqualTo("after reboot");
  }

  /** What a reboot does to a container: its monitor and processes vanish without a word, mounts and /run go. */
  private void simulateReboot(long containerPid, Path merged) throws Exception {
    ProcessHandle init = ProcessHandle.of(containerPid).orElseThrow();
    ProcessHandle monitor = init.parent().orElseThrow();
    assertThat(monitor.info().command().orElse("")).endsWith("conmon");
    monitor.destroyForcibly();
    init.destroyForcibly();
    init.onExit().get(10, TimeUnit.SECONDS);
    Process umount = new ProcessBuilder("umount", "-l", merged.toString()).inheritIO().start();
    assertThat(umount.waitFor()).isZero();
    Trees.delete(daemon.execRoot());
  }

  private int ticks() throws Exception {
    return (int) docker.run("logs", "ticker").stdout().lines().count();
  }

  private void awaitMoreTicksThan(int count) throws Exception {
    Instant deadline = Instant.now().plusSeconds(5);
    while (Instant.now().isBefore(deadline)) {
      if (ticks() > count) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(ticks()).as("log lines after the restart").isGreaterThan(count);
  }
}
