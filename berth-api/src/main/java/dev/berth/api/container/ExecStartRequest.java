package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /exec/{id}/start}. */
public record ExecStartRequest(@JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty) {}
