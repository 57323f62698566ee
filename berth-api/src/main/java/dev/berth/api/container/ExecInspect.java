package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code GET /exec/{id}/json}; {@code ExitCode} is null until the process has ended. */
public record ExecInspect(
    @JsonProperty("CanRemove") boolean canRemove,
    @JsonProperty("ContainerID") String containerId,
    @JsonProperty("DetachKeys") String detachKeys,
    @JsonProperty("ExitCode") Integer exitCode,
    @JsonProperty("ID") String id,
    @JsonProperty("OpenStderr") boolean openStderr,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("OpenStdout") boolean openStdout,
    @JsonProperty("ProcessConfig") ProcessConfig processConfig,
    @JsonProperty("Running") boolean running,
    @JsonProperty("Pid") int pid) {

  public record ProcessConfig(
      @JsonProperty("arguments") List<String> arguments,
      @JsonProperty("entrypoint") String entrypoint,
      @JsonProperty("privileged") boolean privileged,
      @JsonProperty("tty") boolean tty,
      @JsonProperty("user") String user) {}
}
