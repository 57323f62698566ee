package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /exec/{id}/start}. {@code consoleSize} (API 1.42) is the terminal's
 * [rows, columns] at start; null when the client sent none.
 */
public record ExecStartRequest(
    @JsonProperty("Detach") boolean detach,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("ConsoleSize") @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> consoleSize) {}
