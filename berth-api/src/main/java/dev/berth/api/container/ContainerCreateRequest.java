package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/** The body of {@code POST /containers/create}: a ContainerConfig with HostConfig and NetworkingConfig beside it. */
public record ContainerCreateRequest(
    @JsonUnwrapped ContainerConfig config,
    @JsonProperty("HostConfig") HostConfig hostConfig,
    @JsonProperty("NetworkingConfig") NetworkingConfig networkingConfig) {

  public record NetworkingConfig(@JsonProperty("EndpointsConfig") Map<String, Map<String, Object>> endpointsConfig) {}
}
