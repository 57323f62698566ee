package dev.berth.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code GET /images/{name}/history}, newest first: the image ID where one is known
 * ({@code <missing>} for layers made elsewhere), when and how the step was made, its tags, and the
 * size of the layer it added (0 for a step that changed only the config).
 */
public record ImageHistoryItem(
    @JsonProperty("Id") String id,
    @JsonProperty("Created") long created,
    @JsonProperty("CreatedBy") String createdBy,
    @JsonProperty("Tags") List<String> tags,
    @JsonProperty("Size") long size,
    @JsonProperty("Comment") String comment) {

  public static final String MISSING = "<missing>";
}
