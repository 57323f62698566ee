package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A container's portable configuration (swagger {@code ContainerConfig}); also the {@code config}
 * section of an image. Fields Docker marks {@code omitempty} are left out when null.
 */
public record ContainerConfig(
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("Domainname") String domainname,
    @JsonProperty("User") String user,
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("StdinOnce") boolean stdinOnce,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonInclude(Include.NON_NULL) @JsonProperty("Healthcheck") HealthConfig healthcheck,
    @JsonInclude(Include.NON_DEFAULT) @JsonProperty("ArgsEscaped") boolean argsEscaped,
    @JsonProperty("Image") String image,
    @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonInclude(Include.NON_DEFAULT) @JsonProperty("NetworkDisabled") boolean networkDisabled,
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("MacAddress") String macAddress,
    @JsonProperty("OnBuild") List<String> onBuild,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("StopSignal") String stopSignal,
    @JsonInclude(Include.NON_NULL) @JsonProperty("StopTimeout") Integer stopTimeout,
    @JsonInclude(Include.NON_NULL) @JsonProperty("Shell") List<String> shell) {

  /** A configuration with every field at Docker's zero value. */
  public static ContainerConfig empty() {
    return new ContainerConfig("", "", "", false, false, false, null, false, false, false, null, null,
        null, false, "", null, "", null, false, null, null, null, null, null, null);
  }

  public ContainerConfig withImage(String newImage) {
    return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr,
        exposedPorts, tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, newImage, volumes,
        workingDir, entrypoint, networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
  }

  public ContainerConfig withHostname(String newHostname) {
    return new ContainerConfig(newHostname, domainname, user, attachStdin, attachStdout, attachStderr,
        exposedPorts, tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, image, volumes,
        workingDir, entrypoint, networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
  }

  public ContainerConfig withProcess(List<String> newEnv, List<String> newCmd, List<String> newEntrypoint,
      String newWorkingDir, String newUser) {
    return new ContainerConfig(hostname, domainname, newUser, attachStdin, attachStdout, attachStderr,
        exposedPorts, tty, openStdin, stdinOnce, newEnv, newCmd, healthcheck, argsEscaped, image, volumes,
        newWorkingDir, newEntrypoint, networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout,
        shell);
  }

  public ContainerConfig withImageDefaults(Map<String, Map<String, Object>> newExposedPorts,
      Map<String, Map<String, Object>> newVolumes, Map<String, String> newLabels, String newStopSignal,
      HealthConfig newHealthcheck, List<String> newOnBuild, List<String> newShell) {
    return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr,
        newExposedPorts, tty, openStdin, stdinOnce, env, cmd, newHealthcheck, argsEscaped, image, newVolumes,
        workingDir, entrypoint, networkDisabled, macAddress, newOnBuild, newLabels, newStopSignal, stopTimeout,
        newShell);
  }
}
