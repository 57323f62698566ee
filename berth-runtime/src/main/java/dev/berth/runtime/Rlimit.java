package dev.berth.runtime;

import dev.berth.api.container.Ulimit;
import dev.berth.api.errors.InvalidArgumentException;
import java.util.Locale;

/**
 * One resource limit of the container's process ({@code process.rlimits} in the OCI spec), e.g.
 * {@code RLIMIT_NOFILE}; -1 is unlimited, as in Docker's {@code --ulimit}.
 */
public record Rlimit(String type, long soft, long hard) {

  public Rlimit {
    if (type == null || !type.startsWith("RLIMIT_")) {
      throw new InvalidArgumentException("invalid rlimit type: " + type);
    }
  }

  /**
   * Docker's {@code --ulimit name=soft:hard} as an rlimit.
   *
   * @throws InvalidArgumentException in Docker's words, for a name it does not know or a soft limit above
   *     the hard one (-1, unlimited, is above any)
   */
  public static Rlimit ofUlimit(String name, long soft, long hard) {
    if (name == null || !Ulimit.NAMES.contains(name)) {
      throw new InvalidArgumentException("invalid ulimit type: " + name);
    }
    if (hard != -1 && soft > hard) {
      throw new InvalidArgumentException(
          "ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
    }
    return new Rlimit("RLIMIT_" + name.toUpperCase(Locale.ROOT), soft, hard);
  }
}
