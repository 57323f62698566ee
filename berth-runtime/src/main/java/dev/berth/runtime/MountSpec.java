package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Objects;

/**
 * One mount in the container, in the OCI spec's terms: {@code type} is the filesystem type ("bind",
 * "tmpfs", ...), {@code source} a host path for binds or a device name otherwise, and {@code
 * options} the mount(8) options ("rbind", "ro", "nosuid", "mode=755", ...).
 */
public record MountSpec(String destination, String type, String source, List<String> options) {

  public MountSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    if (destination == null || !destination.startsWith("/")) {
      throw new InvalidArgumentException(
          "mount destination must be an absolute path: " + destination);
    }
    options = List.copyOf(options);
  }

  /**
   * A recursive private bind mount, the way Docker mounts a container's /etc/hosts, /etc/hostname
   * and /etc/resolv.conf and its volumes.
   */
  public static MountSpec bind(String source, String destination, boolean readOnly) {
    return readOnly
        ? new MountSpec(destination, "bind", source, List.of("rbind", "rprivate", "ro"))
        : new MountSpec(destination, "bind", source, List.of("rbind", "rprivate"));
  }
}
