package dev.berth.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.errors.InternalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a container's OCI runtime config (config.json) the way Docker configures a container: new
 * pid, mount, uts, ipc and network namespaces (no user namespace) unless the spec shares one,
 * Docker's default mounts, capabilities, masked and read-only paths, device rules and seccomp
 * filter unless the spec sets others, NOFILE 1048576 (or as near as berthd may go, see {@link
 * HostLimits}), and a cgroupfs cgroup at {@code /berth/<id>} with the spec's limits.
 */
public final class OciSpecGenerator {

  /** The file name the OCI runtime reads inside the bundle directory. */
  public static final String CONFIG_FILE = "config.json";

  // Sorted map keys make the file the same for the same spec, so two bundles can be diffed.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final String SHM = "/dev/shm";

  /** The mounts every container gets, /dev/shm aside; a privileged one gets /sys read-write. */
  private static List<OciSpec.Mount> defaultMounts(boolean privileged) {
    List<String> sys = privileged ? List.of("nosuid", "noexec", "nodev") : List.of("nosuid", "noexec", "nodev", "ro");
    return List.of(
        new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
        new OciSpec.Mount(
            "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        new OciSpec.Mount(
            "/dev/pts",
            "devpts",
            "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        new OciSpec.Mount("/sys", "sysfs", "sysfs", sys),
        new OciSpec.Mount(
            "/sys/fs/cgroup", "cgroup", "cgroup", List.of(privileged ? "rw" : "ro", "nosuid", "noexec", "nodev")),
        new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
  }

  public static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  public static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /**
   * Docker's device rules: deny everything, then allow the character devices every container gets.
   * Docker leaves full, ptmx and the ptys to runc's built-in list; they are spelled out here so
   * that a runtime without such a list (any OCI runtime can be configured) behaves the same.
   */
  private static final List<OciSpec.DeviceRule> DEVICE_RULES =
      List.of(
          new OciSpec.DeviceRule(false, null, null, null, "rwm"),
          allowChar(1, 5L), // zero
          allowChar(1, 3L), // null
          allowChar(1, 9L), // urandom
          allowChar(1, 8L), // random
          allowChar(5, 0L), // tty
          allowChar(5, 1L), // console
          new OciSpec.DeviceRule(false, "c", 10L, 229L, "rwm"), // fuse
          allowChar(1, 7L), // full
          allowChar(5, 2L), // ptmx
          allowChar(136, null)); // /dev/pts/*

  /**
   * With its own network namespace a container may ping and bind low ports without privileges;
   * Docker sets these two sysctls whenever it creates the namespace.
   */
  private static final Map<String, String> NETWORK_SYSCTLS =
      Map.of(
          "net.ipv4.ping_group_range", "0 2147483647",
          "net.ipv4.ip_unprivileged_port_start", "0");

  private OciSpecGenerator() {}

  /** The config.json content for {@code spec}. */
  public static byte[] generate(ContainerSpec spec) {
    try {
      return JSON.writeValueAsBytes(toOci(spec));
    } catch (JsonProcessingException e) {
      throw new InternalException("container " + spec.id() + ": encoding config.json", e);
    }
  }

  /**
   * Writes {@code <bundle>/config.json}, creating the bundle directory. A plain write is enough:
   * the file is derived from the container's config, rewritten before every create and read by the
   * runtime only during create, so a torn file can never be used; skipping the fsync keeps
   * milliseconds off every container start.
   */
  public static Path write(ContainerSpec spec) throws IOException {
    Files.createDirectories(spec.bundle());
    Path config = spec.bundle().resolve(CONFIG_FILE);
    Files.write(config, generate(spec));
    return config;
  }

  /**
   * The process.json {@code runc exec --process} runs: the container's own process (its
   * capabilities, rlimits, no-new-privileges, as Docker gives an exec the container's) with the
   * exec's command, user, environment, directory and terminal; a privileged exec gets every
   * capability berthd holds.
   *
   * @param containerConfig the container's config.json, as its bundle holds it
   */
  public static byte[] execProcess(ExecSpec spec, byte[] containerConfig) {
    try {
      JsonNode container = JSON.readTree(containerConfig).path("process");
      if (!(container instanceof ObjectNode containerProcess)) {
        throw new InternalException("exec " + spec.execId() + ": the container's config.json has no process");
      }
      ObjectNode process = containerProcess.deepCopy();
      process.put("terminal", spec.tty());
      OciSpec.ConsoleSize size = consoleSize(spec.tty(), spec.consoleSize());
      if (size == null) {
        process.remove("consoleSize");
      } else {
        process.set("consoleSize", JSON.valueToTree(size));
      }
      process.set("user", JSON.valueToTree(
          new OciSpec.User(spec.user().uid(), spec.user().gid(), spec.user().additionalGids())));
      process.set("args", JSON.valueToTree(spec.args()));
      process.set("env", JSON.valueToTree(withHome(spec.env(), spec.user().home())));
      process.put("cwd", spec.cwd());
      if (spec.privileged()) {
        List<String> all = Capabilities.all();
        process.set("capabilities", JSON.valueToTree(new OciSpec.CapabilitySets(all, all, all)));
      }
      return JSON.writeValueAsBytes(process);
    } catch (IOException e) {
      throw new InternalException("exec " + spec.execId() + ": encoding its process: " + e.getMessage(), e);
    }
  }

  /** A terminal's size from the start, so its process never sees 0x0; none without a terminal. */
  private static OciSpec.ConsoleSize consoleSize(boolean tty, TerminalSize size) {
    return tty && size != null ? new OciSpec.ConsoleSize(size.height(), size.width()) : null;
  }

  /** {@code rlimits}, with berth's default NOFILE unless they set it. */
  private static List<OciSpec.Rlimit> defaultRlimits(List<Rlimit> rlimits) {
    List<Rlimit> limits = new ArrayList<>(rlimits);
    if (limits.stream().noneMatch(limit -> limit.type().equals("RLIMIT_NOFILE"))) {
      limits.addFirst(new Rlimit("RLIMIT_NOFILE", HostLimits.NOFILE, HostLimits.NOFILE));
    }
    return limits.stream().map(OciSpec.Rlimit::of).toList();
  }

  private static OciSpec.Process process(ContainerSpec spec) {
    ProcessUser user = spec.user();
    List<String> caps = spec.capabilities();
    return new OciSpec.Process(
        spec.tty(),
        consoleSize(spec.tty(), spec.consoleSize()),
        new OciSpec.User(user.uid(), user.gid(), user.additionalGids()),
        spec.args(),
        withHome(spec.env(), user.home()),
        spec.cwd(),
        new OciSpec.CapabilitySets(caps, caps, caps),
        defaultRlimits(spec.rlimits()),
        spec.noNewPrivileges(),
        0);
  }

  private static OciSpec.Spec toOci(ContainerSpec spec) {
    OciSpec.Process process = process(spec);
    LinuxResources limits = spec.resources();
    OciSpec.Linux linux =
        new OciSpec.Linux(
            NETWORK_SYSCTLS,
            new OciSpec.Resources(deviceRules(spec), limits.memory(), limits.cpu(), limits.pids(), limits.blockIO()),
            Cgroups.path(spec.id()),
            namespaces(spec),
            spec.devices().stream().map(d -> new OciSpec.Device(d.path(), Character.toString(d.type()), d.major(),
                d.minor(), d.fileMode(), d.uid(), d.gid())).toList(),
            spec.maskedPaths(),
            spec.readonlyPaths(),
            spec.seccomp() == null ? null : spec.seccomp().resolve(spec.capabilities()));
    return new OciSpec.Spec(
        OciSpec.VERSION,
        process,
        new OciSpec.Root(spec.rootfs().toString(), spec.readonlyRootfs()),
        spec.hostname(),
        mounts(spec),
        spec.annotations(),
        linux);
  }

  /**
   * The default mounts and then the spec's own, as Docker orders them; a mount of the spec's replaces
   * a default one at the same destination, and /dev/shm is sized, or left out when the spec has none.
   */
  private static List<OciSpec.Mount> mounts(ContainerSpec spec) {
    Set<String> own = new HashSet<>();
    spec.mounts().forEach(m -> own.add(m.destination()));
    List<OciSpec.Mount> mounts = new ArrayList<>();
    for (OciSpec.Mount m : defaultMounts(spec.privileged())) {
      if (!own.contains(m.destination())) {
        mounts.add(m);
      }
    }
    if (spec.shmSize() > 0 && !own.contains(SHM)) {
      mounts.add(new OciSpec.Mount(SHM, "tmpfs", "shm",
          List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + spec.shmSize())));
    }
    for (MountSpec m : spec.mounts()) {
      mounts.add(new OciSpec.Mount(m.destination(), m.type(), m.source(), m.options()));
    }
    return mounts;
  }

  /** Every device for a privileged container; else Docker's rules, then the spec's own devices. */
  private static List<OciSpec.DeviceRule> deviceRules(ContainerSpec spec) {
    if (spec.privileged()) {
      return List.of(new OciSpec.DeviceRule(true, null, null, null, "rwm"));
    }
    List<OciSpec.DeviceRule> rules = new ArrayList<>(DEVICE_RULES);
    for (DeviceNode d : spec.devices()) {
      rules.add(new OciSpec.DeviceRule(true, Character.toString(d.type()), d.major(), d.minor(), d.access()));
    }
    return rules;
  }

  private static List<OciSpec.Namespace> namespaces(ContainerSpec spec) {
    List<OciSpec.Namespace> namespaces = new ArrayList<>();
    namespaces.add(new OciSpec.Namespace("mount", null));
    namespaces.add(new OciSpec.Namespace("network", null));
    addNamespace(namespaces, "uts", spec.uts());
    addNamespace(namespaces, "pid", spec.pid());
    addNamespace(namespaces, "ipc", spec.ipc());
    return namespaces;
  }

  // The host's namespace is the one the runtime runs in: listing none keeps it.
  private static void addNamespace(List<OciSpec.Namespace> namespaces, String type, NamespaceMode mode) {
    switch (mode.kind()) {
      case PRIVATE -> namespaces.add(new OciSpec.Namespace(type, null));
      case JOIN -> namespaces.add(new OciSpec.Namespace(type, mode.path().toString()));
      case HOST -> { }
    }
  }

  // Docker leaves HOME to the runtime, which takes it from the container's passwd; setting it
  // here gives the same value with any OCI runtime.
  private static List<String> withHome(List<String> env, String home) {
    for (String entry : env) {
      if (entry.startsWith("HOME=")) {
        return env;
      }
    }
    List<String> out = new ArrayList<>(env);
    out.add("HOME=" + home);
    return out;
  }

  private static OciSpec.DeviceRule allowChar(long major, Long minor) {
    return new OciSpec.DeviceRule(true, "c", major, minor, "rwm");
  }
}
