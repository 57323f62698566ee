package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resource limits through the docker CLI: what a container sees in its cgroup and process limits,
 * what inspect shows, the OOM killer, and Docker's errors for limits it refuses.
 */
class ResourceLimitsIT extends DaemonTest {

  /** Whether the host runs cgroup v2 alone; the files a container reads its limits from differ. */
  private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));

  private String inContainer(String... runArgs) throws Exception {
    Docker.Result result = docker.run(runArgs);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.out();
  }

  /** What inspect shows with {@code format} for a new container created with {@code flags}. */
  private String inspectNew(String format, String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("create"));
    args.addAll(List.of(flags));
    args.addAll(List.of("busybox", "true"));
    String id = docker.run(args.toArray(String[]::new)).out();
    try {
      return docker.run("inspect", "-f", format, id).out();
    } finally {
      docker.run("rm", id);
    }
  }

  private static String[] run(List<String> flags, String script) {
    List<String> args = new ArrayList<>(List.of("run", "--rm"));
    args.addAll(flags);
    args.addAll(List.of("busybox", "sh", "-c", script));
    return args.toArray(String[]::new);
  }

  @Test
  void memoryLimitsAreTheContainersCgroupsAndInspectShowsThem() throws Exception {
    String script = V2 ? "cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory.low"
        : "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes "
            + "/sys/fs/cgroup/memory/memory.soft_limit_in_bytes";
    String seen = inContainer(run(List.of("-m", "32m", "--memory-reservation", "16m"), script));

    assertThat(seen.lines()).containsExactlyElementsOf(V2 ? List.of("33554432", "16777216")
        : List.of("33554432", "67108864", "16777216"));
    assertThat(inspectNew("{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}} "
        + "{{.HostConfig.OomKillDisable}}", "-m", "32m", "--memory-reservation", "16m", "--oom-kill-disable"))
        .isEqualTo("33554432 67108864 16777216 true");
  }

  @Test
  void cpuLimitsAreTheContainersCgroups() throws Exception {
    String script = V2 ? "cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpuset.cpus"
        : "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us "
            + "/sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/cpuset/cpuset.cpus";
    String cpus = inContainer(run(List.of("--cpus", "0.5", "--cpu-shares", "512", "--cpuset-cpus", "0"), script));
    String quota = inContainer(run(List.of("--cpu-period", "50000", "--cpu-quota", "25000"), V2
        ? "cat /sys/fs/cgroup/cpu.max" : "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us"));

    assertThat(cpus.lines()).containsExactlyElementsOf(V2 ? List.of("50000 100000", "0")
        : List.of("50000", "100000", "512", "0"));
    assertThat(quota.lines()).containsExactlyElementsOf(V2 ? List.of("25000 50000") : List.of("25000", "50000"));
    assertThat(inspectNew("{{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}", "--cpus", "1.5", "-c", "100"))
        .isEqualTo("1500000000 100");
  }

  @Test
  void thePidsLimitStopsForksBeyondIt() throws Exception {
    Docker.Result result = docker.run(run(List.of("--pids-limit", "4"),
        "cat /sys/fs/cgroup/pids" + (V2 ? "" : "/pids") + ".max; for i in 1 2 3 4 5 6; do sleep 5 & done; wait"));

    assertThat(result.stdout()).startsWith("4\n");
    assertThat(result.stderr()).contains("can't fork");
  }

  @Test
  void ulimitsAndShmSizeReachTheProcess() throws Exception {
    String limits = inContainer(run(List.of("--ulimit", "nofile=100:200", "--ulimit", "nproc=50"),
        "ulimit -n; ulimit -Hn; ulimit -u"));
    String shm = inContainer(run(List.of(), "df -k /dev/shm | tail -1"));
    String smallShm = inContainer(run(List.of("--shm-size", "1m"), "df -k /dev/shm | tail -1"));

    assertThat(limits.lines()).containsExactly("100", "200", "50");
    assertThat(shm.split("\\s+")[1]).isEqualTo("65536");
    assertThat(smallShm.split("\\s+")[1]).isEqualTo("1024");
    assertThat(inspectNew("{{json .HostConfig.Ulimits}} {{.HostConfig.ShmSize}}", "--ulimit", "nofile=100:200",
        "--shm-size", "1m")).isEqualTo("[{\"Name\":\"nofile\",\"Hard\":200,\"Soft\":100}] 1048576");
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilledWith137() throws Exception {
    Docker.Result result = docker.run("run", "--name", "hog", "-m", "8m", "busybox", "sh", "-c",
        "x=a; while true; do x=$x$x; done");

    assertThat(result.exitCode()).isEqualTo(137);
    assertThat(docker.run("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "hog").out())
        .isEqualTo("true 137");
    Thread.sleep(1100); // the CLI sends "until" in whole seconds
    assertThat(docker.run("events", "--since", "2m", "--until", "0s", "--filter", "container=hog",
        "--format", "{{.Action}}").out().lines()).contains("oom", "die");

    docker.run("rm", "hog");
    Docker.Result child = docker.run("run", "--name", "parent", "-m", "8m", "busybox", "sh", "-c",
        "sh -c 'x=a; while true; do x=$x$x; done'; exit 3");
    assertThat(child.exitCode()).isEqualTo(3);
    assertThat(docker.run("inspect", "-f", "{{.State.OOMKilled}}", "parent").out()).isEqualTo("true");
    docker.run("rm", "parent");
  }

  @Test
  void aRestartedContainerIsNoLongerOomKilled() throws Exception {
    docker.run("run", "--name", "once", "-m", "8m", "busybox", "sh", "-c",
        "if [ ! -e /done ]; then touch /done; x=a; while true; do x=$x$x; done; fi");
    assertThat(docker.run("inspect", "-f", "{{.State.OOMKilled}}", "once").out()).isEqualTo("true");

    docker.run("start", "-a", "once");

    assertThat(docker.run("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "once").out())
        .isEqualTo("false 0");
    docker.run("rm", "once");
  }

  @Test
  void limitsTheKernelCannotApplyAreDroppedWithDockersWarning() throws Exception {
    boolean weights = Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
        || Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight")) || V2;
    Docker.Result result = docker.run("create", "--name", "weighted", "--blkio-weight", "300", "busybox", "true");

    assertThat(result.exitCode()).isZero();
    if (weights) {
      assertThat(docker.run("inspect", "-f", "{{.HostConfig.BlkioWeight}}", "weighted").out()).isEqualTo("300");
    } else {
      assertThat(result.stderr()).contains("WARNING: Your kernel does not support Block I/O weight or the cgroup is "
          + "not mounted. Weight discarded.");
      assertThat(docker.run("inspect", "-f", "{{.HostConfig.BlkioWeight}}", "weighted").out()).isEqualTo("0");
    }
    docker.run("rm", "weighted");
  }

  @Test
  void badLimitsGetDockersErrorsAndCreateNothing() throws Exception {
    List<CreateRefusals.Case> cases = List.of(
        new CreateRefusals.Case(List.of("-m", "1m"), "Minimum memory limit allowed is 6MB"),
        new CreateRefusals.Case(List.of("-m", "20m", "--memory-swap", "10m"),
            "Minimum memoryswap limit should be larger than memory limit, see usage"),
        new CreateRefusals.Case(List.of("--memory-swap", "10m"),
            "You should always set the Memory limit when using Memoryswap limit, see usage"),
        new CreateRefusals.Case(List.of("--memory-reservation", "1m"), "Minimum memory reservation allowed is 6MB"),
        new CreateRefusals.Case(List.of("-m", "32m", "--memory-reservation", "64m"),
            "Minimum memory limit can not be less than memory reservation limit, see usage"),
        new CreateRefusals.Case(List.of("--cpus", "0.5", "--cpu-quota", "50000"),
            "Conflicting options: Nano CPUs and CPU Quota cannot both be set"),
        new CreateRefusals.Case(List.of("--cpus", "0.5", "--cpu-period", "50000"),
            "Conflicting options: Nano CPUs and CPU Period cannot both be set"),
        new CreateRefusals.Case(List.of("--cpus", "512"), "Range of CPUs is from 0.01 to "),
        new CreateRefusals.Case(List.of("--cpu-period", "100"),
            "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"),
        new CreateRefusals.Case(List.of("--cpu-quota", "100"), "CPU cfs quota can not be less than 1ms (i.e. 1000)"),
        new CreateRefusals.Case(List.of("--cpu-shares", "-5"), "invalid CPU shares (-5): value must be a positive integer"),
        new CreateRefusals.Case(List.of("--cpuset-cpus", "4096"), "Requested CPUs are not available - requested 4096"),
        new CreateRefusals.Case(List.of("--cpuset-cpus", "abc"), "Invalid value abc for cpuset cpus: invalid format: abc"));
    CreateRefusals.assertRefused(docker, cases);
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }

  @Test
  void badFlagValuesAreRefusedByTheCli() throws Exception {
    assertThat(docker.run("create", "-m", "-1", "busybox", "true").stderr()).contains("invalid size: '-1'");
    assertThat(docker.run("create", "--ulimit", "nofile=10:5", "busybox", "true").stderr())
        .contains("ulimit soft limit must be less than or equal to hard limit: 10 > 5");
    assertThat(docker.run("create", "--ulimit", "bogus=1", "busybox", "true").stderr())
        .contains("invalid ulimit type: bogus");
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }
}
