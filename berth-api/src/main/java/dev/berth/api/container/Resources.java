package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A container's resource limits (swagger {@code Resources}): the part of {@link HostConfig} that
 * {@code POST /containers/{id}/update} may change. Boxed values are null when not given.
 */
public record Resources(
    @JsonProperty("CpuShares") long cpuShares,
    @JsonProperty("Memory") long memory,
    @JsonProperty("NanoCpus") long nanoCpus,
    @JsonProperty("CgroupParent") String cgroupParent,
    @JsonProperty("BlkioWeight") int blkioWeight,
    @JsonProperty("BlkioWeightDevice") List<Map<String, Object>> blkioWeightDevice,
    @JsonProperty("BlkioDeviceReadBps") List<Map<String, Object>> blkioDeviceReadBps,
    @JsonProperty("BlkioDeviceWriteBps") List<Map<String, Object>> blkioDeviceWriteBps,
    @JsonProperty("BlkioDeviceReadIOps") List<Map<String, Object>> blkioDeviceReadIops,
    @JsonProperty("BlkioDeviceWriteIOps") List<Map<String, Object>> blkioDeviceWriteIops,
    @JsonProperty("CpuPeriod") long cpuPeriod,
    @JsonProperty("CpuQuota") long cpuQuota,
    @JsonProperty("CpuRealtimePeriod") long cpuRealtimePeriod,
    @JsonProperty("CpuRealtimeRuntime") long cpuRealtimeRuntime,
    @JsonProperty("CpusetCpus") String cpusetCpus,
    @JsonProperty("CpusetMems") String cpusetMems,
    @JsonProperty("Devices") List<DeviceMapping> devices,
    @JsonProperty("DeviceCgroupRules") List<String> deviceCgroupRules,
    @JsonProperty("DeviceRequests") List<Map<String, Object>> deviceRequests,
    @JsonProperty("MemoryReservation") long memoryReservation,
    @JsonProperty("MemorySwap") long memorySwap,
    @JsonProperty("MemorySwappiness") Long memorySwappiness,
    @JsonProperty("OomKillDisable") Boolean oomKillDisable,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("Ulimits") List<Ulimit> ulimits,
    @JsonProperty("CpuCount") long cpuCount,
    @JsonProperty("CpuPercent") long cpuPercent,
    @JsonProperty("IOMaximumIOps") long ioMaximumIops,
    @JsonProperty("IOMaximumBandwidth") long ioMaximumBandwidth) {

  /** No limits: what a request that names none means. */
  public static Resources none() {
    return new Resources(0, 0, 0, "", 0, null, null, null, null, null, 0, 0, 0, 0, "", "", null, null, null, 0, 0,
        null, null, null, null, 0, 0, 0, 0);
  }
}
