package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerUpdateResponse;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Resources;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.client.BerthClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docker update} of resource limits: the running container's cgroup changes and the config keeps it. */
class UpdateIT extends DaemonTest {

  private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
  private static final String MEMORY = V2 ? "/sys/fs/cgroup/memory.max" : "/sys/fs/cgroup/memory/memory.limit_in_bytes";
  private static final String PIDS = V2 ? "/sys/fs/cgroup/pids.max" : "/sys/fs/cgroup/pids/pids.max";
  private static final String QUOTA = V2 ? "/sys/fs/cgroup/cpu.max" : "/sys/fs/cgroup/cpu/cpu.cfs_quota_us";

  private String read(String container, String file) throws Exception {
    return docker.run("exec", container, "cat", file).out();
  }

  @Test
  void limitsOfARunningContainerChangeInItsCgroupAndInspect() throws Exception {
    docker.run("run", "-d", "--name", "busy", "busybox", "sleep", "1000");

    Docker.Result result = docker.run("update", "-m", "64m", "--memory-swap", "128m", "--cpus", "0.5",
        "--pids-limit", "30", "--cpu-shares", "256", "busy");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out()).isEqualTo("busy");
    assertThat(read("busy", MEMORY)).isEqualTo("67108864");
    assertThat(read("busy", PIDS)).isEqualTo("30");
    assertThat(read("busy", QUOTA)).startsWith("50000");
    assertThat(docker.run("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} "
        + "{{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.HostConfig.CpuShares}}", "busy").out())
        .isEqualTo("67108864 134217728 500000000 30 256");
    Thread.sleep(1100); // the CLI sends "until" in whole seconds
    assertThat(docker.run("events", "--since", "1m", "--until", "0s", "--filter", "event=update", "--filter", "container=busy", "--format",
        "{{.Actor.Attributes.name}}").out()).isEqualTo("busy");

