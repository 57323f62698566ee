package dev.berth.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The part of the OCI runtime spec (config.json, version 1.0.2) that berth writes, as records whose
 * component names are the spec's JSON field names. Absent optional fields are left out of the JSON
 * rather than written as null, as the spec's Go bindings do.
 */
final class OciSpec {

  static final String VERSION = "1.0.2";

  private OciSpec() {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Spec(
      String ociVersion,
      Process process,
      Root root,
      String hostname,
      List<Mount> mounts,
      Map<String, String> annotations,
      Linux linux) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Process(
      boolean terminal,
      ConsoleSize consoleSize,
      User user,
      List<String> args,
      List<String> env,
      String cwd,
      CapabilitySets capabilities,
      List<Rlimit> rlimits,
      boolean noNewPrivileges,
      int oomScoreAdj) {}

  record ConsoleSize(int height, int width) {}

  record User(int uid, int gid, List<Integer> additionalGids) {}

  record CapabilitySets(List<String> bounding, List<String> effective, List<String> permitted) {}

  /** The spec's limits are unsigned: Docker's -1 (unlimited) is RLIM_INFINITY, 2^64 - 1. */
  record Rlimit(String type, BigInteger hard, BigInteger soft) {
    static Rlimit of(dev.berth.runtime.Rlimit limit) {
      return new Rlimit(limit.type(), unsigned(limit.hard()), unsigned(limit.soft()));
    }

    private static BigInteger unsigned(long value) {
      return new BigInteger(Long.toUnsignedString(value));
    }
  }

  record Root(String path, boolean readonly) {}

  record Mount(String destination, String type, String source, List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Linux(
      Map<String, String> sysctl,
      Resources resources,
      String cgroupsPath,
      List<Namespace> namespaces,
      List<Device> devices,
      List<String> maskedPaths,
      List<String> readonlyPaths,
      Seccomp seccomp) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Resources(
      List<DeviceRule> devices,
      LinuxResources.Memory memory,
      LinuxResources.Cpu cpu,
      LinuxResources.Pids pids,
      LinuxResources.BlockIo blockIO) {}

  /** A device node the runtime creates in the container's /dev. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Device(String path, String type, long major, long minor, Integer fileMode, Integer uid, Integer gid) {}

  /** A devices-cgroup rule; absent type, major or minor mean "all". */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

  /** A namespace to create, or with a path, to join. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Namespace(String type, String path) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Seccomp(
      String defaultAction,
      Integer defaultErrnoRet,
      List<String> architectures,
      List<String> flags,
      List<Syscall> syscalls) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Syscall(List<String> names, String action, Integer errnoRet, List<SeccompArg> args) {}

  record SeccompArg(int index, long value, long valueTwo, String op) {}
}
