package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The container lifecycle through the real docker CLI: run, stop, kill, restart, wait, rename, rm, prune. */
class ContainerLifecycleIT extends DaemonTest {

  @Test
  void runPrintsStdoutAndStderrApartAndExitsWithTheContainersCode() throws Exception {
    Docker.Result result = docker.run("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void runWithRmLeavesNoContainer() throws Exception {
    docker.run("run", "--rm", "--name", "gone", "busybox", "true");

    assertThat(docker.run("ps", "-a", "--filter", "name=gone", "-q").out()).isEmpty();
  }

  @Test
  void runAppliesEnvWorkdirUserHostnameEntrypointAndLabels() throws Exception {
    Docker.Result result = docker.run("run", "--rm", "-e", "GREETING=hi", "-w", "/tmp/work", "-u", "nobody",
        "--hostname", "boat", "--entrypoint", "sh", "-l", "team=ops", "busybox", "-c",
        "echo $GREETING; pwd; id -un; hostname; cat /etc/hostname");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).isEqualTo("hi\n/tmp/work\nnobody\nboat\nboat\n");
  }

  @Test
  void envFileAndDefaultEnvironmentReachTheProcess() throws Exception {
    java.nio.file.Path envFile = java.nio.file.Files.createTempFile("env", ".list");
    java.nio.file.Files.writeString(envFile, "# comment\nFROM_FILE=yes\n");

    Docker.Result result = docker.run("run", "--rm", "--env-file", envFile.toString(), "busybox", "sh", "-c",
        "echo $FROM_FILE $HOME $PATH; echo $HOSTNAME | wc -c");

    assertThat(result.stdout()).isEqualTo(
        "yes /root /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n13\n");
    java.nio.file.Files.delete(envFile);
  }

