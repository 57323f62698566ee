package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One entry of {@code GET /containers/json}. */
public record ContainerSummary(
    @JsonProperty("Id") String id,
    @JsonProperty("Names") List<String> names,
    @JsonProperty("Image") String image,
    @JsonProperty("ImageID") String imageId,
    @JsonProperty("Command") String command,
    @JsonProperty("Created") long created,
    @JsonProperty("Ports") List<Map<String, Object>> ports,
    @JsonInclude(Include.NON_NULL) @JsonProperty("SizeRw") Long sizeRw,
    @JsonInclude(Include.NON_NULL) @JsonProperty("SizeRootFs") Long sizeRootFs,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("State") String state,
    @JsonProperty("Status") String status,
    @JsonProperty("HostConfig") Map<String, String> hostConfig,
    @JsonProperty("NetworkSettings") Map<String, Object> networkSettings,
    @JsonProperty("Mounts") List<ContainerInspect.MountPoint> mounts) {}
