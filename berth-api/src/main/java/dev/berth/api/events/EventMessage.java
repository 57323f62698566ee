package dev.berth.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of {@code GET /events}. {@code status}, {@code id} and {@code from} are the older fields
 * Docker still fills for container and image events; clients of every age read one or the other.
 */
public record EventMessage(
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("status") String status,
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("id") String id,
    @JsonInclude(Include.NON_EMPTY) @JsonProperty("from") String from,
    @JsonProperty("Type") String type,
    @JsonProperty("Action") String action,
    @JsonProperty("Actor") Actor actor,
    @JsonProperty("scope") String scope,
    @JsonProperty("time") long time,
    @JsonProperty("timeNano") long timeNano) {

  /** What the event is about: its ID and attributes such as {@code name}, {@code image} and labels. */
  public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {}
}
