package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code GET /containers/{id}/top}: ps's column titles and the container's rows. */
public record ContainerTopResponse(
    @JsonProperty("Titles") List<String> titles,
    @JsonProperty("Processes") List<List<String>> processes) {}