    assertThat(docker.run("update", "--pids-limit", "-1", "busy").exitCode()).isZero();
    assertThat(read("busy", PIDS)).isEqualTo("max");
    docker.run("rm", "-f", "busy");
  }

  @Test
  void aStoppedContainerGetsItsNewLimitsAtTheNextStart() throws Exception {
    docker.run("create", "--name", "later", "busybox", "sleep", "1000");

    assertThat(docker.run("update", "-m", "48m", "--memory-swap", "-1", "later").exitCode()).isZero();
    docker.run("start", "later");

    assertThat(read("later", MEMORY)).isEqualTo("50331648");
    assertThat(docker.run("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}", "later").out())
        .isEqualTo("50331648 -1");
    docker.run("rm", "-f", "later");
  }

  @Test
  void conflictingOrBadUpdatesChangeNothing() throws Exception {
    docker.run("run", "-d", "--name", "steady", "--cpus", "1", "busybox", "sleep", "1000");
    String id = docker.run("inspect", "-f", "{{.Id}}", "steady").out();

    Docker.Result swap = docker.run("update", "-m", "64m", "steady");
    Docker.Result quota = docker.run("update", "--cpu-quota", "20000", "steady");
    Docker.Result tiny = docker.run("update", "-m", "1m", "steady");
    Docker.Result missing = docker.run("update", "--cpus", "1", "nosuch");
    Docker.Result none = docker.run("update", "steady");

    assertThat(swap.stderr()).contains("Cannot update container " + id + ": Memory limit should be smaller than "
        + "already set memoryswap limit, update the memoryswap at the same time");
    assertThat(quota.stderr()).contains("Cannot update container " + id + ": Conflicting options: CPU Quota cannot "
        + "be updated as NanoCPUs has already been set");
    assertThat(tiny.stderr()).contains("Minimum memory limit allowed is 6MB");
    assertThat(missing.stderr()).contains("No such container: nosuch");
    assertThat(none.stderr()).contains("you must provide one or more flags when using this command");
    assertThat(List.of(swap, quota, tiny, missing, none)).allMatch(r -> r.exitCode() == 1);
    assertThat(docker.run("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.CpuQuota}}", "steady").out())
        .isEqualTo("0 0");
    docker.run("rm", "-f", "steady");
  }

  @Test
  void theJavaClientCreatesWithLimitsAndUpdatesThem() throws Exception {
    try (BerthClient client = BerthClient.connect(daemon.host())) {
      HostConfig limited = HostConfig.defaults().withResources(memory(Resources.none(), 32L << 20, 0));
      String id = client.createContainer("client-made", new ContainerCreateRequest(
          ContainerConfig.empty().withImage("busybox").withProcess(null, List.of("sleep", "1000"), null, "", ""), limited, null)).id();
      client.start(id);

      ContainerUpdateResponse response = client.update(id, new ContainerUpdateRequest(
          memory(Resources.none(), 96L << 20, 192L << 20), new HostConfig.RestartPolicy("", 0)));
      ContainerInspect inspect = client.inspectContainer(id);

      assertThat(response.warnings()).isEmpty();
      assertThat(inspect.hostConfig().memory()).isEqualTo(96L << 20);
      assertThat(inspect.hostConfig().memorySwap()).isEqualTo(192L << 20);
      assertThat(read(id, MEMORY)).isEqualTo(Long.toString(96L << 20));
      assertThatThrownBy(() -> client.update(id, new ContainerUpdateRequest(memory(Resources.none(), 1L << 30, 0),
          null))).isInstanceOf(ConflictException.class).hasMessageContaining("memoryswap");
      client.remove(id, true, false);
    }
  }

  @Test
  void theJavaClientIsRefusedNegativeLimitsAndNothingIsCreated() throws Exception {
    try (BerthClient client = BerthClient.connect(daemon.host())) {
      for (Resources bad : List.of(memory(Resources.none(), -5, 0), memory(Resources.none(), 64L << 20, 32L << 20))) {
        HostConfig hostConfig = HostConfig.defaults().withResources(bad);
        assertThatThrownBy(() -> client.createContainer(null, new ContainerCreateRequest(
            ContainerConfig.empty().withImage("busybox").withProcess(null, List.of("true"), null, "", ""), hostConfig, null)))
            .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Minimum memory");
      }
    }
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }

  @Test
  void berthsOwnCliSetsAndUpdatesLimits() throws Exception {
    Docker.Result created = BerthCommand.run(daemon, "run", "-d", "--name", "by-berth", "-m", "32m", "--cpus", "0.5",
        "--pids-limit", "20", "--ulimit", "nofile=64:128", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        "busybox", "sleep", "1000");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(read("by-berth", MEMORY)).isEqualTo("33554432");
    assertThat(docker.run("exec", "by-berth", "sh", "-c", "grep 'open files' /proc/1/limits; grep -E "
        + "'CapEff|NoNewPrivs' /proc/1/status").out().lines()).containsExactly(
        "Max open files            64                   128                  files     ",
        "CapEff:\t0000000000000000", "NoNewPrivs:\t1");

    Docker.Result updated = BerthCommand.run(daemon, "update", "-m", "48m", "--memory-swap", "96m", "--pids-limit", "40",
        "by-berth");
    Docker.Result refused = BerthCommand.run(daemon, "update", "-m", "1g", "by-berth");

    assertThat(updated.out()).isEqualTo("by-berth");
    assertThat(read("by-berth", MEMORY)).isEqualTo("50331648");
    assertThat(read("by-berth", PIDS)).isEqualTo("40");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("update the memoryswap at the same time");
    docker.run("rm", "-f", "by-berth");
  }

  private static Resources memory(Resources r, long memory, long swap) {
    return new Resources(r.cpuShares(), memory, r.nanoCpus(), r.cgroupParent(), r.blkioWeight(), r.blkioWeightDevice(),
        r.blkioDeviceReadBps(), r.blkioDeviceWriteBps(), r.blkioDeviceReadIops(), r.blkioDeviceWriteIops(),
        r.cpuPeriod(), r.cpuQuota(), r.cpuRealtimePeriod(), r.cpuRealtimeRuntime(), r.cpusetCpus(), r.cpusetMems(),
        r.devices(), r.deviceCgroupRules(), r.deviceRequests(), r.memoryReservation(), swap, r.memorySwappiness(),
        r.oomKillDisable(), r.pidsLimit(), r.ulimits(), r.cpuCount(), r.cpuPercent(), r.ioMaximumIops(),
        r.ioMaximumBandwidth());
  }
}
