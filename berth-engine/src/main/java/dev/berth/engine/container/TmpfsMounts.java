package dev.berth.engine.container;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.MountSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Docker's {@code --tmpfs /path[:options]} (HostConfig.Tmpfs): a tmpfs at each path, {@code noexec},
 * {@code nosuid} and {@code nodev} unless the options say otherwise, with the user's size, mode,
 * uid, ... The options are merged as Docker merges them: a later flag wins over an earlier one that
 * sets the same bit, a later {@code key=value} over an earlier one with the same key.
 */
final class TmpfsMounts {

  private static final List<String> DEFAULTS = List.of("noexec", "nosuid", "nodev", "rprivate");

  /** Each mount(8) flag Docker knows, by the bit it sets or clears; propagation flags share one. */
  private static final Map<String, String> FLAG_GROUPS = Map.ofEntries(
      Map.entry("ro", "rdonly"), Map.entry("rw", "rdonly"), Map.entry("suid", "nosuid"),
      Map.entry("nosuid", "nosuid"), Map.entry("dev", "nodev"), Map.entry("nodev", "nodev"),
      Map.entry("exec", "noexec"), Map.entry("noexec", "noexec"), Map.entry("sync", "sync"),
      Map.entry("async", "sync"), Map.entry("dirsync", "dirsync"), Map.entry("remount", "remount"),
      Map.entry("mand", "mand"), Map.entry("nomand", "mand"), Map.entry("atime", "noatime"),
      Map.entry("noatime", "noatime"), Map.entry("diratime", "nodiratime"), Map.entry("nodiratime", "nodiratime"),
      Map.entry("relatime", "relatime"), Map.entry("norelatime", "relatime"), Map.entry("strictatime", "strictatime"),
      Map.entry("nostrictatime", "strictatime"), Map.entry("bind", "propagation"), Map.entry("rbind", "propagation"),
      Map.entry("unbindable", "propagation"), Map.entry("runbindable", "propagation"),
      Map.entry("private", "propagation"), Map.entry("rprivate", "propagation"), Map.entry("shared", "propagation"),
      Map.entry("rshared", "propagation"), Map.entry("slave", "propagation"), Map.entry("rslave", "propagation"));

  /** The {@code key=value} options tmpfs takes. */
  private static final Set<String> DATA_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

  private TmpfsMounts() {}

  /**
   * The mounts for {@code tmpfs} (destination to options), by destination.
   *
   * @throws InvalidArgumentException in Docker's words for a destination that is not absolute or is
   *     the root, or an option tmpfs does not take
   */
  static List<MountSpec> of(Map<String, String> tmpfs) {
    List<MountSpec> mounts = new ArrayList<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(tmpfs == null ? Map.of() : tmpfs).entrySet()) {
      String destination = entry.getKey();
      if (!destination.startsWith("/")) {
        throw new InvalidArgumentException("invalid mount path: '" + destination + "' mount path must be absolute");
      }
      if (destination.equals("/")) {
        throw new InvalidArgumentException("invalid specification: destination can't be '/'");
      }
      List<String> options = new ArrayList<>(DEFAULTS);
      if (entry.getValue() != null && !entry.getValue().isEmpty()) {
        options.addAll(List.of(entry.getValue().split(",")));
      }
      mounts.add(new MountSpec(destination, "tmpfs", "tmpfs", merge(options)));
    }
    return mounts;
  }

  /** The options with later ones winning, in their original order. */
  private static List<String> merge(List<String> options) {
    Set<String> seen = new HashSet<>();
    List<String> merged = new ArrayList<>();
    for (String option : options.reversed()) {
      if (option.equals("defaults")) {
        continue;
      }
      String key = FLAG_GROUPS.get(option);
      if (key == null) {
        int eq = option.indexOf('=');
        String dataKey = eq < 0 ? option : option.substring(0, eq);
        if (eq < 0 || !DATA_KEYS.contains(dataKey)) {
          throw new InvalidArgumentException("invalid tmpfs option \"" + dataKey + "\"");
        }
        key = "data:" + dataKey;
      }
      if (seen.add(key)) {
        merged.addFirst(option);
      }
    }
    return merged;
  }
}
