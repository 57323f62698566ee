package dev.berth.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.api.container.ContainerConfig;
import java.util.List;

/**
 * An image configuration as the OCI image spec and Docker's schema2 store it. The image ID is the
 * digest of its serialized bytes, so those bytes are kept as written and never re-serialized.
 */
@JsonInclude(Include.NON_NULL)
public record ImageConfig(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("author") String author,
    @JsonProperty("comment") String comment,
    @JsonProperty("config") ContainerConfig config,
    @JsonProperty("created") String created,
    @JsonProperty("docker_version") String dockerVersion,
    @JsonProperty("history") List<History> history,
    @JsonProperty("os") String os,
    @JsonProperty("rootfs") RootFs rootfs) {

  @JsonInclude(Include.NON_NULL)
  public record History(
      @JsonProperty("created") String created,
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("author") String author,
      @JsonProperty("comment") String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {}

  public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {}
}
