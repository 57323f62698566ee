package dev.berth.engine.container;

import dev.berth.api.container.Resources;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.CgroupSupport;
import dev.berth.runtime.LinuxResources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A container's resource limits as dockerd checks, completes and applies them: the API's {@link
 * Resources} are validated with Docker's errors, a limit this host cannot enforce is dropped with
 * Docker's warning, and what remains becomes the runtime's {@link LinuxResources}.
 */
final class ResourceLimits {

  /** Docker's floor for a memory limit, leaving room for the container's own start-up. */
  private static final long MIN_MEMORY = 6L * 1024 * 1024;
  private static final long CFS_PERIOD_MICROS = 100_000;
  private static final long NANOS_PER_CPU = 1_000_000_000L;

  /** Limits that passed the checks, and what was dropped on the way. */
  record Checked(Resources resources, List<String> warnings) {}

  private ResourceLimits() {}

  /**
   * The limits a new container is created with: checked, then completed as Docker completes them
   * (swap twice the memory, the OOM killer on, no pids limit for a zero or negative one).
   */
  static Checked forCreate(Resources requested, CgroupSupport host) {
    Checked checked = check(requested, host, false);
    Resources r = checked.resources();
    long swap = r.memory() > 0 && r.memorySwap() == 0 ? r.memory() * 2 : r.memorySwap();
    Long pids = r.pidsLimit() != null && r.pidsLimit() <= 0 ? null : r.pidsLimit();
    Boolean oomKillDisable = r.oomKillDisable() == null ? Boolean.FALSE : r.oomKillDisable();
    return new Checked(with(r, r.memory(), swap, r.memoryReservation(), r.memorySwappiness(), oomKillDisable, pids,
        r.blkioWeight(), r.nanoCpus(), r.cpuPeriod(), r.cpuQuota(), r.cpuShares(), r.cpusetCpus(), r.cpusetMems(),
        r.cpuRealtimePeriod(), r.cpuRealtimeRuntime()), checked.warnings());
  }

  /** An update's new limits, checked on their own as dockerd checks them before merging. */
  static Checked forUpdate(Resources update, CgroupSupport host) {
    Long pids = update.pidsLimit() != null && update.pidsLimit() <= 0 ? Long.valueOf(0) : update.pidsLimit();
    Resources normalized = with(update, update.memory(), update.memorySwap(), update.memoryReservation(),
        update.memorySwappiness(), update.oomKillDisable(), pids, update.blkioWeight(), update.nanoCpus(),
        update.cpuPeriod(), update.cpuQuota(), update.cpuShares(), update.cpusetCpus(), update.cpusetMems(),
        update.cpuRealtimePeriod(), update.cpuRealtimeRuntime());
    return check(normalized, host, true);
  }

