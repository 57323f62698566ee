package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Objects;

/**
 * The identity the container's process runs as, already resolved to numbers against the container's
 * own /etc/passwd and /etc/group (see {@link UserResolver}). {@code home} is the home directory
 * from the passwd entry, used as HOME when the container's environment has none.
 */
public record ProcessUser(int uid, int gid, List<Integer> additionalGids, String home) {

  /** root with no supplementary groups and "/" as home: what an image without /etc/passwd gets. */
  public static final ProcessUser ROOT = new ProcessUser(0, 0, List.of(0), "/");

  public ProcessUser {
    if (uid < 0 || gid < 0) {
      throw new InvalidArgumentException("uids and gids must be in range 0-2147483647");
    }
    additionalGids = List.copyOf(additionalGids);
    Objects.requireNonNull(home, "home");
  }
}
