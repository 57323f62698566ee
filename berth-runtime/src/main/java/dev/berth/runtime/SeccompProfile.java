package dev.berth.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A seccomp profile in Docker's format (what {@code --security-opt seccomp=profile.json} holds):
 * rules that may apply only on some architectures, with some capabilities or from some kernel
 * version on. {@link #resolve} turns it into the plain OCI filter for one container, as Docker
 * does when it writes the container's spec. {@link DefaultSeccompProfile} is Docker's default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeccompProfile(
    String defaultAction,
    Integer defaultErrnoRet,
    List<String> architectures,
    List<ArchMap> archMap,
    List<Syscall> syscalls,
    List<String> flags) {

  // Go's encoding/json, which Docker decodes profiles with: field names in any case, unknown ones ignored.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
      .build();

  /** The architecture the JVM runs on, by libseccomp's and Go's names. */
  private static final Arch NATIVE = Arch.of(System.getProperty("os.arch"));

  /** Checks at construction what Docker refuses in a profile, so a bad one fails at container create. */
  public SeccompProfile {
    if (architectures != null && !architectures.isEmpty() && archMap != null && !archMap.isEmpty()) {
      throw new InvalidArgumentException("'architectures' and 'archMap' were specified in the seccomp profile, "
          + "use either 'architectures' or 'archMap'");
    }
  }

  public record ArchMap(String architecture, List<String> subArchitectures) {}

  /**
   * One rule: {@code names} (or the older single {@code name}) get {@code action}, if {@code args}
   * match; it applies only where {@code includes} all hold and no part of {@code excludes} does.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Syscall(String name, List<String> names, String action, Integer errnoRet, List<Arg> args,
      Filter includes, Filter excludes) {

    public Syscall {
      if (name != null && !name.isEmpty() && names != null && !names.isEmpty()) {
        throw new InvalidArgumentException(
            "'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
      }
    }
  }

  /** A condition on one argument: {@code op} is SCMP_CMP_EQ, SCMP_CMP_MASKED_EQ, ... */
  public record Arg(int index, long value, long valueTwo, String op) {}

  /** Architectures (Go's names: amd64, arm64, ...), capabilities and a minimum kernel ("4.8"). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Filter(List<String> arches, List<String> caps, String minKernel) {

    public Filter {
      if (minKernel != null && !minKernel.isEmpty()) {
        KernelVersion.parse(minKernel);
      }
    }
  }

  /**
   * Reads a profile as the docker CLI sends it (the file's JSON, in the security option).
   *
   * @throws InvalidArgumentException in Docker's words when it is not a profile
   */
  public static SeccompProfile parse(String json) {
    try {
      return JSON.readValue(json, SeccompProfile.class);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof InvalidArgumentException refused) {
        throw refused;
      }
      throw new InvalidArgumentException("Decoding seccomp profile failed: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The OCI filter for a container with bounding capability set {@code capabilities} on this host:
   * the rules whose conditions hold, and the architectures of this machine's entry in the arch map.
   * Null when the profile has neither a default action nor rules, which Docker takes as no filter.
   */
  OciSpec.Seccomp resolve(List<String> capabilities) {
    if ((defaultAction == null || defaultAction.isEmpty()) && (syscalls == null || syscalls.isEmpty())) {
      return null;
    }
    List<String> arches = new ArrayList<>();
    if (architectures != null) {
      arches.addAll(architectures);
    }
    if (archMap != null) {
      for (ArchMap entry : archMap) {
        if (Objects.equals(entry.architecture(), NATIVE.seccompName())) {
          arches.add(entry.architecture());
          if (entry.subArchitectures() != null) {
            arches.addAll(entry.subArchitectures());
          }
          break;
        }
      }
    }
    List<OciSpec.Syscall> rules = new ArrayList<>();
    for (Syscall call : syscalls == null ? List.<Syscall>of() : syscalls) {
      if (applies(call, capabilities)) {
        rules.add(rule(call));
      }
    }
    return new OciSpec.Seccomp(defaultAction, defaultErrnoRet, arches.isEmpty() ? null : arches,
        flags == null || flags.isEmpty() ? null : flags, rules);
  }

  private static boolean applies(Syscall call, List<String> capabilities) {
    Filter ex = call.excludes();
    if (ex != null) {
      if (ex.arches() != null && ex.arches().contains(NATIVE.goName())
          || ex.caps() != null && ex.caps().stream().anyMatch(capabilities::contains)
          || ex.minKernel() != null && !ex.minKernel().isEmpty() && KernelVersion.atLeast(ex.minKernel())) {
        return false;
      }
    }
    Filter in = call.includes();
    if (in != null) {
      if (in.arches() != null && !in.arches().isEmpty() && !in.arches().contains(NATIVE.goName())
          || in.caps() != null && !capabilities.containsAll(in.caps())
          || in.minKernel() != null && !in.minKernel().isEmpty() && !KernelVersion.atLeast(in.minKernel())) {
        return false;
      }
    }
    return true;
  }

  private static OciSpec.Syscall rule(Syscall call) {
    boolean hasName = call.name() != null && !call.name().isEmpty();
    List<String> names = hasName ? List.of(call.name()) : call.names() == null ? List.of() : call.names();
    List<OciSpec.SeccompArg> args = call.args() == null || call.args().isEmpty() ? null
        : call.args().stream().map(a -> new OciSpec.SeccompArg(a.index(), a.value(), a.valueTwo(), a.op())).toList();
    return new OciSpec.Syscall(names, call.action(), call.errnoRet(), args);
  }

  /** An architecture as Go (the profile's filters) and libseccomp (its arch map) name it. */
  private record Arch(String goName, String seccompName) {
    static Arch of(String javaArch) {
      return switch (javaArch.toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" -> new Arch("amd64", "SCMP_ARCH_X86_64");
        case "aarch64", "arm64" -> new Arch("arm64", "SCMP_ARCH_AARCH64");
        case "x86", "i386", "i686" -> new Arch("x86", "SCMP_ARCH_X86");
        case "arm" -> new Arch("arm", "SCMP_ARCH_ARM");
        case "ppc64le" -> new Arch("ppc64le", "SCMP_ARCH_PPC64LE");
        case "s390x" -> new Arch("s390x", "SCMP_ARCH_S390X");
        case "riscv64" -> new Arch("riscv64", "SCMP_ARCH_RISCV64");
        default -> new Arch(javaArch, "");
      };
    }
  }

  /** The running kernel's version against a profile's "major.minor". */
  private static final class KernelVersion {
    private static final int[] RUNNING = parse(System.getProperty("os.version"));

    static boolean atLeast(String version) {
      int[] wanted = parse(version);
      return RUNNING[0] != wanted[0] ? RUNNING[0] > wanted[0] : RUNNING[1] >= wanted[1];
    }

    static int[] parse(String text) {
      String[] parts = text.split("[.-]");
      try {
        return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
      } catch (NumberFormatException e) {
        throw new InvalidArgumentException("invalid kernel version in seccomp profile: " + text);
      }
    }
  }
}
