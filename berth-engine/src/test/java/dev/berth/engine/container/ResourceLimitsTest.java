package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.Resources;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.CgroupSupport;
import dev.berth.runtime.LinuxResources;
import org.junit.jupiter.api.Test;

class ResourceLimitsTest {

  private static final CgroupSupport FULL = new CgroupSupport(true, true, "0-3", "0", 4);
  private static final CgroupSupport NO_WEIGHTS = new CgroupSupport(true, false, "0-1", "0", 2);
  private static final long MIB = 1024 * 1024;

  /** Resources with the fields these tests vary; the rest as the docker CLI sends them. */
  private static Resources limits(long memory, long swap, long nanoCpus, long period, long quota, Long pids,
      int weight) {
    return new Resources(0, memory, nanoCpus, "", weight, null, null, null, null, null, period, quota, 0, 0, "", "",
        null, null, null, 0, swap, -1L, false, pids, null, 0, 0, 0, 0);
  }

  @Test
  void createCompletesTheLimitsAsDockerDoes() {
    ResourceLimits.Checked checked = ResourceLimits.forCreate(limits(32 * MIB, 0, 0, 0, 0, 0L, 0), FULL);

    assertThat(checked.resources().memorySwap()).isEqualTo(64 * MIB);
    assertThat(checked.resources().pidsLimit()).isNull();
    assertThat(checked.resources().memorySwappiness()).isNull();
    assertThat(checked.resources().oomKillDisable()).isFalse();
    assertThat(checked.warnings()).isEmpty();
  }

  @Test
  void aWeightTheKernelCannotSetIsDroppedWithAWarning() {
    ResourceLimits.Checked checked = ResourceLimits.forCreate(limits(0, 0, 0, 0, 0, null, 300), NO_WEIGHTS);

    assertThat(checked.resources().blkioWeight()).isZero();
    assertThat(checked.warnings()).containsExactly(
        "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
    assertThatThrownBy(() -> ResourceLimits.forCreate(limits(0, 0, 0, 0, 0, null, 5), FULL))
        .hasMessage("Range of blkio weight is from 10 to 1000");
  }

  @Test
  void badLimitsAreDockersErrors() {
    assertThatThrownBy(() -> ResourceLimits.forCreate(limits(-1, 0, 0, 0, 0, null, 0), FULL))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("Minimum memory limit allowed is 6MB");
    assertThatThrownBy(() -> ResourceLimits.forCreate(limits(0, 0, 3_000_000_000L, 0, 0, null, 0), NO_WEIGHTS))
        .hasMessage("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available");
    assertThatThrownBy(() -> ResourceLimits.forCreate(limits(0, 0, 500_000_000L, 0, 50_000, null, 0), FULL))
        .hasMessage("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    assertThatThrownBy(() -> ResourceLimits.forCreate(limits(0, 8 * MIB, 0, 0, 0, null, 0), FULL))
        .hasMessage("You should always set the Memory limit when using Memoryswap limit, see usage");
  }

  @Test
  void anUpdateReplacesWhatItSetsAndRefusesConflicts() {
    Resources current = ResourceLimits.forCreate(limits(32 * MIB, 0, 1_000_000_000L, 0, 0, 10L, 0), FULL)
        .resources();

    Resources merged = ResourceLimits.merge(current, limits(48 * MIB, 0, 0, 0, 0, null, 0));

    assertThat(merged.memory()).isEqualTo(48 * MIB);
    assertThat(merged.memorySwap()).isEqualTo(64 * MIB);
    assertThat(merged.nanoCpus()).isEqualTo(1_000_000_000L);
    assertThat(merged.pidsLimit()).isEqualTo(10L);
    assertThatThrownBy(() -> ResourceLimits.merge(current, limits(128 * MIB, 0, 0, 0, 0, null, 0)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("update the memoryswap at the same time");
    assertThatThrownBy(() -> ResourceLimits.merge(current, limits(0, 0, 0, 0, 20_000, null, 0)))
        .hasMessage("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
    assertThat(ResourceLimits.forUpdate(limits(0, 0, 0, 0, 0, -1L, 0), FULL).resources().pidsLimit()).isZero();
  }

  @Test
  void cpusBecomeAQuotaPerPeriodAndUnsetValuesStayUnset() {
    LinuxResources runtime = ResourceLimits.toRuntime(ResourceLimits.forCreate(
        limits(32 * MIB, 0, 1_500_000_000L, 0, 0, 0L, 0), FULL).resources());

    assertThat(runtime.cpu().quota()).isEqualTo(150_000L);
    assertThat(runtime.cpu().period()).isEqualTo(100_000L);
    assertThat(runtime.cpu().shares()).isNull();
    assertThat(runtime.memory()).isEqualTo(new LinuxResources.Memory(32 * MIB, null, 64 * MIB, null, false));
    assertThat(runtime.pids()).isNull();
    assertThat(runtime.blockIO()).isNull();
    assertThat(ResourceLimits.toRuntime(ResourceLimits.forUpdate(limits(0, 0, 0, 0, 0, -1L, 0), FULL).resources())
        .pids()).isEqualTo(new LinuxResources.Pids(-1));
  }
}
