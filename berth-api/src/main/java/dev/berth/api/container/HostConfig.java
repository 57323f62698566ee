package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The host-dependent part of a container's configuration (swagger {@code HostConfig}). Boxed types keep
 * the difference between "not given" (null) and a zero value, which inspect shows as Docker does.
 */
public record HostConfig(
    @JsonProperty("Binds") List<String> binds,
    @JsonProperty("ContainerIDFile") String containerIdFile,
    @JsonProperty("LogConfig") LogConfig logConfig,
    @JsonProperty("NetworkMode") String networkMode,
    @JsonProperty("PortBindings") Map<String, List<PortBinding>> portBindings,
    @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
    @JsonProperty("AutoRemove") boolean autoRemove,
    @JsonProperty("VolumeDriver") String volumeDriver,
    @JsonProperty("VolumesFrom") List<String> volumesFrom,
    @JsonProperty("ConsoleSize") List<Integer> consoleSize,
    @JsonProperty("CapAdd") List<String> capAdd,
    @JsonProperty("CapDrop") List<String> capDrop,
    @JsonProperty("CgroupnsMode") String cgroupnsMode,
    @JsonProperty("Dns") List<String> dns,
    @JsonProperty("DnsOptions") List<String> dnsOptions,
    @JsonProperty("DnsSearch") List<String> dnsSearch,
    @JsonProperty("ExtraHosts") List<String> extraHosts,
    @JsonProperty("GroupAdd") List<String> groupAdd,
    @JsonProperty("IpcMode") String ipcMode,
    @JsonProperty("Cgroup") String cgroup,
    @JsonProperty("Links") List<String> links,
    @JsonProperty("OomScoreAdj") int oomScoreAdj,
    @JsonProperty("PidMode") String pidMode,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("PublishAllPorts") boolean publishAllPorts,
    @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
    @JsonProperty("SecurityOpt") List<String> securityOpt,
    @JsonProperty("UTSMode") String utsMode,
    @JsonProperty("UsernsMode") String usernsMode,
    @JsonProperty("ShmSize") long shmSize,
    @JsonProperty("Runtime") String runtime,
    @JsonProperty("Isolation") String isolation,
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
    @JsonProperty("IOMaximumBandwidth") long ioMaximumBandwidth,
    @JsonInclude(Include.NON_NULL) @JsonProperty("Init") Boolean init,
    @JsonProperty("MaskedPaths") List<String> maskedPaths,
    @JsonProperty("ReadonlyPaths") List<String> readonlyPaths,
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("Tmpfs") Map<String, String> tmpfs) {

  /** What a create request without a HostConfig means. */
  public static HostConfig defaults() {
    return new HostConfig(null, "", null, "", null, null, false, "", null, List.of(0, 0), null, null, "",
        List.of(), List.of(), List.of(), null, null, "", "", null, 0, "", false, false, false, null, "", "", 0,
        "", "", 0, 0, 0, "", 0, List.of(), List.of(), List.of(), List.of(), List.of(), 0, 0, 0, 0, "", "", List.of(),
        null, null, 0, 0, null, null, null, List.of(), 0, 0, 0, 0, null, null, null, null);
  }

  /** The values the daemon settled on at create time, as inspect reports them. */
  public HostConfig withDaemonDefaults(LogConfig newLogConfig, String newNetworkMode, RestartPolicy newRestart,
      String newCgroupnsMode, String newIpcMode, long newShmSize, String newRuntime,
      List<String> newMaskedPaths, List<String> newReadonlyPaths) {
    return new HostConfig(binds, containerIdFile, newLogConfig, newNetworkMode, portBindings == null ? Map.of()
        : portBindings, newRestart, autoRemove, volumeDriver, volumesFrom, consoleSize, capAdd, capDrop,
        newCgroupnsMode, orEmpty(dns), orEmpty(dnsOptions), orEmpty(dnsSearch), extraHosts, groupAdd, newIpcMode, cgroup, links, oomScoreAdj,
        pidMode, privileged, publishAllPorts, readonlyRootfs, securityOpt, utsMode, usernsMode, newShmSize,
        newRuntime, isolation, cpuShares, memory, nanoCpus, cgroupParent, blkioWeight, orEmpty(blkioWeightDevice),
        orEmpty(blkioDeviceReadBps), orEmpty(blkioDeviceWriteBps), orEmpty(blkioDeviceReadIops),
        orEmpty(blkioDeviceWriteIops), cpuPeriod, cpuQuota, cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus,
        cpusetMems, orEmpty(devices), deviceCgroupRules, deviceRequests, memoryReservation, memorySwap,
        memorySwappiness, oomKillDisable, pidsLimit, orEmpty(ulimits), cpuCount, cpuPercent, ioMaximumIops,
        ioMaximumBandwidth, init, newMaskedPaths, newReadonlyPaths, tmpfs);
  }

  public HostConfig withRestartPolicy(RestartPolicy newRestart) {
    return withDaemonDefaults(logConfig, networkMode, newRestart, cgroupnsMode, ipcMode, shmSize, runtime,
        maskedPaths, readonlyPaths);
  }

  /** The resource limits, as {@code update} takes them. */
  public Resources resources() {
    return new Resources(cpuShares, memory, nanoCpus, cgroupParent, blkioWeight, blkioWeightDevice,
        blkioDeviceReadBps, blkioDeviceWriteBps, blkioDeviceReadIops, blkioDeviceWriteIops, cpuPeriod, cpuQuota,
        cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus, cpusetMems, devices, deviceCgroupRules, deviceRequests,
        memoryReservation, memorySwap, memorySwappiness, oomKillDisable, pidsLimit, ulimits, cpuCount, cpuPercent,
        ioMaximumIops, ioMaximumBandwidth);
  }

  /** This config with the resource limits {@code r}. */
  public HostConfig withResources(Resources r) {
    return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy, autoRemove,
        volumeDriver, volumesFrom, consoleSize, capAdd, capDrop, cgroupnsMode, dns, dnsOptions, dnsSearch, extraHosts,
        groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged, publishAllPorts, readonlyRootfs,
        securityOpt, utsMode, usernsMode, shmSize, runtime, isolation, r.cpuShares(), r.memory(), r.nanoCpus(),
        r.cgroupParent(), r.blkioWeight(), r.blkioWeightDevice(), r.blkioDeviceReadBps(), r.blkioDeviceWriteBps(),
        r.blkioDeviceReadIops(), r.blkioDeviceWriteIops(), r.cpuPeriod(), r.cpuQuota(), r.cpuRealtimePeriod(),
        r.cpuRealtimeRuntime(), r.cpusetCpus(), r.cpusetMems(), r.devices(), r.deviceCgroupRules(),
        r.deviceRequests(), r.memoryReservation(), r.memorySwap(), r.memorySwappiness(), r.oomKillDisable(),
        r.pidsLimit(), r.ulimits(), r.cpuCount(), r.cpuPercent(), r.ioMaximumIops(), r.ioMaximumBandwidth(), init,
        maskedPaths, readonlyPaths, tmpfs);
  }

  /**
   * This config with the namespace modes and security options the daemon settled on: shared
   * namespaces name the other container by ID, and what it adds to the user's security options.
   */
  public HostConfig withSecuritySettings(String newIpcMode, String newPidMode, List<String> newSecurityOpt,
      List<String> newMaskedPaths, List<String> newReadonlyPaths) {
    return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy, autoRemove,
        volumeDriver, volumesFrom, consoleSize, capAdd, capDrop, cgroupnsMode, dns, dnsOptions, dnsSearch, extraHosts,
        groupAdd, newIpcMode, cgroup, links, oomScoreAdj, newPidMode, privileged, publishAllPorts, readonlyRootfs,
        newSecurityOpt, utsMode, usernsMode, shmSize, runtime, isolation, cpuShares, memory, nanoCpus, cgroupParent,
        blkioWeight, blkioWeightDevice, blkioDeviceReadBps, blkioDeviceWriteBps, blkioDeviceReadIops,
        blkioDeviceWriteIops, cpuPeriod, cpuQuota, cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus, cpusetMems,
        devices, deviceCgroupRules, deviceRequests, memoryReservation, memorySwap, memorySwappiness, oomKillDisable,
        pidsLimit, ulimits, cpuCount, cpuPercent, ioMaximumIops, ioMaximumBandwidth, init, newMaskedPaths,
        newReadonlyPaths, tmpfs);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {}

  public record RestartPolicy(
      @JsonProperty("Name") String name,
      @JsonProperty("MaximumRetryCount") int maximumRetryCount) {}

  public record PortBinding(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {}
}
