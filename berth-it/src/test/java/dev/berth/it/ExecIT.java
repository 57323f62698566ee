package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker exec: output and exit codes, stdin, user/env/workdir, detached execs, Docker's errors and events. */
class ExecIT extends DaemonTest {

  @BeforeAll
  void startTarget() throws Exception {
    docker.run("run", "-d", "--name", "target", "-e", "FROM_RUN=yes", "busybox", "sleep", "1000");
  }

  @Test
  void outputStaysApartAndTheExitCodeComesThrough() throws Exception {
    Docker.Result result = docker.run("exec", "target", "sh", "-c", "echo out; echo err >&2; exit 5");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void stdinReachesTheProcessWithDashI() throws Exception {
    Docker.Result result = docker.runWithInput(
        new ByteArrayInputStream("line one\nline two\n".getBytes(StandardCharsets.UTF_8)), "exec", "-i", "target",
        "wc", "-l");

    assertThat(result.out()).isEqualTo("2");
  }

  @Test
  void userEnvAndWorkdirApplyOnTopOfTheContainers() throws Exception {
    Docker.Result result = docker.run("exec", "-u", "nobody", "-w", "/tmp", "-e", "FROM_EXEC=1", "target", "sh",
        "-c", "id -un; pwd; echo $FROM_RUN $FROM_EXEC $HOME");

    assertThat(result.stdout()).isEqualTo("nobody\n/tmp\nyes 1 /home\n");
  }

  @Test
  void anExecHasTheContainersLimitsAndAPrivilegedOneEveryCapability() throws Exception {
    docker.run("run", "-d", "--name", "exec-limits", "--ulimit", "nproc=77:77", "--cap-drop", "NET_RAW",
        "--security-opt", "no-new-privileges", "busybox", "sleep", "600");

    String plain = docker.run("exec", "exec-limits", "sh", "-c",
        "ulimit -u; grep -E '^(CapEff|NoNewPrivs)' /proc/self/status").stdout();
    String privileged = docker.run("exec", "--privileged", "exec-limits", "grep", "^CapEff", "/proc/self/status")
        .out();

    assertThat(plain.lines().toList()).containsExactly("77", "CapEff:\t00000000a80405fb", "NoNewPrivs:\t1");
    assertThat(privileged).isNotEqualTo("CapEff:\t00000000a80405fb").doesNotContain("00000000a80405fb");
  }

  @Test
  void aCommandThatCannotRunExits126WithTheRuntimesReason() throws Exception {
    Docker.Result result = docker.run("exec", "target", "no-such-tool");

    assertThat(result.exitCode()).isEqualTo(126);
    assertThat(result.stdout()).contains("OCI runtime exec failed", "executable file not found");
  }

  @Test
  void detachedExecsRunInTheBackground() throws Exception {
    assertThat(docker.run("exec", "-d", "target", "sh", "-c", "sleep 0.3; touch /tmp/detached-done").exitCode())
        .isZero();

    Instant deadline = Instant.now().plusSeconds(10);
    while (docker.run("exec", "target", "test", "-f", "/tmp/detached-done").exitCode() != 0) {
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void execIntoPausedStoppedOrMissingContainersFailsAsDockerSays() throws Exception {
    docker.run("run", "-d", "--name", "sleepy", "busybox", "sleep", "1000");
    docker.run("pause", "sleepy");
    assertThat(docker.run("exec", "sleepy", "true").stderr())
        .contains("Container sleepy is paused, unpause the container before exec");
    docker.run("unpause", "sleepy");
    docker.run("stop", "-t", "0", "sleepy");
    Docker.Result stopped = docker.run("exec", "sleepy", "true");
    assertThat(stopped.exitCode()).isEqualTo(1);
    assertThat(stopped.stderr()).contains("is not running");
    docker.run("rm", "sleepy");
    assertThat(docker.run("exec", "sleepy", "true").stderr()).contains("No such container: sleepy");
  }

  @Test
  void execsAreContainerEvents() throws Exception {
    String since = Long.toString(Instant.now().getEpochSecond() - 1);
    docker.run("exec", "target", "sh", "-c", "exit 3");
    String until = Long.toString(Instant.now().getEpochSecond() + 1);

    assertThat(docker.run("events", "--since", since, "--until", until, "--filter", "container=target", "--format",
        "{{.Action}}|{{.Actor.Attributes.exitCode}}").stdout().lines().toList())
        .containsSubsequence("exec_create: sh -c exit 3|<no value>", "exec_start: sh -c exit 3|<no value>",
            "exec_die|3");
  }
}