  @Test
  void detachedContainerIsListedInspectedAndStoppedWithSigkillAfterTheTimeout() throws Exception {
    String id = docker.run("run", "-d", "--name", "sleeper", "busybox", "sleep", "100").out();
    assertThat(id).hasSize(64);

    assertThat(docker.run("ps", "--format", "{{.Names}} {{.Status}}").stdout()).contains("sleeper Up");
    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.Name}}", "sleeper").out())
        .isEqualTo("running true /sleeper");

    Instant before = Instant.now();
    assertThat(docker.run("stop", "-t", "1", "sleeper").out()).isEqualTo("sleeper");
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "sleeper").out())
        .isEqualTo("exited 137");
    docker.run("rm", "sleeper");
  }

  @Test
  void stopSendsSigtermFirst() throws Exception {
    docker.run("run", "-d", "--name", "polite", "busybox", "sh", "-c",
        "trap 'exit 143' TERM; while true; do sleep 0.1; done");

    Instant before = Instant.now();
    docker.run("stop", "polite");

    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(docker.run("wait", "polite").out()).isEqualTo("143");
    docker.run("rm", "polite");
  }

  @Test
  void killSendsTheGivenSignal() throws Exception {
    docker.run("run", "-d", "--name", "listener", "busybox", "sh", "-c",
        "trap 'echo got-usr1' USR1; while true; do sleep 0.1; done");

    assertThat(docker.run("kill", "-s", "USR1", "listener").exitCode()).isZero();
    awaitLogs("listener", "got-usr1");
    assertThat(docker.run("kill", "listener").out()).isEqualTo("listener");
    assertThat(docker.run("wait", "listener").out()).isEqualTo("137");

    Docker.Result again = docker.run("kill", "listener");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("Cannot kill container: listener: Container ", " is not running");
    docker.run("rm", "listener");
  }

  @Test
  void pauseFreezesTheContainerAndUnpauseThawsIt() throws Exception {
    docker.run("run", "-d", "--name", "frozen", "busybox", "sh", "-c",
        "i=0; while true; do i=$((i+1)); echo $i; sleep 0.1; done");
    awaitLogs("frozen", "3\n");

    assertThat(docker.run("pause", "frozen").out()).isEqualTo("frozen");
    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.Paused}} {{.State.Running}}", "frozen").out())
        .isEqualTo("paused true true");
    assertThat(docker.run("ps", "--filter", "name=frozen", "--format", "{{.Status}}").out()).endsWith("(Paused)");
    long frozenAt = docker.run("logs", "frozen").stdout().lines().count();
    Thread.sleep(600);
    assertThat(docker.run("logs", "frozen").stdout().lines().count()).isEqualTo(frozenAt);
    Docker.Result twice = docker.run("pause", "frozen");
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.stderr()).contains("is already paused");

    assertThat(docker.run("unpause", "frozen").out()).isEqualTo("frozen");
    awaitLogs("frozen", "\n" + (frozenAt + 2) + "\n");
    assertThat(docker.run("unpause", "frozen").stderr()).contains("is not paused");

    docker.run("pause", "frozen");
    assertThat(docker.run("stop", "-t", "1", "frozen").exitCode()).isZero();
    assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "frozen").out()).isEqualTo("exited");
    docker.run("rm", "frozen");
  }

  @Test
  void topListsOnlyTheContainersProcesses() throws Exception {
    docker.run("run", "-d", "--name", "busy-box", "busybox", "sh", "-c", "sleep 1000 & sleep 2000");

    List<String> rows = docker.run("top", "busy-box").stdout().lines().toList();
    assertThat(rows.getFirst()).startsWith("UID").contains("PID", "PPID", "CMD");
    assertThat(rows.subList(1, rows.size())).hasSize(2).anyMatch(row -> row.endsWith("sleep 1000"))
        .anyMatch(row -> row.endsWith("sleep 2000"));
    assertThat(docker.run("top", "busy-box", "-o", "pid,args").stdout().lines().findFirst().orElseThrow())
        .startsWith("PID").endsWith("COMMAND");

    docker.run("stop", "-t", "0", "busy-box");
    assertThat(docker.run("top", "busy-box").stderr()).contains("is not running");
    docker.run("rm", "busy-box");
  }

  @Test
  void diffListsWhatTheContainerAddedChangedAndDeleted() throws Exception {
    docker.run("run", "--name", "changer", "busybox", "sh", "-c",
        "echo x > /tmp/new; mkdir -p /srv/a; echo y >> /etc/passwd; rm /bin/vi; rm -rf /home");

    assertThat(docker.run("diff", "changer").stdout().lines().toList()).containsExactlyInAnyOrder(
        "C /bin", "D /bin/vi", "C /etc", "C /etc/passwd", "D /home", "A /srv", "A /srv/a", "C /tmp", "A /tmp/new");
    docker.run("run", "--name", "unchanged", "busybox", "true");
    assertThat(docker.run("diff", "unchanged").stdout()).isEmpty();
    docker.run("rm", "changer", "unchanged");
  }

  @Test
  void exportedFileSystemsImportAndRunAgain() throws Exception {
    docker.run("run", "--name", "exported", "busybox", "sh", "-c",
        "echo kept > /root/note; ln /root/note /root/hard; mkfifo /tmp/pipe");
    java.nio.file.Path tar = java.nio.file.Files.createTempFile("export", ".tar");

    assertThat(docker.run("export", "-o", tar.toString(), "exported").exitCode()).isZero();
    assertThat(docker.run("import", tar.toString(), "exported-image:1").exitCode()).isZero();

    assertThat(docker.run("run", "--rm", "exported-image:1", "sh", "-c",
        "cat /root/hard; stat -c %h /root/note; test -p /tmp/pipe && echo fifo").stdout())
        .isEqualTo("kept\n2\nfifo\n");
    java.nio.file.Files.delete(tar);
    docker.run("rm", "exported");
    docker.run("rmi", "exported-image:1");
  }

  @Test
  void commitMakesAnImageOfTheChangesWithWhiteoutsAndNewConfig() throws Exception {
    docker.run("run", "--name", "to-commit", "busybox", "sh", "-c",
        "echo committed > /root/c; rm /bin/vi; rm -rf /home");

    Docker.Result commit = docker.run("commit", "-m", "my change", "-a", "me", "-c", "CMD [\"cat\", \"/root/c\"]",
        "-c", "ENV MODE=c", "to-commit", "committed:1");
    assertThat(commit.out()).matches("sha256:[0-9a-f]{64}");

    assertThat(docker.run("run", "--rm", "committed:1").out()).isEqualTo("committed");
    assertThat(docker.run("run", "--rm", "committed:1", "sh", "-c", "test -e /bin/vi || test -e /home || echo $MODE")
        .out()).isEqualTo("c");
    assertThat(docker.run("image", "inspect", "-f", "{{.Comment}} {{.Author}} {{len .RootFS.Layers}}", "committed:1")
        .out()).isEqualTo("my change me 2");
    assertThat(docker.run("commit", "no-such-container").stderr()).contains("No such container: no-such-container");
    docker.run("rm", "to-commit");
    docker.run("rmi", "committed:1");
  }

  @Test
  void restartRunsTheContainerAgain() throws Exception {
    docker.run("run", "-d", "--name", "again", "busybox", "sh", "-c", "echo started; sleep 100");
    String firstStart = docker.run("inspect", "-f", "{{.State.StartedAt}}", "again").out();

    assertThat(docker.run("restart", "-t", "0", "again").exitCode()).isZero();

    assertThat(docker.run("inspect", "-f", "{{.State.Running}} {{.State.StartedAt}}", "again").out())
        .startsWith("true ").isNotEqualTo("true " + firstStart);
    awaitLogs("again", "started\nstarted\n");
    docker.run("rm", "-f", "again");
  }

  @Test
  void createThenStartAndWaitGiveTheExitCode() throws Exception {
    String id = docker.run("create", "--name", "later", "busybox", "sh", "-c", "exit 7").out();
    assertThat(docker.run("ps", "-a", "--filter", "status=created", "--format", "{{.ID}}").out())
        .contains(id.substring(0, 12));

    docker.run("start", "later");

    assertThat(docker.run("wait", "later").out()).isEqualTo("7");
    assertThat(docker.run("ps", "-a", "--filter", "name=later", "--format", "{{.Status}}").out())
        .startsWith("Exited (7)");
    docker.run("rm", "later");
  }

  @Test
  void renameAndNameConflicts() throws Exception {
    docker.run("create", "--name", "first", "busybox", "true");
    docker.run("create", "--name", "second", "busybox", "true");

    Docker.Result conflict = docker.run("rename", "first", "second");
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.stderr()).contains("Conflict. The container name \"/second\" is already in use");

    assertThat(docker.run("rename", "first", "third").exitCode()).isZero();
    assertThat(docker.run("inspect", "-f", "{{.Name}}", "third").out()).isEqualTo("/third");

    Docker.Result duplicate = docker.run("create", "--name", "second", "busybox", "true");
    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.stderr()).contains("is already in use by container");
    docker.run("rm", "third", "second");
  }

  @Test
  void removeRefusesARunningContainerUnlessForced() throws Exception {
    docker.run("run", "-d", "--name", "busy", "busybox", "sleep", "100");

    Docker.Result refused = docker.run("rm", "busy");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("You cannot remove a running container",
        "Stop the container before attempting removal or force remove");

    assertThat(docker.run("rm", "-f", "busy").out()).isEqualTo("busy");
    assertThat(docker.run("ps", "-a", "--filter", "name=busy", "-q").out()).isEmpty();
  }

  @Test
  void pruneRemovesOnlyStoppedContainers() throws Exception {
    docker.run("run", "--name", "done1", "busybox", "true");
    docker.run("run", "-d", "--name", "alive", "busybox", "sleep", "100");

    Docker.Result prune = docker.run("container", "prune", "-f");

    assertThat(prune.stdout()).contains("Deleted Containers:");
    assertThat(docker.run("ps", "-a", "--format", "{{.Names}}").stdout()).contains("alive").doesNotContain("done1");
    docker.run("rm", "-f", "alive");
  }

  @Test
  void exitCodesFollowDocker() throws Exception {
    Docker.Result notFound = docker.run("run", "--rm", "busybox", "no-such-command");
    assertThat(notFound.exitCode()).isEqualTo(127);
    assertThat(notFound.stderr()).contains("executable file not found");

    Docker.Result notExecutable = docker.run("run", "--rm", "busybox", "/etc/passwd");
    assertThat(notExecutable.exitCode()).isEqualTo(126);
    assertThat(notExecutable.stderr()).contains("permission denied");

    Docker.Result refused = docker.run("run", "--rm", "--name", "bad/name", "busybox", "true");
    assertThat(refused.exitCode()).isEqualTo(125);
    assertThat(refused.stderr()).contains("Invalid container name");
  }

  private void awaitLogs(String container, String expected) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    String logs = "";
    while (Instant.now().isBefore(deadline)) {
      logs = docker.run("logs", container).stdout();
      if (logs.contains(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(logs).contains(expected);
  }
}
