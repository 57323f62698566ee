package dev.berth.engine.container;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.DefaultSeccompProfile;
import dev.berth.runtime.SeccompProfile;
import java.util.List;

/**
 * A container's {@code --security-opt} values, read as dockerd reads them: {@code no-new-privileges}
 * (alone or with a boolean), {@code seccomp=unconfined|builtin|<profile JSON>} (the docker CLI sends
 * a profile file's content), and {@code apparmor=...} and {@code label=...}, which are accepted and
 * have no effect on a host without AppArmor or SELinux. {@code key:value} is the old spelling.
 *
 * @param seccomp "" for the default filter, {@code unconfined}, {@code builtin}, or a profile's JSON
 */
record SecurityOptions(boolean noNewPrivileges, String seccomp) {

  private static final String UNCONFINED = "unconfined";
  private static final String BUILTIN = "builtin";

  /**
   * Parses and checks {@code options}, a seccomp profile included.
   *
   * @throws InvalidArgumentException in Docker's words
   */
  static SecurityOptions parse(List<String> options) {
    boolean noNewPrivileges = false;
    String seccomp = "";
    for (String option : options == null ? List.<String>of() : options) {
      if (option.equals("no-new-privileges")) {
        noNewPrivileges = true;
        continue;
      }
      if (option.equals("disable")) {
        continue;
      }
      int sep = option.indexOf('=') >= 0 ? option.indexOf('=') : option.indexOf(':');
      if (sep < 0) {
        throw new InvalidArgumentException("invalid --security-opt 1: \"" + option + "\"");
      }
      String key = option.substring(0, sep);
      String value = option.substring(sep + 1);
      switch (key) {
        case "label", "apparmor" -> { }
        case "seccomp" -> seccomp = value;
        case "no-new-privileges" -> noNewPrivileges = parseBool(value, option);
        default -> throw new InvalidArgumentException("invalid --security-opt 2: \"" + option + "\"");
      }
    }
    SecurityOptions parsed = new SecurityOptions(noNewPrivileges, seccomp);
    parsed.filter(false);
    return parsed;
  }

  /**
   * The system call filter: Docker's default unless the options name another; none for a privileged
   * container unless it asks for one.
   */
  SeccompProfile filter(boolean privileged) {
    return switch (seccomp) {
      case UNCONFINED -> null;
      case "" -> privileged ? null : DefaultSeccompProfile.get();
      case BUILTIN -> DefaultSeccompProfile.get();
      default -> SeccompProfile.parse(seccomp);
    };
  }

  // Go's strconv.ParseBool
  private static boolean parseBool(String value, String option) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new InvalidArgumentException("invalid --security-opt 2: \"" + option + "\"");
    };
  }
}
