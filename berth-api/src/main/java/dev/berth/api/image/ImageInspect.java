package dev.berth.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerInspect.GraphDriver;
import java.util.List;
import java.util.Map;

/** The body of {@code GET /images/{name}/json}. */
public record ImageInspect(
    @JsonProperty("Id") String id,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("Parent") String parent,
    @JsonProperty("Comment") String comment,
    @JsonProperty("Created") String created,
    @JsonProperty("DockerVersion") String dockerVersion,
    @JsonProperty("Author") String author,
    @JsonProperty("Config") ContainerConfig config,
    @JsonProperty("Architecture") String architecture,
    @JsonProperty("Os") String os,
    @JsonProperty("Size") long size,
    @JsonProperty("GraphDriver") GraphDriver graphDriver,
    @JsonProperty("RootFS") RootFs rootFs,
    @JsonProperty("Metadata") Map<String, String> metadata) {

  public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {}
}
