package dev.berth.runtime;

import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves Docker's {@code --user} value ({@code ""}, {@code name}, {@code uid}, {@code
 * name:group}, {@code uid:gid}, {@code name:gid}, ...) against the /etc/passwd and /etc/group of
 * the container's root filesystem, with runc's rules (libcontainer/user GetExecUser) that Docker
 * uses:
 *
 * <ul>
 *   <li>"" is uid 0, with the gid and home of uid 0's passwd entry if there is one;
 *   <li>a numeric user is always a uid, and needs no passwd entry (its gid is then 0);
 *   <li>a named user must have a passwd entry;
 *   <li>without an explicit group, the supplementary groups are those of /etc/group that list the
 *       user by name; with one, there are none besides it.
 * </ul>
 *
 * As in Docker since the fix for CVE-2023-25173, the primary gid is also the first additional gid,
 * so a process keeps it after a setgroups().
 */
public final class UserResolver {

  private static final long MAX_ID = Integer.MAX_VALUE;

  private UserResolver() {}

  /** Resolves {@code user} in {@code rootfs}; throws InvalidArgumentException in Docker's words. */
  public static ProcessUser resolve(Path rootfs, String user) {
    String[] parts = user.split(":", -1);
    String userArg = parts[0];
    String groupArg = parts.length > 1 ? parts[1] : "";
    Long uidArg = parseId(userArg);
    Long gidArg = parseId(groupArg);

    List<String[]> passwd = read(rootfs, "/etc/passwd");
    Predicate<String[]> userMatch;
    if (userArg.isEmpty()) {
      userMatch = e -> intField(e, 2) == 0;
    } else if (uidArg != null) {
      userMatch = e -> intField(e, 2) == uidArg;
    } else {
      userMatch = e -> field(e, 0).equals(userArg);
    }
    Optional<String[]> entry = passwd.stream().filter(userMatch).findFirst();

    long uid = 0;
    long gid = 0;
    String home = "/";
    String matchedName = "";
    if (entry.isPresent()) {
      String[] e = entry.get();
      matchedName = field(e, 0);
      uid = checkRange(intField(e, 2));
      gid = checkRange(intField(e, 3));
      if (!field(e, 5).isEmpty()) {
        home = field(e, 5);
      }
    } else if (!userArg.isEmpty()) {
      if (uidArg == null) {
        throw new InvalidArgumentException(
            "unable to find user " + userArg + ": no matching entries in passwd file");
      }
      uid = checkRange(uidArg);
    }

    List<Integer> supplementary = new ArrayList<>();
    if (!groupArg.isEmpty() || !matchedName.isEmpty()) {
      List<String[]> groups = read(rootfs, "/etc/group");
      if (!groupArg.isEmpty()) {
        Predicate<String[]> groupMatch =
            gidArg != null ? g -> intField(g, 2) == gidArg : g -> field(g, 0).equals(groupArg);
        Optional<String[]> group = groups.stream().filter(groupMatch).findFirst();
        if (group.isPresent()) {
          gid = checkRange(intField(group.get(), 2));
        } else if (gidArg == null) {
          throw new InvalidArgumentException(
              "unable to find group " + groupArg + ": no matching entries in group file");
        } else {
          gid = checkRange(gidArg);
        }
      } else {
        for (String[] g : groups) {
          if (List.of(field(g, 3).split(",")).contains(matchedName)) {
            supplementary.add((int) checkRange(intField(g, 2)));
          }
        }
      }
    }
    List<Integer> additional = new ArrayList<>();
    additional.add((int) gid);
    additional.addAll(supplementary);
    return new ProcessUser((int) uid, (int) gid, additional, home);
  }

  /**
   * {@code user} with Docker's {@code --group-add} groups too: names are looked up in the container's
   * /etc/group, numbers are taken as gids whether listed or not.
   *
   * @throws InvalidArgumentException in Docker's words for a name the group file lacks
   */
  public static ProcessUser withGroups(ProcessUser user, Path rootfs, List<String> groups) {
    if (groups == null || groups.isEmpty()) {
      return user;
    }
    List<String[]> entries = read(rootfs, "/etc/group");
    List<Integer> gids = new ArrayList<>(user.additionalGids());
    for (String group : groups) {
      Long number = parseId(group);
      long gid;
      if (number != null) {
        gid = checkRange(number);
      } else {
        gid = entries.stream().filter(g -> field(g, 0).equals(group)).findFirst()
            .map(g -> checkRange(intField(g, 2)))
            .orElseThrow(() -> new InvalidArgumentException(
                "Unable to find group " + group + ": no matching entries in group file"));
      }
      if (!gids.contains((int) gid)) {
        gids.add((int) gid);
      }
    }
    return new ProcessUser(user.uid(), user.gid(), gids, user.home());
  }

  // Go's strconv.Atoi, which runc uses: a sign is allowed, anything else non-numeric is a name.
  private static Long parseId(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long checkRange(long id) {
    if (id < 0 || id > MAX_ID) {
      throw new InvalidArgumentException("uids and gids must be in range 0-" + MAX_ID);
    }
    return id;
  }

  private static String field(String[] entry, int index) {
    return index < entry.length ? entry[index] : "";
  }

  // runc ignores parse errors in numeric fields, reading them as 0.
  private static long intField(String[] entry, int index) {
    Long value = parseId(field(entry, index));
    return value == null ? 0 : value;
  }

  /**
   * The colon-separated entries of a passwd or group file, none when the image has no such
   * file. Only a regular file is read (a FIFO planted by an image would block us), through symlinks
   * resolved inside the rootfs and without following a symlink swapped in since.
   */
  private static List<String[]> read(Path rootfs, String path) {
    try {
      Path file = ScopedPath.resolve(rootfs, path);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return List.of();
      }
      String text;
      try (SeekableByteChannel channel =
          Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
        text = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
      }
      List<String[]> entries = new ArrayList<>();
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty()) {
          entries.add(trimmed.split(":", -1));
        }
      }
      return entries;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new InternalException("reading " + path + " in " + rootfs + ": " + e.getMessage(), e);
    }
  }
}