  /**
   * The container's limits after {@code update}: each value the update sets replaces the current
   * one (Docker's UpdateContainer). CPUs given as a count and as period/quota exclude each other, and
   * a memory limit above the current swap limit needs a new swap limit too.
   *
   * @throws ConflictException in Docker's words
   */
  static Resources merge(Resources current, Resources update) {
    if (update.nanoCpus() > 0 && current.cpuPeriod() > 0) {
      throw conflict("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
    }
    if (update.nanoCpus() > 0 && current.cpuQuota() > 0) {
      throw conflict("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
    }
    if (update.cpuPeriod() > 0 && current.nanoCpus() > 0) {
      throw conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
    }
    if (update.cpuQuota() > 0 && current.nanoCpus() > 0) {
      throw conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
    }
    if (update.memory() != 0 && update.memory() > current.memorySwap() && update.memorySwap() == 0) {
      throw conflict("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at "
          + "the same time");
    }
    return with(current,
        update.memory() != 0 ? update.memory() : current.memory(),
        update.memorySwap() != 0 ? update.memorySwap() : current.memorySwap(),
        update.memoryReservation() != 0 ? update.memoryReservation() : current.memoryReservation(),
        current.memorySwappiness(), current.oomKillDisable(),
        update.pidsLimit() != null ? update.pidsLimit() : current.pidsLimit(),
        update.blkioWeight() != 0 ? update.blkioWeight() : current.blkioWeight(),
        update.nanoCpus() != 0 ? update.nanoCpus() : current.nanoCpus(),
        update.cpuPeriod() != 0 ? update.cpuPeriod() : current.cpuPeriod(),
        update.cpuQuota() != 0 ? update.cpuQuota() : current.cpuQuota(),
        update.cpuShares() != 0 ? update.cpuShares() : current.cpuShares(),
        nonEmpty(update.cpusetCpus()) ? update.cpusetCpus() : current.cpusetCpus(),
        nonEmpty(update.cpusetMems()) ? update.cpusetMems() : current.cpusetMems(),
        update.cpuRealtimePeriod() != 0 ? update.cpuRealtimePeriod() : current.cpuRealtimePeriod(),
        update.cpuRealtimeRuntime() != 0 ? update.cpuRealtimeRuntime() : current.cpuRealtimeRuntime());
  }

  /**
   * The runtime's form of {@code r}; values left at zero are not set. A CPU count becomes a quota per
   * 100 ms period; a pids limit of zero or less is "no limit".
   */
  static LinuxResources toRuntime(Resources r) {
    LinuxResources.Memory memory = new LinuxResources.Memory(positive(r.memory()), positive(r.memoryReservation()),
        positive(r.memorySwap()), r.memorySwappiness(), r.oomKillDisable());
    Long period = r.nanoCpus() > 0 ? Long.valueOf(CFS_PERIOD_MICROS) : nonZero(r.cpuPeriod());
    Long quota = r.nanoCpus() > 0 ? Long.valueOf(r.nanoCpus() * CFS_PERIOD_MICROS / NANOS_PER_CPU)
        : nonZero(r.cpuQuota());
    LinuxResources.Cpu cpu = new LinuxResources.Cpu(nonZero(r.cpuShares()), quota, period,
        nonZero(r.cpuRealtimeRuntime()), nonZero(r.cpuRealtimePeriod()), emptyToNull(r.cpusetCpus()),
        emptyToNull(r.cpusetMems()));
    LinuxResources.Pids pids = r.pidsLimit() == null ? null
        : new LinuxResources.Pids(r.pidsLimit() <= 0 ? -1 : r.pidsLimit());
    LinuxResources.BlockIo blockIo = r.blkioWeight() > 0 ? new LinuxResources.BlockIo(r.blkioWeight()) : null;
    return new LinuxResources(isEmpty(memory) ? null : memory, isEmpty(cpu) ? null : cpu, pids, blockIo);
  }

  /** dockerd's verifyPlatformContainerResources, for this host. */
  private static Checked check(Resources r, CgroupSupport host, boolean update) {
    List<String> warnings = new ArrayList<>();
    long memorySwap = r.memorySwap();
    Long swappiness = r.memorySwappiness() != null && r.memorySwappiness() == -1 ? null : r.memorySwappiness();
    int blkioWeight = r.blkioWeight();
    if (r.memory() != 0 && r.memory() < MIN_MEMORY) {
      throw invalid("Minimum memory limit allowed is 6MB");
    }
    if (r.memory() > 0 && memorySwap != -1 && !host.swapLimit()) {
      warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted. "
          + "Memory limited without swap.");
      memorySwap = -1;
    }
    if (r.memory() > 0 && memorySwap > 0 && memorySwap < r.memory()) {
      throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (r.memory() == 0 && memorySwap > 0 && !update) {
      throw invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (swappiness != null && (swappiness < 0 || swappiness > 100)) {
      throw invalid("Invalid value: " + swappiness + ", valid memory swappiness range is 0-100");
    }
    if (r.memoryReservation() > 0 && r.memoryReservation() < MIN_MEMORY) {
      throw invalid("Minimum memory reservation allowed is 6MB");
    }
    if (r.memory() > 0 && r.memoryReservation() > 0 && r.memory() < r.memoryReservation()) {
      throw invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    if (Boolean.TRUE.equals(r.oomKillDisable()) && r.memory() == 0) {
      warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can result in the "
          + "system running out of resources.");
    }
    if (r.nanoCpus() > 0 && r.cpuPeriod() > 0) {
      throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (r.nanoCpus() > 0 && r.cpuQuota() > 0) {
      throw invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    if (r.nanoCpus() != 0 && (r.nanoCpus() < 0 || r.nanoCpus() > host.cpuCount() * NANOS_PER_CPU)) {
      throw invalid("Range of CPUs is from 0.01 to " + host.cpuCount() + ".00, as there are only "
          + host.cpuCount() + " CPUs available");
    }
    if (r.cpuShares() < 0) {
      throw invalid("invalid CPU shares (" + r.cpuShares() + "): value must be a positive integer");
    }
    if (r.cpuPeriod() != 0 && (r.cpuPeriod() < 1000 || r.cpuPeriod() > 1_000_000)) {
      throw invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (r.cpuQuota() > 0 && r.cpuQuota() < 1000) {
      throw invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    requireAvailable(r.cpusetCpus(), host.cpus(), "cpuset cpus", "CPUs");
    requireAvailable(r.cpusetMems(), host.mems(), "cpuset mems", "memory nodes");
    if (blkioWeight > 0 && !host.blkioWeight()) {
      warnings.add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
      blkioWeight = 0;
    }
    if (blkioWeight > 0 && (blkioWeight < 10 || blkioWeight > 1000)) {
      throw invalid("Range of blkio weight is from 10 to 1000");
    }
    if (r.ioMaximumIops() != 0 || r.ioMaximumBandwidth() != 0) {
      throw invalid("Invalid QoS settings: linux does not support Maximum IO Bandwidth or Maximum IO IOps");
    }
    Resources checked = with(r, r.memory(), memorySwap, r.memoryReservation(), swappiness, r.oomKillDisable(),
        r.pidsLimit(), blkioWeight, r.nanoCpus(), r.cpuPeriod(), r.cpuQuota(), r.cpuShares(), r.cpusetCpus(),
        r.cpusetMems(), r.cpuRealtimePeriod(), r.cpuRealtimeRuntime());
    return new Checked(checked, List.copyOf(warnings));
  }

  /** A cpuset list ("0-2,4") whose every member the host has. */
  private static void requireAvailable(String requested, String available, String what, String plural) {
    if (requested == null || requested.isEmpty()) {
      return;
    }
    TreeSet<Integer> wanted = parseList(requested);
    if (wanted == null) {
      throw invalid("Invalid value " + requested + " for " + what + ": invalid format: " + requested);
    }
    TreeSet<Integer> present = parseList(available);
    if (present == null || !present.containsAll(wanted)) {
      throw invalid("Requested " + plural + " are not available - requested " + requested + ", available: "
          + available);
    }
  }

  /** The members of a list such as "0-2,4", or null when it is malformed. */
  private static TreeSet<Integer> parseList(String list) {
    TreeSet<Integer> members = new TreeSet<>();
    for (String part : list.split(",", -1)) {
      String[] range = part.split("-", -1);
      try {
        int from = Integer.parseInt(range[0]);
        int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
        if (range.length > 2 || from < 0 || to < from) {
          return null;
        }
        for (int i = from; i <= to; i++) {
          members.add(i);
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return members;
  }

  private static Resources with(Resources r, long memory, long memorySwap, long memoryReservation, Long swappiness,
      Boolean oomKillDisable, Long pidsLimit, int blkioWeight, long nanoCpus, long cpuPeriod, long cpuQuota,
      long cpuShares, String cpusetCpus, String cpusetMems, long realtimePeriod, long realtimeRuntime) {
    return new Resources(cpuShares, memory, nanoCpus, r.cgroupParent(), blkioWeight, r.blkioWeightDevice(),
        r.blkioDeviceReadBps(), r.blkioDeviceWriteBps(), r.blkioDeviceReadIops(), r.blkioDeviceWriteIops(), cpuPeriod,
        cpuQuota, realtimePeriod, realtimeRuntime, cpusetCpus, cpusetMems, r.devices(), r.deviceCgroupRules(),
        r.deviceRequests(), memoryReservation, memorySwap, swappiness, oomKillDisable, pidsLimit, r.ulimits(),
        r.cpuCount(), r.cpuPercent(), r.ioMaximumIops(), r.ioMaximumBandwidth());
  }

  private static boolean isEmpty(LinuxResources.Memory m) {
    return m.equals(new LinuxResources.Memory(null, null, null, null, null));
  }

  private static boolean isEmpty(LinuxResources.Cpu c) {
    return c.equals(new LinuxResources.Cpu(null, null, null, null, null, null, null));
  }

  private static Long positive(long value) {
    return value > 0 ? value : null;
  }

  private static Long nonZero(long value) {
    return value != 0 ? value : null;
  }

  private static boolean nonEmpty(String text) {
    return text != null && !text.isEmpty();
  }

  private static String emptyToNull(String text) {
    return nonEmpty(text) ? text : null;
  }

  private static InvalidArgumentException invalid(String message) {
    return new InvalidArgumentException(message);
  }

  private static ConflictException conflict(String message) {
    return new ConflictException(message);
  }
}
