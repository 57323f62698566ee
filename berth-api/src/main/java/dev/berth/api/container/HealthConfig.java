package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A health check definition (swagger {@code HealthConfig}); durations in nanoseconds. */
@JsonInclude(Include.NON_DEFAULT)
public record HealthConfig(
    @JsonProperty("Test") List<String> test,
    @JsonProperty("Interval") long interval,
    @JsonProperty("Timeout") long timeout,
    @JsonProperty("Retries") int retries,
    @JsonProperty("StartPeriod") long startPeriod,
    @JsonProperty("StartInterval") long startInterval) {}
