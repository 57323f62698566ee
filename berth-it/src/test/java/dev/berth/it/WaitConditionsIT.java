package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.client.BerthClient;
import dev.berth.client.PendingWait;
import org.junit.jupiter.api.Test;

/** {@code POST /containers/{id}/wait} with Docker's three conditions, through the Java client and the docker CLI. */
class WaitConditionsIT extends DaemonTest {

  @Test
  void notRunningAnswersAtOnceForAStoppedContainerAndNextExitWaitsForTheNextRun() throws Exception {
    docker.run("run", "--name", "waited", "busybox", "sh", "-c", "exit 3");
    try (BerthClient client = BerthClient.connect(daemon.host());
        PendingWait nextExit = client.startWait("waited", "next-exit")) {
      assertThat(client.wait("waited", "not-running")).isEqualTo(3);

      docker.run("start", "waited");

      assertThat(nextExit.await().statusCode()).isEqualTo(3);
    }
  }

  @Test
  void removedWaitsUntilTheContainerIsGone() throws Exception {
    docker.run("create", "--name", "to-remove", "busybox", "true");
    try (BerthClient client = BerthClient.connect(daemon.host());
        PendingWait removed = client.startWait("to-remove", "removed")) {
      docker.run("rm", "to-remove");

      assertThat(removed.await().statusCode()).isZero();
    }
    assertThat(docker.run("wait", "busybox-never-made").stderr()).contains("No such container: busybox-never-made");
  }

  @Test
  void anUnknownConditionIsRefused() throws Exception {
    docker.run("create", "--name", "condition-target", "busybox", "true");
    try (BerthClient client = BerthClient.connect(daemon.host())) {
      assertThatThrownBy(() -> client.wait("condition-target", "sometime"))
          .hasMessageContaining("invalid condition: \"sometime\"");
    }
  }
}
