package dev.berth.cli;

import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerUpdateResponse;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Resources;
import dev.berth.client.BerthClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth update}: new resource limits or restart policy for one or more containers. */
@Command(name = "update", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
    description = "Update configuration of one or more containers")
public final class UpdateCommand extends BaseCommand {

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

  @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits")
  String restart;

  @Parameters(hidden = true)
  List<String> ids;

  @Override
  protected int run() {
    requireAtLeast(ids, 1);
    boolean anyFlag = Stream.of(blkioWeight, cpuPeriod, cpuQuota, cpuRtPeriod, cpuRtRuntime, cpuShares, cpus,
        cpusetCpus, cpusetMems, memory, memoryReservation, memorySwap, pidsLimit, restart).anyMatch(v -> v != null);
    if (!anyFlag) {
      throw new CliExit(1, "you must provide one or more flags when using this command");
    }
    HostConfig.RestartPolicy policy = restart == null || restart.isEmpty() ? new HostConfig.RestartPolicy("", 0)
        : ContainerOptions.parseRestart(restart);
    ContainerUpdateRequest request = new ContainerUpdateRequest(resources(), policy);
    BerthClient client = cli().client();
    List<String> warnings = new ArrayList<>();
    try {
      return ContainerCommands.each(cli(), ids, id -> {
        ContainerUpdateResponse response = client.update(id, request);
        if (response.warnings() != null) {
          warnings.addAll(response.warnings());
        }
      });
    } finally {
      // after the names, before any error, as docker prints them
      if (!warnings.isEmpty()) {
        cli().out().println(String.join("\n", warnings));
        cli().out().flush();
      }
    }
  }

  /** Zero for each limit not given, as the docker CLI sends it; a pids limit only when given and not 0. */
  private Resources resources() {
    return new Resources(orZero(cpuShares), memory == null ? 0 : ContainerOptions.ramInBytes(memory, "-m, --memory"),
        cpus == null ? 0 : ResourceFlags.nanoCpus(cpus), "", blkioWeight == null ? 0
        : ResourceFlags.blkioWeight(blkioWeight), null, null, null, null, null, orZero(cpuPeriod), orZero(cpuQuota),
        orZero(cpuRtPeriod), orZero(cpuRtRuntime), cpusetCpus == null ? "" : cpusetCpus,
        cpusetMems == null ? "" : cpusetMems, null, null, null,
        memoryReservation == null ? 0 : ContainerOptions.ramInBytes(memoryReservation, "--memory-reservation"),
        memorySwap == null ? 0 : ResourceFlags.memorySwap(memorySwap), null, null,
        pidsLimit == null || pidsLimit == 0 ? null : pidsLimit, null, 0, 0, 0, 0);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
