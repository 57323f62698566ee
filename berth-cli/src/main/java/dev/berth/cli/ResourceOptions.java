package dev.berth.cli;

import dev.berth.api.container.DeviceMapping;
import dev.berth.api.container.Resources;
import dev.berth.api.container.Ulimit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The resource-limit flags that {@code create}, {@code run} and {@code update} share, null when not
 * given, and the {@link Resources} each command sends from them as the docker CLI builds them.
 */
public final class ResourceOptions {

  @Option(names = "--blkio-weight", paramLabel = "uint16",
      description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
  String blkioWeight;

  @Option(names = "--cpu-period", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) period")
  Long cpuPeriod;

  @Option(names = "--cpu-quota", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
  Long cpuQuota;

  @Option(names = "--cpu-rt-period", paramLabel = "int", description = "Limit the CPU real-time period in microseconds")
  Long cpuRtPeriod;

  @Option(names = "--cpu-rt-runtime", paramLabel = "int",
      description = "Limit the CPU real-time runtime in microseconds")
  Long cpuRtRuntime;

  @Option(names = {"-c", "--cpu-shares"}, paramLabel = "int", description = "CPU shares (relative weight)")
  Long cpuShares;

  @Option(names = "--cpus", paramLabel = "decimal", description = "Number of CPUs")
  String cpus;

  @Option(names = "--cpuset-cpus", paramLabel = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
  String cpusetCpus;

  @Option(names = "--cpuset-mems", paramLabel = "string", description = "MEMs in which to allow execution (0-3, 0,1)")
  String cpusetMems;

  @Option(names = {"-m", "--memory"}, paramLabel = "bytes", description = "Memory limit")
  String memory;

  @Option(names = "--memory-reservation", paramLabel = "bytes", description = "Memory soft limit")
  String memoryReservation;

  @Option(names = "--memory-swap", paramLabel = "bytes",
      description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
  String memorySwap;

  @Option(names = "--pids-limit", paramLabel = "int", description = "Tune container pids limit (set -1 for unlimited)")
  Long pidsLimit;

  /** Whether any of these flags was given. */
  boolean anyGiven() {
    return Stream.of(blkioWeight, cpuPeriod, cpuQuota, cpuRtPeriod, cpuRtRuntime, cpuShares, cpus, cpusetCpus,
        cpusetMems, memory, memoryReservation, memorySwap, pidsLimit).anyMatch(v -> v != null);
  }

  /** A new container's limits: the pids limit is 0 when not given, the lists of device limits empty. */
  Resources forCreate(long memorySwappiness, boolean oomKillDisable, List<DeviceMapping> devices,
      List<Ulimit> ulimits) {
    return build(List.of(), devices, memorySwappiness, oomKillDisable, pidsLimit == null ? 0L : pidsLimit, ulimits);
  }

  /** An update's limits: zero or null for what is left as it is; a pids limit only when given and not 0. */
  Resources forUpdate() {
    return build(null, null, null, null, pidsLimit == null || pidsLimit == 0 ? null : pidsLimit, null);
  }

  private Resources build(List<Map<String, Object>> deviceLimits, List<DeviceMapping> devices,
      Long memorySwappiness, Boolean oomKillDisable, Long pids, List<Ulimit> ulimits) {
    return new Resources(orZero(cpuShares), memory == null ? 0 : ContainerOptions.ramInBytes(memory, "-m, --memory"),
        cpus == null ? 0 : ResourceFlags.nanoCpus(cpus), "",
        blkioWeight == null ? 0 : ResourceFlags.blkioWeight(blkioWeight), deviceLimits, deviceLimits, deviceLimits,
        deviceLimits, deviceLimits, orZero(cpuPeriod), orZero(cpuQuota), orZero(cpuRtPeriod), orZero(cpuRtRuntime),
        cpusetCpus == null ? "" : cpusetCpus, cpusetMems == null ? "" : cpusetMems, devices, null, null,
        memoryReservation == null ? 0 : ContainerOptions.ramInBytes(memoryReservation, "--memory-reservation"),
        memorySwap == null ? 0 : ResourceFlags.memorySwap(memorySwap), memorySwappiness, oomKillDisable, pids,
        ulimits, 0, 0, 0, 0);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
