package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capabilities as Docker hands them to a container: its default set, {@code --cap-add} and
 * {@code --cap-drop} (with or without the {@code CAP_} prefix, in any case, and {@code ALL}), and
 * {@code --privileged}.
 *
 * <p>"All capabilities" are those this kernel knows that berthd itself holds in its bounding set:
 * a process cannot grant more than it has, and asking the runtime for more makes every privileged
 * container fail to start ("unable to apply caps"), which is what dockerd does on a host where it
 * lacks one.
 */
public final class Capabilities {

  /** The name that stands for every capability in {@code --cap-add} and {@code --cap-drop}. */
  public static final String ALL = "ALL";

  /** Every capability Linux defines, indexed by its number. */
  private static final List<String> KNOWN = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
      "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
      "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
      "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
      "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
      "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
      "CAP_CHECKPOINT_RESTORE");

  /** The capabilities Docker grants a container that neither adds nor drops any. */
  public static final List<String> DEFAULT = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
      "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
      "CAP_AUDIT_WRITE");

  /** Computed once: berthd's bounding set only ever shrinks, and it does not drop any. */
  private static final List<String> ALL_HELD = held();

  private Capabilities() {}

  /** Every capability a container can be given here; what {@code --privileged} grants. */
  public static List<String> all() {
    return ALL_HELD;
  }

  /**
   * Docker's spelling of {@code names}: upper case with the {@code CAP_} prefix, {@code ALL} as is.
   *
   * @param field the API field the names came from ("CapAdd", "CapDrop"), for the error
   * @throws InvalidArgumentException for a capability Linux does not define, in Docker's words
   */
  public static List<String> normalize(List<String> names, String field) {
    List<String> out = new ArrayList<>();
    if (names == null) {
      return out;
    }
    for (String name : names) {
      String upper = name.strip().toUpperCase(Locale.ROOT);
      if (upper.equals(ALL)) {
        out.add(ALL);
        continue;
      }
      String cap = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
      if (!KNOWN.contains(cap)) {
        throw new InvalidArgumentException("invalid " + field + ": unknown capability: \"" + cap + "\"");
      }
      out.add(cap);
    }
    return out;
  }

  /**
   * The set a container runs with (Docker's TweakCapabilities): all of them when privileged; with
   * {@code ALL} added, all but the dropped ones; with {@code ALL} dropped, only the added ones;
   * otherwise the default set less the dropped plus the added ones.
   */
  public static List<String> effective(List<String> capAdd, List<String> capDrop, boolean privileged) {
    if (privileged) {
      return all();
    }
    List<String> adds = normalize(capAdd, "CapAdd");
    List<String> drops = normalize(capDrop, "CapDrop");
    Set<String> caps = new LinkedHashSet<>();
    if (adds.contains(ALL)) {
      all().stream().filter(cap -> !drops.contains(cap)).forEach(caps::add);
    } else if (drops.contains(ALL)) {
      caps.addAll(adds);
    } else {
      DEFAULT.stream().filter(cap -> !drops.contains(cap)).forEach(caps::add);
      caps.addAll(adds);
    }
    return List.copyOf(caps);
  }

  /** The bit mask of this process's capability set {@code field} ("CapEff", "CapBnd") in /proc/self/status. */
  static long ownSet(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseUnsignedLong(line.substring(field.length() + 1).strip(), 16);
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }

  private static List<String> held() {
    long bounding;
    try {
      bounding = ownSet("CapBnd");
    } catch (IOException | RuntimeException e) {
      return KNOWN;
    }
    List<String> held = new ArrayList<>();
    for (int bit = 0; bit < KNOWN.size(); bit++) {
      if ((bounding & (1L << bit)) != 0) {
        held.add(KNOWN.get(bit));
      }
    }
    return List.copyOf(held);
  }
}
