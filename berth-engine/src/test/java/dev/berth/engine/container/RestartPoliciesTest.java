package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.HostConfig.RestartPolicy;
import dev.berth.api.errors.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPoliciesTest {

  private static ContainerRecord exited(String policy, int maxRetries, int exitCode, int restarts, boolean byUser) {
    HostConfig hostConfig = HostConfig.defaults().withDaemonDefaults(null, "none",
        new RestartPolicy(policy, maxRetries), "host", "private", 0, "runc", List.of(), List.of());
    return new ContainerRecord("a".repeat(64), "/c", Instant.EPOCH, "true", List.of(), ContainerConfig.empty(),
        hostConfig, "sha256:" + "b".repeat(64), "runc", List.of(), ContainerStatus.EXITED, 0, exitCode, "",
        Instant.EPOCH, Instant.EPOCH, restarts, byUser, false);
  }

  @Test
  void policiesDecideWhetherAnExitRestarts() {
    assertThat(RestartPolicies.restartsAfterExit(exited("no", 0, 1, 0, false))).isFalse();
    assertThat(RestartPolicies.restartsAfterExit(exited("always", 0, 0, 9, false))).isTrue();
    assertThat(RestartPolicies.restartsAfterExit(exited("always", 0, 0, 0, true))).isFalse();
    assertThat(RestartPolicies.restartsAfterExit(exited("unless-stopped", 0, 0, 0, false))).isTrue();
    assertThat(RestartPolicies.restartsAfterExit(exited("on-failure", 0, 0, 0, false))).isFalse();
    assertThat(RestartPolicies.restartsAfterExit(exited("on-failure", 2, 1, 1, false))).isTrue();
    assertThat(RestartPolicies.restartsAfterExit(exited("on-failure", 2, 1, 2, false))).isFalse();
    assertThat(RestartPolicies.restartsAfterExit(exited("on-failure", 0, 1, 50, false))).isTrue();
  }

  @Test
  void atDaemonStartAlwaysOverridesTheUsersStopButUnlessStoppedDoesNot() {
    assertThat(RestartPolicies.restartsWithDaemon(exited("always", 0, 0, 0, true))).isTrue();
    assertThat(RestartPolicies.restartsWithDaemon(exited("unless-stopped", 0, 0, 0, true))).isFalse();
    assertThat(RestartPolicies.restartsWithDaemon(exited("unless-stopped", 0, 137, 0, false))).isTrue();
    assertThat(RestartPolicies.restartsWithDaemon(exited("no", 0, 1, 0, false))).isFalse();
  }

  @Test
  void backOffDoublesUpToAMinuteAndResetsAfterAStableRun() {
    Duration delay = RestartPolicies.nextDelay(null, Duration.ZERO);
    assertThat(delay).isEqualTo(Duration.ofMillis(100));
    delay = RestartPolicies.nextDelay(delay, Duration.ofSeconds(1));
    assertThat(delay).isEqualTo(Duration.ofMillis(200));
    assertThat(RestartPolicies.nextDelay(Duration.ofSeconds(50), Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RestartPolicies.nextDelay(Duration.ofSeconds(50), Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void invalidPoliciesUseDockersWording() {
    assertThatThrownBy(() -> RestartPolicies.validate(new RestartPolicy("sometimes", 0), false))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("invalid restart policy 'sometimes'");
    assertThatThrownBy(() -> RestartPolicies.validate(new RestartPolicy("on-failure", -1), false))
        .hasMessage("maximum retry count cannot be negative");
    assertThatThrownBy(() -> RestartPolicies.validate(new RestartPolicy("always", 2), false))
        .hasMessage("maximum retry count cannot be used with restart policy 'always'");
    assertThatThrownBy(() -> RestartPolicies.validate(new RestartPolicy("always", 0), true))
        .hasMessage("can't create 'AutoRemove' container with restart policy");
  }
}
