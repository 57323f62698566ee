package dev.berth.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One {@code --device}: a host device node, where it appears in the container, and "rwm" permissions. */
public record DeviceMapping(@JsonProperty("PathOnHost") String pathOnHost,
    @JsonProperty("PathInContainer") String pathInContainer,
    @JsonProperty("CgroupPermissions") String cgroupPermissions) {}
