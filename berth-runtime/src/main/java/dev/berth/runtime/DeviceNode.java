package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A device node the runtime creates in the container ({@code linux.devices}) and lets it use
 * through the devices cgroup with {@code access} ("r", "w", "m" for mknod).
 *
 * @param path where the node appears in the container
 * @param type 'c' for a character device, 'b' for a block device
 * @param fileMode the node's permission bits, copied from the host's node
 */
public record DeviceNode(String path, char type, long major, long minor, int fileMode, int uid, int gid,
    String access) {

  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  /** What runc leaves out of "all host devices": other mounts' contents and the console. */
  private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts",
      ".udev");

  public DeviceNode {
    if (path == null || !path.startsWith("/")) {
      throw new InvalidArgumentException("device path must be absolute: " + path);
    }
    if (type != 'c' && type != 'b') {
      throw new InvalidArgumentException("device " + path + ": type must be c or b, not " + type);
    }
  }

  /** Every device node under the host's /dev, for a privileged container. */
  public static List<DeviceNode> hostDevices() throws IOException {
    List<DeviceNode> out = new ArrayList<>();
    collect(Path.of("/dev"), "/dev", "rwm", true, out);
    return out;
  }

  /**
   * Docker's {@code --device host[:container[:perms]]}: the node at {@code pathOnHost} (through a
   * symlink) appears at {@code pathInContainer}; a directory brings every node beneath it.
   *
   * @throws InvalidArgumentException in Docker's words when there is no device there
   */
  public static List<DeviceNode> fromHostPath(String pathOnHost, String pathInContainer, String access) {
    String reason;
    try {
      Path resolved = Path.of(pathOnHost).toRealPath();
      DeviceNode node = at(resolved, pathInContainer, access);
      if (node != null) {
        return List.of(node);
      }
      List<DeviceNode> nodes = new ArrayList<>();
      if (Files.isDirectory(resolved)) {
        collect(resolved, pathInContainer, access, false, nodes);
      }
      if (!nodes.isEmpty()) {
        return nodes;
      }
      reason = "not a device node";
    } catch (NoSuchFileException e) {
      reason = "no such file or directory";
    } catch (IOException e) {
      reason = e.getMessage();
    }
    throw new InvalidArgumentException("error gathering device information while adding custom device \""
        + pathOnHost + "\": " + reason);
  }

  private static void collect(Path dir, String containerDir, String access, boolean skipSpecial,
      List<DeviceNode> out) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String inContainer = containerDir + "/" + name;
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          if (!(skipSpecial && SKIPPED_DIRS.contains(name))) {
            collect(entry, inContainer, access, skipSpecial, out);
          }
        } else if (!(skipSpecial && name.equals("console"))) {
          DeviceNode node = at(entry, inContainer, access);
          if (node != null) {
            out.add(node);
          }
        }
      }
    }
  }

  /** The device node at {@code file}, or null when it is something else. */
  private static DeviceNode at(Path file, String inContainer, String access) throws IOException {
    Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) attrs.get("mode");
    char type = switch (mode & S_IFMT) {
      case S_IFCHR -> 'c';
      case S_IFBLK -> 'b';
      default -> 0;
    };
    if (type == 0) {
      return null;
    }
    long rdev = (Long) attrs.get("rdev");
    // glibc's major()/minor() of a 64-bit dev_t
    long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & 0xfffff000L);
    long minor = (rdev & 0xff) | ((rdev >>> 12) & 0xffffff00L);
    return new DeviceNode(inContainer, type, major, minor, mode & 07777, (Integer) attrs.get("uid"),
        (Integer) attrs.get("gid"), access);
  }
}
