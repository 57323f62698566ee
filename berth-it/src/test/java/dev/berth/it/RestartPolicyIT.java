package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.HostConfig;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.client.BerthClient;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Restart policies: restarts with back-off and a count, the user's stop wins, and what happens at daemon start. */
class RestartPolicyIT extends DaemonTest {

  private String awaitState(String container, String format, Predicate<String> done) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    String state = "";
    while (Instant.now().isBefore(deadline)) {
      state = docker.run("inspect", "-f", format, container).out();
      if (done.test(state)) {
        return state;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(container + " never reached the expected state; last: " + state);
  }

  @Test
  void onFailureRestartsUpToItsLimitThenStaysExited() throws Exception {
    docker.run("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "echo ran; exit 3");

    String state = awaitState("flaky", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}",
        s -> s.equals("exited 2 3"));

    assertThat(state).isEqualTo("exited 2 3");
    assertThat(docker.run("logs", "flaky").stdout()).isEqualTo("ran\nran\nran\n");
    docker.run("rm", "flaky");
  }

  @Test
  void alwaysRestartsUntilTheUserStopsIt() throws Exception {
    docker.run("run", "-d", "--name", "phoenix", "--restart", "always", "busybox", "sh", "-c", "sleep 0.2; exit 1");
    awaitState("phoenix", "{{.RestartCount}}", s -> Integer.parseInt(s) >= 2);

    assertThat(docker.run("stop", "-t", "1", "phoenix").exitCode()).isZero();
    String stopped = awaitState("phoenix", "{{.State.Status}} {{.RestartCount}}", s -> s.startsWith("exited"));
    Thread.sleep(1500);

    assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", "phoenix").out()).isEqualTo(stopped);
    docker.run("rm", "phoenix");
  }

  @Test
  void atDaemonStartAlwaysComesBackAndUnlessStoppedStaysStopped() throws Exception {
    docker.run("run", "-d", "--name", "keeps-coming", "--restart", "always", "busybox", "sleep", "1000");
    docker.run("run", "-d", "--name", "stays-down", "--restart", "unless-stopped", "busybox", "sleep", "1000");
    docker.run("run", "-d", "--name", "was-running", "--restart", "unless-stopped", "busybox", "sleep", "1000");
    docker.run("stop", "-t", "0", "keeps-coming", "stays-down");
    long wasRunningPid = Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", "was-running").out());

    daemon.kill9();
    ProcessHandle.of(wasRunningPid).orElseThrow().destroyForcibly();
    Thread.sleep(500);
    daemon.start();

    awaitState("keeps-coming", "{{.State.Status}}", s -> s.equals("running"));
    awaitState("was-running", "{{.State.Status}}", s -> s.equals("running"));
    assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "stays-down").out()).isEqualTo("exited");
    docker.run("rm", "-f", "keeps-coming", "stays-down", "was-running");
  }

  @Test
  void updateChangesThePolicyOfARunningContainer() throws Exception {
    docker.run("run", "-d", "--name", "updated", "busybox", "sh", "-c", "sleep 1; exit 1");

    assertThat(docker.run("update", "--restart", "always", "updated").out()).isEqualTo("updated");
    assertThat(docker.run("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", "updated").out()).isEqualTo("always");
    awaitState("updated", "{{.RestartCount}}", count -> Integer.parseInt(count) >= 1);
    docker.run("rm", "-f", "updated");
  }

  @Test
  void badPoliciesAreRefused() throws Exception {
    try (BerthClient client = BerthClient.connect(daemon.host())) {
      for (HostConfig.RestartPolicy policy : List.of(new HostConfig.RestartPolicy("sometimes", 0),
          new HostConfig.RestartPolicy("on-failure", -1), new HostConfig.RestartPolicy("always", 3))) {
        HostConfig hostConfig = HostConfig.defaults().withDaemonDefaults(null, "", policy, "", "", 0, "", null, null);
        assertThatThrownBy(() -> client.createContainer(null, new ContainerCreateRequest(
            ContainerConfig.empty().withImage("busybox"), hostConfig, null)))
            .as(policy.toString()).isInstanceOf(InvalidArgumentException.class);
      }
    }
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }
}
