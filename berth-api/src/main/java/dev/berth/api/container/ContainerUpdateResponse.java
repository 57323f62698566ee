package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of a successful {@code POST /containers/{id}/update}: limits the kernel could not apply. */
public record ContainerUpdateResponse(@JsonProperty("Warnings") List<String> warnings) {}
