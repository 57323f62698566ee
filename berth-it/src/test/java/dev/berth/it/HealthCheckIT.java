package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.Health;
import dev.berth.client.BerthClient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Health checks from the flags and from the image: states, streaks, the log of probes, events, ps. */
class HealthCheckIT extends DaemonTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void aPassingCheckTurnsHealthyAfterStartingAndPsShowsIt() throws Exception {
    docker.run("run", "-d", "--name", "turns-healthy", "--health-cmd", "test -f /tmp/ready", "--health-interval",
        "200ms", "busybox", "sh", "-c", "sleep 1; touch /tmp/ready; sleep 600");

    assertThat(docker.run("ps", "--filter", "name=turns-healthy", "--format", "{{.Status}}").out())
        .endsWith("(health: starting)");
    Health health = awaitHealth("turns-healthy", h -> h.status().equals(Health.HEALTHY));

    assertThat(health.failingStreak()).isZero();
    assertThat(health.log()).hasSizeLessThanOrEqualTo(5).last().satisfies(probe -> {
      assertThat(probe.exitCode()).isZero();
      assertThat(Instant.parse(probe.end())).isAfterOrEqualTo(Instant.parse(probe.start()));
    });
    assertThat(docker.run("ps", "--filter", "health=healthy", "--format", "{{.Names}} {{.Status}}").out())
        .matches("turns-healthy Up .* \\(healthy\\)");
  }

  @Test
  void aFailingCheckTurnsUnhealthyAfterItsRetriesKeepingFiveResults() throws Exception {
    String since = Long.toString(Instant.now().getEpochSecond());
    docker.run("run", "-d", "--name", "turns-unhealthy", "--health-cmd", "echo not-today; exit 1",
        "--health-interval", "200ms", "--health-retries", "2", "busybox", "sleep", "600");

    Health health = awaitHealth("turns-unhealthy", h -> h.log().size() == 5);

    assertThat(health.status()).isEqualTo(Health.UNHEALTHY);
    assertThat(health.failingStreak()).isGreaterThanOrEqualTo(5);
    assertThat(health.log()).allSatisfy(probe -> {
      assertThat(probe.exitCode()).isEqualTo(1);
      assertThat(probe.output()).isEqualTo("not-today\n");
    });
    String events = docker.run("events", "--since", since, "--until", Long.toString(Instant.now().getEpochSecond()
        + 1), "--filter", "container=turns-unhealthy", "--format", "{{.Action}}").stdout();
    assertThat(events.lines().filter(action -> action.startsWith("health_status"))).containsExactly(
        "health_status: unhealthy");
    assertThat(events).contains("exec_create: /bin/sh -c echo not-today; exit 1");
    assertThat(docker.run("ps", "--filter", "health=unhealthy", "-q").out()).isNotEmpty();
  }

  @Test
  void aProbeThatOutlivesItsTimeoutFails() throws Exception {
    docker.run("run", "-d", "--name", "too-slow", "--health-cmd", "sleep 5", "--health-interval", "200ms",
        "--health-timeout", "300ms", "--health-retries", "1", "busybox", "sleep", "600");

    Health health = awaitHealth("too-slow", h -> h.status().equals(Health.UNHEALTHY));

    assertThat(health.log().getFirst().exitCode()).isEqualTo(-1);
    assertThat(health.log().getFirst().output()).isEqualTo("Health check exceeded timeout (300ms)");
  }

  @Test
  void failuresInTheStartPeriodDoNotCount() throws Exception {
    docker.run("run", "-d", "--name", "slow-start", "--health-cmd", "exit 1", "--health-interval", "200ms",
        "--health-retries", "1", "--health-start-period", "30s", "busybox", "sleep", "600");

    Health health = awaitHealth("slow-start", h -> h.log().size() >= 3);

    assertThat(health.status()).isEqualTo(Health.STARTING);
    assertThat(health.failingStreak()).isZero();
  }

  @Test
  void anImagesCheckAppliesUnlessTheContainerTurnsItOff() throws Exception {
    docker.run("create", "--name", "check-source", "--health-cmd", "true", "--health-interval", "200ms", "busybox",
        "sleep", "600");
    docker.run("commit", "check-source", "checked:1");

    docker.run("run", "-d", "--name", "inherits", "checked:1");
    docker.run("run", "-d", "--name", "opts-out", "--no-healthcheck", "checked:1");

    assertThat(docker.run("inspect", "-f", "{{json .Config.Healthcheck.Test}}", "inherits").out())
        .isEqualTo("[\"CMD-SHELL\",\"true\"]");
    assertThat(awaitHealth("inherits", h -> h.status().equals(Health.HEALTHY)).status()).isEqualTo(Health.HEALTHY);
    assertThat(docker.run("inspect", "-f", "{{json .State.Health}}", "opts-out").out()).isEqualTo("null");
    assertThat(docker.run("ps", "--filter", "health=none", "--filter", "name=opts-out", "-q").out()).isNotEmpty();
  }

  @Test
  void badHealthSettingsAreRefused() throws Exception {
    Docker.Result negative = docker.run("run", "--rm", "--health-cmd", "true", "--health-retries", "-1", "busybox",
        "true");
    Docker.Result conflicting = docker.run("run", "--rm", "--no-healthcheck", "--health-cmd", "true", "busybox",
        "true");
    Docker.Result badDuration = docker.run("run", "--rm", "--health-interval", "soon", "busybox", "true");
    Docker.Result tooShort = docker.run("run", "--rm", "--health-cmd", "true", "--health-interval", "10us",
        "busybox", "true");

    assertThat(negative.exitCode()).isEqualTo(125);
    assertThat(negative.stderr()).contains("--health-retries cannot be negative");
    assertThat(conflicting.stderr()).contains("--no-healthcheck conflicts with --health-* options");
    assertThat(badDuration.stderr()).contains("invalid argument \"soon\" for \"--health-interval\" flag");
    assertThat(tooShort.exitCode()).isEqualTo(125);
    assertThat(tooShort.stderr()).contains("Interval in Healthcheck cannot be less than 1ms");
  }

  private Health awaitHealth(String container, Predicate<Health> wanted) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    try (BerthClient client = BerthClient.connect(daemon.host())) {
      while (true) {
        ContainerInspect inspect = client.inspectContainer(container);
        Health health = inspect.state().health();
        if (health != null && wanted.test(health)) {
          return health;
        }
        assertThat(Instant.now()).as("health of " + container + ": " + health).isBefore(deadline);
        Thread.sleep(100);
      }
    }
  }
}
