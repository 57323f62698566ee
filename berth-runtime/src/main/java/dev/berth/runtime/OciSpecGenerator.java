package dev.berth.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.api.errors.InternalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a container's OCI runtime config (config.json) the way Docker configures a container by
 * default: new pid, mount, uts, ipc and network namespaces (no user namespace), Docker's default
 * mounts, capabilities, masked and read-only paths and device rules, NOFILE 1048576 (or as near as
 * berthd may go, see {@link HostLimits}), and a cgroupfs cgroup at {@code /berth/<id>}.
 */
public final class OciSpecGenerator {

  /** The file name the OCI runtime reads inside the bundle directory. */
  public static final String CONFIG_FILE = "config.json";

  // Sorted map keys make the file the same for the same spec, so two bundles can be diffed.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final List<OciSpec.Mount> DEFAULT_MOUNTS =
      List.of(
          new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
          new OciSpec.Mount(
              "/dev",
              "tmpfs",
              "tmpfs",
              List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
          new OciSpec.Mount(
              "/dev/pts",
              "devpts",
              "devpts",
              List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
          new OciSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
          new OciSpec.Mount(
              "/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
          new OciSpec.Mount(
              "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
          new OciSpec.Mount(
              "/dev/shm",
              "tmpfs",
              "shm",
              List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));

  private static final List<OciSpec.Namespace> NAMESPACES =
      List.of(
          new OciSpec.Namespace("mount"),
          new OciSpec.Namespace("network"),
          new OciSpec.Namespace("uts"),
          new OciSpec.Namespace("pid"),
          new OciSpec.Namespace("ipc"));

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

  /** The process.json {@code runc exec --process} runs: the container's capabilities, the exec's own command. */
  public static byte[] execProcess(ExecSpec spec) {
    try {
      return JSON.writeValueAsBytes(process(spec.tty(), spec.consoleSize(), spec.user(), spec.args(), spec.env(),
          spec.cwd(), ContainerSpec.DEFAULT_CAPABILITIES));
    } catch (JsonProcessingException e) {
      throw new InternalException("exec " + spec.execId() + ": encoding its process", e);
    }
  }

  private static OciSpec.Process process(boolean tty, TerminalSize consoleSize, ProcessUser user, List<String> args,
      List<String> env, String cwd, List<String> caps) {
    return new OciSpec.Process(
        tty,
        tty && consoleSize != null ? new OciSpec.ConsoleSize(consoleSize.height(), consoleSize.width()) : null,
        new OciSpec.User(user.uid(), user.gid(), user.additionalGids()),
        args,
        withHome(env, user.home()),
        cwd,
        new OciSpec.Capabilities(caps, caps, caps),
        List.of(new OciSpec.Rlimit("RLIMIT_NOFILE", HostLimits.NOFILE, HostLimits.NOFILE)),
        false,
        0);
  }

  private static OciSpec.Spec toOci(ContainerSpec spec) {
    OciSpec.Process process =
        process(spec.tty(), spec.consoleSize(), spec.user(), spec.args(), spec.env(), spec.cwd(),
            spec.capabilities());
    List<OciSpec.Mount> mounts = new ArrayList<>(DEFAULT_MOUNTS);
    for (MountSpec m : spec.mounts()) {
      mounts.add(new OciSpec.Mount(m.destination(), m.type(), m.source(), m.options()));
    }
    OciSpec.Linux linux =
        new OciSpec.Linux(
            NETWORK_SYSCTLS,
            new OciSpec.Resources(DEVICE_RULES),
            "/berth/" + spec.id(),
            NAMESPACES,
            MASKED_PATHS,
            READONLY_PATHS);
    return new OciSpec.Spec(
        OciSpec.VERSION,
        process,
        new OciSpec.Root(spec.rootfs().toString(), spec.readonlyRootfs()),
        spec.hostname(),
        mounts,
        spec.annotations(),
        linux);
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
