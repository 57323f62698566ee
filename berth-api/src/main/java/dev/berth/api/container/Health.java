package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code State.Health} of container inspect: the health check's verdict ({@code starting},
 * {@code healthy}, {@code unhealthy}), how many probes failed in a row, and the last five probes.
 */
public record Health(
    @JsonProperty("Status") String status,
    @JsonProperty("FailingStreak") int failingStreak,
    @JsonProperty("Log") List<Result> log) {

  public static final String STARTING = "starting";
  public static final String HEALTHY = "healthy";
  public static final String UNHEALTHY = "unhealthy";

  /** One probe: when it ran, its exit code (-1 when it timed out or could not run), and its output. */
  public record Result(
      @JsonProperty("Start") String start,
      @JsonProperty("End") String end,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Output") String output) {}
}
