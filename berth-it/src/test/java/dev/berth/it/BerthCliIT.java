package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** berth's own CLI against a real berthd: the same commands, output and exit codes as docker's. */
class BerthCliIT extends DaemonTest {

  private Docker.Result berth(String... args) throws Exception {
    return BerthCommand.run(daemon, args);
  }

  @Test
  void runPrintsOutputAndPassesTheExitCodeThrough() throws Exception {
    Docker.Result result = berth("run", "--rm", "busybox", "sh", "-c", "echo from-berth; echo oops >&2; exit 4");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.stdout()).isEqualTo("from-berth\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
  }

  @Test
  void listsAndInspectsWhatTheDockerCliCreated() throws Exception {
    docker.run("run", "-d", "--name", "seen-by-berth", "-l", "via=docker", "busybox", "sleep", "100");

    assertThat(berth("ps", "--format", "{{.Names}} {{.Label \"via\"}}").out()).isEqualTo("seen-by-berth docker");
    assertThat(berth("inspect", "-f", "{{.State.Running}}", "seen-by-berth").out()).isEqualTo("true");
    assertThat(berth("images", "--format", "{{.Repository}}:{{.Tag}}").out()).isEqualTo("busybox:latest");
    assertThat(berth("stop", "-t", "1", "seen-by-berth").out()).isEqualTo("seen-by-berth");
    assertThat(berth("rm", "seen-by-berth").out()).isEqualTo("seen-by-berth");
  }

  @Test
  void eventsPrintAsDockerPrintsThem() throws Exception {
    String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
    docker.run("run", "--rm", "--name", "evented", "-l", "k=v", "busybox", "true");
    String until = Long.toString(java.time.Instant.now().getEpochSecond() + 1);

    Docker.Result ours = berth("events", "--since", since, "--until", until, "--filter", "container=evented");

    assertThat(ours.stdout()).isEqualTo(
        docker.run("events", "--since", since, "--until", until, "--filter", "container=evented").stdout());
    assertThat(ours.stdout().lines().toList()).hasSize(5).allMatch(line -> line.contains("image=busybox, k=v, "));
  }

  @Test
  void execRunsInsideAndPassesTheExitCodeThrough() throws Exception {
    docker.run("run", "-d", "--name", "exec-target", "busybox", "sleep", "100");

    Docker.Result result = berth("exec", "-e", "WHO=berth", "exec-target", "sh", "-c", "echo $WHO; exit 9");

    assertThat(result.exitCode()).isEqualTo(9);
    assertThat(result.stdout()).isEqualTo("berth\n");
    assertThat(berth("exec", "exec-target", "missing-tool").exitCode()).isEqualTo(126);
    docker.run("rm", "-f", "exec-target");
  }

  @Test
  void commitDiffAndTopWorkFromBerthsCli() throws Exception {
    docker.run("run", "--name", "berth-commit", "busybox", "sh", "-c", "echo v2 > /root/version");

    assertThat(berth("diff", "berth-commit").stdout()).isEqualTo("C /root\nA /root/version\n");
    assertThat(berth("commit", "-c", "CMD [\"cat\", \"/root/version\"]", "berth-commit", "berth-made:2").out())
        .startsWith("sha256:");
    assertThat(docker.run("run", "--rm", "berth-made:2").out()).isEqualTo("v2");
    docker.run("rm", "berth-commit");
    docker.run("rmi", "berth-made:2");
  }

  @Test
  void logsWaitAndErrorsMatchDocker() throws Exception {
    berth("run", "--name", "talker", "busybox", "sh", "-c", "echo line1; echo line2; exit 6");

    assertThat(berth("logs", "--tail", "1", "talker").stdout()).isEqualTo("line2\n");
    assertThat(berth("wait", "talker").out()).isEqualTo("6");
    Docker.Result missing = berth("logs", "nobody-here");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("No such container: nobody-here");
    Docker.Result notFound = berth("run", "--rm", "busybox", "no-such-binary");
    assertThat(notFound.exitCode()).isEqualTo(127);
    berth("rm", "talker");
  }
}
