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
    Map<String, String> annotations) {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  /** Docker's OpenStdin and StdinOnce: no stdin, one closed when the first client leaves, or one kept open. */
  public enum Stdin {
    NONE,
    ONCE,
    KEEP_OPEN
  }

  /** The capabilities Docker grants a container that neither adds nor drops any. */
  public static final List<String> DEFAULT_CAPABILITIES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

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
          annotations);
    }
  }
}
