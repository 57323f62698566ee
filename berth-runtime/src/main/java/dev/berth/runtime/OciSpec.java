package dev.berth.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
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
      Capabilities capabilities,
      List<Rlimit> rlimits,
      boolean noNewPrivileges,
      int oomScoreAdj) {}

  record ConsoleSize(int height, int width) {}

  record User(int uid, int gid, List<Integer> additionalGids) {}

  record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {}

  record Rlimit(String type, long hard, long soft) {}

  record Root(String path, boolean readonly) {}

  record Mount(String destination, String type, String source, List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Linux(
      Map<String, String> sysctl,
      Resources resources,
      String cgroupsPath,
      List<Namespace> namespaces,
      List<String> maskedPaths,
      List<String> readonlyPaths) {}

  record Resources(List<DeviceRule> devices) {}

  /** A devices-cgroup rule; absent type, major or minor mean "all". */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

  record Namespace(String type) {}
}
