package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The body of {@code POST /containers/{id}/update}: new resource limits (zero or null fields keep
 * the container's value) and optionally a new restart policy.
 */
public record ContainerUpdateRequest(
    @JsonUnwrapped Resources resources,
    @JsonProperty("RestartPolicy") HostConfig.RestartPolicy restartPolicy) {}
