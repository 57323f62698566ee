package dev.berth.cli;

import dev.berth.api.container.DeviceMapping;
import dev.berth.api.container.Ulimit;
import dev.berth.client.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of the resource and security flags of {@code create}, {@code run} and {@code update},
 * checked and converted as the docker CLI does it, with its error messages.
 */
final class ResourceFlags {

  private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

  private ResourceFlags() {}

  /** {@code --cpus 1.5}: a rational number of CPUs, as billionths. */
  static long nanoCpus(String value) {
    BigDecimal cpus;
    try {
      int slash = value.indexOf('/');
      cpus = slash < 0 ? new BigDecimal(value)
          : new BigDecimal(value.substring(0, slash)).divide(new BigDecimal(value.substring(slash + 1)));
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(value, "--cpus", "failed to parse " + value + " as a rational number");
    }
    BigDecimal nanos = cpus.multiply(NANOS);
    if (nanos.stripTrailingZeros().scale() > 0) {
      throw invalid(value, "--cpus", "value is too precise");
    }
    return nanos.longValueExact();
  }

  /** {@code --memory-swap}: a size, or -1 for unlimited swap. */
  static long memorySwap(String value) {
    return value.equals("-1") ? -1 : ContainerOptions.ramInBytes(value, "--memory-swap");
  }

  /** {@code --blkio-weight}: Go's uint16. */
  static int blkioWeight(String value) {
    try {
      BigInteger weight = new BigInteger(value);
      if (weight.signum() < 0 || weight.bitLength() > 16) {
        throw invalid(value, "--blkio-weight", "strconv.ParseUint: parsing \"" + value + "\": value out of range");
      }
      return weight.intValue();
    } catch (NumberFormatException e) {
      throw invalid(value, "--blkio-weight", "strconv.ParseUint: parsing \"" + value + "\": invalid syntax");
    }
  }

  /** {@code --ulimit name=soft[:hard]}; a later value for a name replaces an earlier one. */
  static List<Ulimit> ulimits(List<String> values) {
    Map<String, Ulimit> byName = new LinkedHashMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      if (eq < 0) {
        throw invalid(value, "--ulimit", "invalid ulimit argument: " + value);
      }
      String name = value.substring(0, eq);
      if (!Ulimit.NAMES.contains(name)) {
        throw invalid(value, "--ulimit", "invalid ulimit type: " + name);
      }
      String[] limits = value.substring(eq + 1).split(":", -1);
      if (limits.length > 2) {
        throw invalid(value, "--ulimit", "too many limit value arguments - " + value.substring(eq + 1)
            + ", can only have up to two, `soft[:hard]`");
      }
      long hard = limits.length == 2 ? parseInt(limits[1], value) : 0;
      long soft = parseInt(limits[0], value);
      if (limits.length == 1) {
        hard = soft;
      }
      if (hard != -1 && soft > hard) {
        throw invalid(value, "--ulimit", "ulimit soft limit must be less than or equal to hard limit: " + soft
            + " > " + hard);
      }
      byName.put(name, new Ulimit(name, hard, soft));
    }
    return List.copyOf(byName.values());
  }

  /** {@code --device host[:container][:rwm]}, checked as the docker CLI checks it for a Linux daemon. */
  static DeviceMapping device(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw runError("bad format for path: " + value);
    }
    String host = parts[0];
    String container = host;
    String permissions = "rwm";
    if (parts.length == 2) {
      if (isDeviceMode(parts[1])) {
        permissions = parts[1];
      } else {
        container = parts[1];
      }
    } else if (parts.length == 3) {
      container = parts[1];
      if (!isDeviceMode(parts[2])) {
        throw runError("bad mode specified: " + parts[2]);
      }
      permissions = parts[2];
    }
    if (!container.startsWith("/")) {
      throw runError(container + " is not an absolute path");
    }
    return new DeviceMapping(host, Path.of(container).normalize().toString(), permissions);
  }

  /** {@code --tmpfs /path[:options]}. */
  static Map<String, String> tmpfs(List<String> values) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (String value : values) {
      int colon = value.indexOf(':');
      mounts.put(colon < 0 ? value : value.substring(0, colon), colon < 0 ? "" : value.substring(colon + 1));
    }
    return mounts;
  }

  /**
   * {@code --security-opt} as the docker CLI sends it: a seccomp profile named by its file is sent as
   * the file's compact JSON; {@code systempaths=unconfined} is not sent but empties the masked and
   * read-only path lists, which {@code unconfinedPaths} is told.
   */
  static List<String> securityOpts(List<String> values, Runnable unconfinedPaths) throws IOException {
    List<String> out = new ArrayList<>();
    for (String option : values) {
      if (option.equals("systempaths=unconfined")) {
        unconfinedPaths.run();
        continue;
      }
      int sep = option.indexOf('=');
      if (sep < 0 && !option.equals("no-new-privileges")) {
        sep = option.indexOf(':');
      }
      String key = sep < 0 ? option : option.substring(0, sep);
      String val = sep < 0 ? "" : option.substring(sep + 1);
      if (val.isEmpty() && !key.equals("no-new-privileges")) {
        throw runError("Invalid --security-opt: \"" + option + "\"");
      }
      if (key.equals("seccomp") && !Set.of("builtin", "unconfined").contains(val)) {
        out.add("seccomp=" + compactJson(val));
      } else {
        out.add(option);
      }
    }
    return out;
  }

  private static String compactJson(String file) throws IOException {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw runError("opening seccomp profile (" + file + ") failed: open " + file + ": no such file or directory");
    }
    try {
      Json.parse(text);
    } catch (IOException e) {
      throw runError("compacting json for seccomp profile (" + file + ") failed: " + e.getMessage());
    }
    return compact(text);
  }

  /** Valid JSON without the whitespace between its tokens, as Go's json.Compact writes it. */
  private static String compact(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    boolean escaped = false;
    for (char c : json.toCharArray()) {
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        out.append(c);
      } else if (!Character.isWhitespace(c)) {
        inString = c == '"';
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isDeviceMode(String mode) {
    return !mode.isEmpty() && mode.chars().distinct().count() == mode.length()
        && mode.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm');
  }

  private static long parseInt(String text, String value) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(value, "--ulimit", "strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
    }
  }

  private static UsageError invalid(String value, String flag, String reason) {
    return UsageError.flag("invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + reason);
  }

  /** An error the docker CLI reports after parsing the flags, with the pointer to {@code --help}. */
  private static CliExit runError(String message) {
    return new CliExit(125, Cli.NAME + ": " + message + "\n\nRun '" + Cli.NAME + " run --help' for more information");
  }
}
