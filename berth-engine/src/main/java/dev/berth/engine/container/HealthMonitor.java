package dev.berth.engine.container;

import dev.berth.api.container.Health;
import dev.berth.api.container.HealthConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Runs each running container's health check, as dockerd does: a probe every interval (the start
 * interval during the start period), the status {@code starting} until a probe passes or enough fail
 * in a row ({@code retries}; failures in the start period do not count until the first pass), the
 * last five results kept, and a {@code health_status: <status>} event at each change. A stopped
 * container keeps its last health until it starts again.
 */
final class HealthMonitor {

  private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());

  private final ExecService execs;
  private final ExecService.Publisher events;
  private final Map<String, Health> health = new ConcurrentHashMap<>();
  private final Map<String, Thread> probes = new ConcurrentHashMap<>();

  HealthMonitor(ExecService execs, ExecService.Publisher events) {
    this.execs = execs;
    this.events = events;
  }

  /** Starts probing a container that has just started, if its config has a health check. */
  void started(Container container) {
    ContainerRecord record = container.record();
    HealthConfig config = record.config().healthcheck();
    Optional<List<String>> command = HealthChecks.command(config, record.config().shell());
    stopped(record.id());
    if (command.isEmpty()) {
      health.remove(record.id());
      return;
    }
    health.put(record.id(), new Health(Health.STARTING, 0, List.of()));
    Thread probing = Thread.ofVirtual().name("health-" + record.id().substring(0, 12))
        .unstarted(() -> probeUntilStopped(container, config, command.get()));
    probes.put(record.id(), probing);
    probing.start();
  }

  /** Stops probing (the container stopped or is being removed); the last health stays to be seen. */
  void stopped(String id) {
    Thread probing = probes.remove(id);
    if (probing != null) {
      probing.interrupt();
    }
  }

  void removed(String id) {
    stopped(id);
    health.remove(id);
  }

  /** The container's health, or null when it has no health check. */
  Health of(String id) {
    return health.get(id);
  }

  private void probeUntilStopped(Container container, HealthConfig config, List<String> command) {
    ContainerRecord started = container.record();
    Instant startPeriodEnd = started.startedAt().plus(HealthChecks.startPeriod(config));
    try {
      while (!Thread.currentThread().isInterrupted()) {
        boolean inStartPeriod = Instant.now().isBefore(startPeriodEnd);
        Thread.sleep(inStartPeriod ? HealthChecks.startInterval(config) : HealthChecks.interval(config));
        if (container.record().status() != ContainerStatus.RUNNING) {
          continue; // paused: Docker skips probes until the container runs again
        }
        ExecService.ProbeResult result = execs.probe(started.id(), command, HealthChecks.timeout(config));
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        record(container, config, result, Instant.now().isBefore(startPeriodEnd));
      }
    } catch (InterruptedException stopped) {
      // the container stopped
    } catch (RuntimeException e) {
      LOG.warning("health check of container " + started.id() + " stopped: " + e.getMessage());
    }
  }

  private void record(Container container, HealthConfig config, ExecService.ProbeResult result,
      boolean inStartPeriod) {
    String id = container.record().id();
    Health before = health.get(id);
    if (before == null) {
      return;
    }
    List<Health.Result> log = new ArrayList<>(before.log());
    log.add(new Health.Result(ContainerService.time(result.start()), ContainerService.time(result.end()),
        result.exitCode(), result.output()));
    while (log.size() > HealthChecks.MAX_RESULTS) {
      log.removeFirst();
    }
    String status = before.status();
    int failingStreak = before.failingStreak();
    if (result.exitCode() == 0) {
      status = Health.HEALTHY;
      failingStreak = 0;
    } else if (!(inStartPeriod && status.equals(Health.STARTING))) {
      failingStreak++;
      if (failingStreak >= HealthChecks.retries(config)) {
        status = Health.UNHEALTHY;
      }
    }
    health.put(id, new Health(status, failingStreak, List.copyOf(log)));
    if (!status.equals(before.status())) {
      events.publish(container.record(), "health_status: " + status, Map.of());
    }
  }
}
