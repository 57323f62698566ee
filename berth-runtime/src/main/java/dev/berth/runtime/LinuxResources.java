package dev.berth.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A container's cgroup limits in the OCI spec's terms ({@code linux.resources} without the device
 * rules), written into config.json at create and given to the runtime's update on a running
 * container. Component names are the spec's JSON field names; a null part or value is "not set",
 * which leaves the kernel's default at create and the current value at update. The runtime writes
 * them to cgroup v1 files or translates them for v2.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxResources(Memory memory, Cpu cpu, Pids pids, BlockIo blockIO) {

  /** No limits at all. */
  public static final LinuxResources NONE = new LinuxResources(null, null, null, null);

  /**
   * @param limit bytes of memory
   * @param reservation the soft limit, in bytes
   * @param swap memory plus swap, in bytes; -1 for unlimited swap
   * @param swappiness how readily the kernel swaps the container's pages out, 0 to 100
   * @param disableOOMKiller whether a container at its limit waits rather than having a process killed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Memory(Long limit, Long reservation, Long swap, Long swappiness, Boolean disableOOMKiller) {}

  /**
   * @param shares relative weight against other cgroups
   * @param quota microseconds of CPU time per period
   * @param period the CFS period, in microseconds
   * @param cpus the CPUs the container may run on ("0-1", "0,2")
   * @param mems the memory nodes it may allocate from
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cpu(Long shares, Long quota, Long period, Long realtimeRuntime, Long realtimePeriod, String cpus,
      String mems) {}

  /** @param limit the most tasks the container may have; -1 for no limit */
  public record Pids(long limit) {}

  /** @param weight the relative block I/O weight, 10 to 1000 */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlockIo(Integer weight) {}
}
