package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /containers/{id}/wait}. */
public record ContainerWaitResponse(
    @JsonProperty("StatusCode") long statusCode,
    @JsonInclude(Include.NON_NULL) @JsonProperty("Error") WaitError error) {

  public record WaitError(@JsonProperty("Message") String message) {}
}
