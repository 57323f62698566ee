package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ps with its flags and filters, inspect's sections, and logs with their options. */
class ListInspectLogsIT extends DaemonTest {

  private String runningId;

  @BeforeAll
  void createContainers() throws Exception {
    docker.runWithInput(new java.io.ByteArrayInputStream(BusyboxImage.rootfsTar()), "import", "-c", "CMD [\"sh\"]",
        "-c", "LABEL variant=other", "-", "other:1");
    docker.run("run", "--name", "exited-one", "-l", "tier=batch", "busybox", "sh", "-c", "exit 2");
    docker.run("create", "--name", "created-one", "other:1", "true");
    runningId = docker.run("run", "-d", "--name", "running-one", "-l", "tier=web", "-l", "owner=me", "busybox",
        "sh", "-c", "echo to-out; echo to-err >&2; sleep 1000").out();
  }

  @Test
  void psShowsRunningContainersByDefaultAndAllWithA() throws Exception {
    assertThat(names("ps")).containsExactly("running-one");
    assertThat(names("ps", "-a")).containsExactlyInAnyOrder("running-one", "created-one", "exited-one");
    assertThat(names("ps", "-l")).containsExactly("running-one");
    assertThat(names("ps", "-n", "2")).containsExactly("running-one", "created-one");
  }

  @Test
  void psQuietAndNoTrunc() throws Exception {
    assertThat(docker.run("ps", "-q").out()).isEqualTo(runningId.substring(0, 12));
    assertThat(docker.run("ps", "-q", "--no-trunc").out()).isEqualTo(runningId);
    String table = docker.run("ps").stdout();
    assertThat(table).startsWith("CONTAINER ID").contains("IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES")
        .contains(runningId.substring(0, 12)).contains("Up ");
  }

  @Test
  void psFilters() throws Exception {
    assertThat(names("ps", "-a", "--filter", "status=exited")).containsExactly("exited-one");
    assertThat(names("ps", "-a", "--filter", "status=created")).containsExactly("created-one");
    assertThat(names("ps", "-a", "--filter", "name=running")).containsExactly("running-one");
    assertThat(names("ps", "-a", "--filter", "label=tier")).containsExactlyInAnyOrder("running-one", "exited-one");
    assertThat(names("ps", "-a", "--filter", "label=tier=web")).containsExactly("running-one");
    assertThat(names("ps", "-a", "--filter", "id=" + runningId.substring(0, 8))).containsExactly("running-one");
    assertThat(names("ps", "-a", "--filter", "ancestor=other:1")).containsExactly("created-one");
    assertThat(names("ps", "-a", "--filter", "exited=2")).containsExactly("exited-one");
  }

  @Test
  void inspectFillsStateConfigHostConfigAndGraphDriver() throws Exception {
    String format = "{{.State.Status}}|{{.State.Pid}}|{{json .Config.Cmd}}|{{.Config.Labels.tier}}|"
        + "{{.HostConfig.RestartPolicy.Name}}|{{.GraphDriver.Name}}|{{.Config.Hostname}}|{{.Path}}";
    String[] fields = docker.run("inspect", "-f", format, "running-one").out().split("\\|");

    assertThat(fields[0]).isEqualTo("running");
    assertThat(Integer.parseInt(fields[1])).isPositive();
    assertThat(fields[2]).isEqualTo("[\"sh\",\"-c\",\"echo to-out; echo to-err >&2; sleep 1000\"]");
    assertThat(fields[3]).isEqualTo("web");
    assertThat(fields[4]).isEqualTo("no");
    assertThat(fields[5]).isEqualTo("overlay2");
    assertThat(fields[6]).isEqualTo(runningId.substring(0, 12));
    assertThat(fields[7]).isEqualTo("sh");
    assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}} {{.State.Status}}", "exited-one").out())
        .isEqualTo("2 exited");
    assertThat(docker.run("inspect", "running-one").stdout())
        .contains("\"Mounts\": []", "\"NetworkSettings\": {", "\"LogPath\": ", "\"MergedDir\": ");
  }

  @Test
  void logsKeepStdoutAndStderrApart() throws Exception {
    awaitLogs();
    Docker.Result logs = docker.run("logs", "running-one");

    assertThat(logs.stdout()).isEqualTo("to-out\n");
    assertThat(logs.stderr()).isEqualTo("to-err\n");
  }

  @Test
  void logsTailTimestampsSinceAndUntil() throws Exception {
    String id = docker.run("run", "--name", "counter", "busybox", "sh", "-c", "for i in 1 2 3 4 5; do echo $i; done")
        .out();
    assertThat(id).isNotEmpty();

    assertThat(docker.run("logs", "--tail", "2", "counter").stdout()).isEqualTo("4\n5\n");
    assertThat(docker.run("logs", "-t", "counter").stdout().lines().toList())
        .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z \\d"));
    assertThat(docker.run("logs", "--since", Long.toString(Instant.now().plusSeconds(60).getEpochSecond()),
        "counter").stdout()).isEmpty();
    assertThat(docker.run("logs", "--until", "2000-01-01T00:00:00Z", "counter").stdout()).isEmpty();
    assertThat(docker.run("logs", "--since", "2000-01-01T00:00:00Z", "counter").stdout()).isEqualTo("1\n2\n3\n4\n5\n");
    docker.run("rm", "counter");
  }

  @Test
  void logsFollowEndsWhenTheContainerExits() throws Exception {
    docker.run("run", "-d", "--name", "follower", "busybox", "sh", "-c",
        "echo one; sleep 1; echo two");

    Docker.Result followed = docker.run("logs", "-f", "follower");

    assertThat(followed.stdout()).isEqualTo("one\ntwo\n");
    docker.run("rm", "follower");
  }

  private void awaitLogs() throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline) && !docker.run("logs", "running-one").stderr().contains("to-err")) {
      Thread.sleep(100);
    }
  }

  private List<String> names(String... args) throws Exception {
    String[] withFormat = new String[args.length + 2];
    System.arraycopy(args, 0, withFormat, 0, args.length);
    withFormat[args.length] = "--format";
    withFormat[args.length + 1] = "{{.Names}}";
    return docker.run(withFormat).stdout().lines().toList();
  }
}
