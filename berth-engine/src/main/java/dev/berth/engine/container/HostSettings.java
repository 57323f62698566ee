package dev.berth.engine.container;

import dev.berth.api.container.DeviceMapping;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Ulimit;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.Capabilities;
import dev.berth.runtime.CgroupSupport;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.DeviceNode;
import dev.berth.runtime.MountSpec;
import dev.berth.runtime.ProcessUser;
import dev.berth.runtime.Rlimit;
import dev.berth.runtime.UserResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a container's HostConfig that shapes its runtime spec beyond the command: resource
 * limits, capabilities, seccomp, devices, tmpfs mounts, shared namespaces, extra groups and the init
 * process. {@link #settle} checks it at create, the way dockerd does, so that bad input creates
 * nothing; {@link #configure} applies it at every start.
 */
final class HostSettings {

  /** Where the init binary appears in the container, as Docker mounts its docker-init. */
  static final String INIT_PATH = "/sbin/docker-init";

  /** Static builds only: the image may have no C library. The first one present is used. */
  private static final List<Path> INIT_BINARIES = List.of(Path.of("/usr/bin/docker-init"),
      Path.of("/usr/bin/tini-static"), Path.of("/usr/bin/catatonit"), Path.of("/usr/libexec/podman/catatonit"));

  private final SharedNamespaces namespaces;
  private final CgroupSupport cgroups;

  HostSettings(ContainerStore store) {
    this.namespaces = new SharedNamespaces(store);
    this.cgroups = CgroupSupport.detect();
  }

  /** A create's HostConfig as the container keeps it, and the warnings for the client. */
  record Settled(HostConfig hostConfig, List<String> warnings) {}

  /**
   * Checks {@code config} and completes it as dockerd does: memory swap, shared namespaces named by
   * ID, limits this host cannot enforce dropped with a warning.
   *
   * @param hostname the hostname the user asked for, "" if none
   * @throws dev.berth.api.errors.InvalidArgumentException in Docker's words
   */
  Settled settle(HostConfig config, String hostname) {
    Capabilities.normalize(config.capAdd(), "CapAdd");
    Capabilities.normalize(config.capDrop(), "CapDrop");
    SecurityOptions.parse(config.securityOpt());
    if (config.shmSize() < 0) {
      throw new InvalidArgumentException("SHM size can not be less than 0");
    }
    rlimits(config.ulimits());
    TmpfsMounts.of(config.tmpfs());
    List<String> modes = namespaces.settle(config, hostname);
    ResourceLimits.Checked limits = ResourceLimits.forCreate(config.resources(), cgroups);
    List<String> securityOpt = new ArrayList<>(config.securityOpt() == null ? List.of() : config.securityOpt());
    // What Docker adds where it turns SELinux labelling off; a no-op on this host, shown by inspect.
    if (config.privileged() || "host".equals(modes.get(0)) || "host".equals(modes.get(1))) {
      securityOpt.add("label=disable");
    }
    HostConfig settled = config.withResources(limits.resources()).withSecuritySettings(modes.get(0), modes.get(1),
        securityOpt.isEmpty() ? null : securityOpt, config.privileged() ? null : config.maskedPaths(),
        config.privileged() ? null : config.readonlyPaths());
    return new Settled(settled, limits.warnings());
  }

  /**
   * Adds the container's limits, security settings, devices, tmpfs mounts, namespaces and init to
   * {@code spec}, whose args, user and hostname are already set from the container's config.
   *
   * @param args the container's command, which {@code --init} runs under the init process
   */
  void configure(ContainerSpec.Builder spec, ContainerRecord record, Path rootfs, ProcessUser user,
      List<String> args) throws IOException {
    HostConfig config = record.hostConfig();
    boolean privileged = config.privileged();
    List<String> capabilities = Capabilities.effective(config.capAdd(), config.capDrop(), privileged);
    SecurityOptions security = SecurityOptions.parse(config.securityOpt());
    spec.capabilities(capabilities)
        .privileged(privileged)
        .noNewPrivileges(security.noNewPrivileges())
        .seccomp(security.filter(privileged))
        .resources(ResourceLimits.toRuntime(config.resources()))
        .rlimits(rlimits(config.ulimits()))
        .devices(devices(config))
        .systemPaths(orEmpty(config.maskedPaths()), orEmpty(config.readonlyPaths()))
        .user(UserResolver.withGroups(user, rootfs, config.groupAdd()));
    TmpfsMounts.of(config.tmpfs()).forEach(spec::mount);
    namespaces.configure(spec, record);
    if (Boolean.TRUE.equals(config.init())) {
      spec.mount(MountSpec.bind(initBinary().toString(), INIT_PATH, true));
      List<String> withInit = new ArrayList<>(List.of(INIT_PATH, "--"));
      withInit.addAll(args);
      spec.args(withInit);
    }
  }

  /** Undoes on the host what {@link #configure} set up for a run that has ended. */
  void release(String id) {
    namespaces.release(id);
  }

  /** What this host's cgroups can enforce. */
  CgroupSupport cgroups() {
    return cgroups;
  }

  private static List<Rlimit> rlimits(List<Ulimit> ulimits) {
    List<Rlimit> rlimits = new ArrayList<>();
    for (Ulimit ulimit : ulimits == null ? List.<Ulimit>of() : ulimits) {
      rlimits.add(Rlimit.ofUlimit(ulimit.name(), ulimit.soft(), ulimit.hard()));
    }
    return rlimits;
  }

  /**
   * The user's devices, and for a privileged container every host device as well; a device already
   * at its host path in a privileged container needs no mapping of its own.
   */
  private static List<DeviceNode> devices(HostConfig config) throws IOException {
    List<DeviceNode> nodes = new ArrayList<>();
    if (config.privileged()) {
      nodes.addAll(DeviceNode.hostDevices());
    }
    for (DeviceMapping mapping : config.devices() == null ? List.<DeviceMapping>of() : config.devices()) {
      if (config.privileged() && mapping.pathOnHost().equals(mapping.pathInContainer())) {
        continue;
      }
      String access = config.privileged() || mapping.cgroupPermissions() == null
          || mapping.cgroupPermissions().isEmpty() ? "rwm" : mapping.cgroupPermissions();
      nodes.addAll(DeviceNode.fromHostPath(mapping.pathOnHost(), mapping.pathInContainer(), access));
    }
    return nodes;
  }

  private static Path initBinary() {
    Optional<Path> found = INIT_BINARIES.stream().filter(Files::isExecutable).findFirst();
    return found.orElseThrow(() -> new InternalException("--init needs a static init binary (tini-static or "
        + "catatonit), and none is at " + INIT_BINARIES));
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
