package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the runtime needs to create one container. The caller has already mounted {@code rootfs}
 * (the container's overlay) and resolved the user; the driver writes {@code <bundle>/config.json}
 * from this and never mounts anything itself.
 *
 * @param id the container's 64-hex-digit id; also its name in the OCI runtime
 * @param rootfs the mounted root filesystem
 * @param bundle the OCI bundle directory, where config.json goes
 * @param args the process's argv; args[0] is looked up in the container's PATH by the runtime
 * @param env "KEY=value" entries
 * @param cwd absolute working directory inside the container
 * @param hostname the UTS hostname, or "" to leave the runtime's default
 * @param mounts mounts added after the default ones (/proc, /dev, /sys, ...)
 * @param tty whether the process gets a pseudo-terminal
 * @param consoleSize with a TTY, the terminal's size from the start; null for the runtime's default
 * @param stdin whether the process gets a stdin that attached clients write to, and whether it
 *     ends when the first such client leaves
 * @param capabilities the capability set ("CAP_CHOWN", ...), identical for bounding, effective and
 *     permitted
 * @param annotations OCI annotations, for labels the runtime or hooks should see
 * @param resources the cgroup limits
 * @param rlimits the process's resource limits; RLIMIT_NOFILE gets berth's default unless given
 * @param privileged every device allowed, /sys and the cgroup tree writable (its capabilities,
 *     devices, masked paths and seccomp are the fields below, set by the caller to match)
 * @param noNewPrivileges whether the process and its children may never gain privileges (setuid)
 * @param seccomp the system call filter, or null for none
 * @param devices device nodes made in the container's /dev and allowed in its devices cgroup
 * @param ipc how the container gets its IPC namespace
 * @param pid how it gets its PID namespace
 * @param uts how it gets its UTS namespace; with the host's, {@code hostname} must be ""
 * @param shmSize the size in bytes of the tmpfs at /dev/shm, or 0 for none; a mount at /dev/shm in
 *     {@code mounts} replaces it, as any of them replaces a default mount at the same place
 * @param maskedPaths paths hidden from the container
 * @param readonlyPaths paths the container sees read-only
 */
public record ContainerSpec(
    String id,
    Path rootfs,
    Path bundle,
    List<String> args,
    List<String> env,
    String cwd,
    ProcessUser user,
    String hostname,
    List<MountSpec> mounts,
    boolean readonlyRootfs,
    boolean tty,
    TerminalSize consoleSize,
    Stdin stdin,
    List<String> capabilities,
    Map<String, String> annotations,
    LinuxResources resources,
    List<Rlimit> rlimits,
    boolean privileged,
    boolean noNewPrivileges,
    SeccompProfile seccomp,
    List<DeviceNode> devices,
    NamespaceMode ipc,
    NamespaceMode pid,
    NamespaceMode uts,
    long shmSize,
    List<String> maskedPaths,
    List<String> readonlyPaths) {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  /** Docker's OpenStdin and StdinOnce: no stdin, one closed when the first client leaves, or one kept open. */
  public enum Stdin {
    NONE,
    ONCE,
    KEEP_OPEN
  }

  /** The capabilities Docker grants a container that neither adds nor drops any. */
  public static final List<String> DEFAULT_CAPABILITIES = Capabilities.DEFAULT;

  /** The size of /dev/shm Docker gives a container by default: 64 MiB. */
  public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

  /** Validates everything once, so the generator and the driver can trust every field. */
  public ContainerSpec {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidArgumentException("invalid container id: " + id);
    }
    requireAbsolute(id, "rootfs", rootfs);
    requireAbsolute(id, "bundle", bundle);
    args = List.copyOf(args);
    if (args.isEmpty()) {
      throw new InvalidArgumentException("container " + id + ": no command specified");
    }
    env = List.copyOf(env);
    if (cwd == null || !cwd.startsWith("/")) {
      throw new InvalidArgumentException(
          "container "
              + id
              + ": the working directory '"
              + cwd
              + "' is invalid, it needs to be an absolute path");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(stdin, "stdin");
    mounts = List.copyOf(mounts);
    capabilities = capabilities == null ? DEFAULT_CAPABILITIES : normalize(capabilities);
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(resources, "resources");
    rlimits = List.copyOf(rlimits);
    devices = List.copyOf(devices);
    Objects.requireNonNull(ipc, "ipc");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(uts, "uts");
    if (uts.kind() != NamespaceMode.Kind.PRIVATE && !hostname.isEmpty()) {
      throw new InvalidArgumentException("container " + id + ": a hostname needs a UTS namespace of its own");
    }
    if (shmSize < 0) {
      throw new InvalidArgumentException("container " + id + ": SHM size can not be less than 0");
    }
    maskedPaths = List.copyOf(maskedPaths);
    readonlyPaths = List.copyOf(readonlyPaths);
  }

  public static Builder builder(String id, Path rootfs, Path bundle) {
    return new Builder(id, rootfs, bundle);
  }

  private static void requireAbsolute(String id, String what, Path path) {
    if (path == null || !path.isAbsolute()) {
      throw new InvalidArgumentException(
          "container " + id + ": " + what + " must be an absolute path: " + path);
    }
  }

  // Docker accepts "chown" and "CAP_CHOWN" alike; the OCI spec wants the CAP_ form.
  private static List<String> normalize(List<String> capabilities) {
    List<String> out = new ArrayList<>(capabilities.size());
    for (String cap : capabilities) {
      String upper = cap.toUpperCase(Locale.ROOT);
      out.add(upper.startsWith("CAP_") ? upper : "CAP_" + upper);
    }
    return List.copyOf(out);
  }

  /** Collects the optional parts; {@link #build()} validates through the record's constructor. */
  public static final class Builder {
    private final String id;
    private final Path rootfs;
    private final Path bundle;
    private List<String> args = List.of();
    private List<String> env = List.of();
    private String cwd = "/";
    private ProcessUser user = ProcessUser.ROOT;
    private String hostname = "";
    private final List<MountSpec> mounts = new ArrayList<>();
    private boolean readonlyRootfs;
    private boolean tty;
    private TerminalSize consoleSize;
    private Stdin stdin = Stdin.NONE;
    private List<String> capabilities;
    private Map<String, String> annotations = Map.of();
    private LinuxResources resources = LinuxResources.NONE;
    private List<Rlimit> rlimits = List.of();
    private boolean privileged;
    private boolean noNewPrivileges;
    private SeccompProfile seccomp = DefaultSeccompProfile.get();
    private List<DeviceNode> devices = List.of();
    private NamespaceMode ipc = NamespaceMode.PRIVATE;
    private NamespaceMode pid = NamespaceMode.PRIVATE;
    private NamespaceMode uts = NamespaceMode.PRIVATE;
    private long shmSize = DEFAULT_SHM_SIZE;
    private List<String> maskedPaths = OciSpecGenerator.MASKED_PATHS;
    private List<String> readonlyPaths = OciSpecGenerator.READONLY_PATHS;

    private Builder(String id, Path rootfs, Path bundle) {
      this.id = id;
      this.rootfs = rootfs;
      this.bundle = bundle;
    }

    public Builder args(List<String> args) {
      this.args = args;
      return this;
    }

    public Builder args(String... args) {
      return args(List.of(args));
    }

    public Builder env(List<String> env) {
      this.env = env;
      return this;
    }

    public Builder cwd(String cwd) {
      this.cwd = cwd;
      return this;
    }

    public Builder user(ProcessUser user) {
      this.user = user;
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder mount(MountSpec mount) {
      this.mounts.add(mount);
      return this;
    }

    public Builder readonlyRootfs(boolean readonlyRootfs) {
      this.readonlyRootfs = readonlyRootfs;
      return this;
    }

    public Builder tty(boolean tty) {
      this.tty = tty;
      return this;
    }

    public Builder consoleSize(TerminalSize consoleSize) {
      this.consoleSize = consoleSize;
      return this;
    }

    public Builder stdin(Stdin stdin) {
      this.stdin = stdin;
      return this;
    }

    /** The full capability set; null (the default) means Docker's default set. */
    public Builder capabilities(List<String> capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    public Builder annotations(Map<String, String> annotations) {
      this.annotations = annotations;
      return this;
    }

    public Builder resources(LinuxResources resources) {
      this.resources = resources;
      return this;
    }

    public Builder rlimits(List<Rlimit> rlimits) {
      this.rlimits = rlimits;
      return this;
    }

    public Builder privileged(boolean privileged) {
      this.privileged = privileged;
      return this;
    }

    public Builder noNewPrivileges(boolean noNewPrivileges) {
      this.noNewPrivileges = noNewPrivileges;
      return this;
    }

    /** The system call filter; Docker's default unless set, null for none. */
    public Builder seccomp(SeccompProfile seccomp) {
      this.seccomp = seccomp;
      return this;
    }

    public Builder devices(List<DeviceNode> devices) {
      this.devices = devices;
      return this;
    }

    public Builder namespaces(NamespaceMode ipc, NamespaceMode pid, NamespaceMode uts) {
      this.ipc = ipc;
      this.pid = pid;
      this.uts = uts;
      return this;
    }

    public Builder shmSize(long shmSize) {
      this.shmSize = shmSize;
      return this;
    }

    /** The paths to mask and to make read-only; Docker's lists unless set. */
    public Builder systemPaths(List<String> maskedPaths, List<String> readonlyPaths) {
      this.maskedPaths = maskedPaths;
      this.readonlyPaths = readonlyPaths;
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(
          id,
          rootfs,
          bundle,
          args,
          env,
          cwd,
          user,
          hostname,
          mounts,
          readonlyRootfs,
          tty,
          consoleSize,
          stdin,
          capabilities,
          annotations,
          resources,
          rlimits,
          privileged,
          noNewPrivileges,
          seccomp,
          devices,
          ipc,
          pid,
          uts,
          shmSize,
          maskedPaths,
          readonlyPaths);
    }
  }
}
