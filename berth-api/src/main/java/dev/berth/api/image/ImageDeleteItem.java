package dev.berth.api.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of {@code DELETE /images/{name}}: either an untagged reference or a deleted image ID. */
@JsonInclude(Include.NON_NULL)
public record ImageDeleteItem(@JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {

  public static ImageDeleteItem untagged(String reference) {
    return new ImageDeleteItem(reference, null);
  }

  public static ImageDeleteItem deleted(String imageId) {
    return new ImageDeleteItem(null, imageId);
  }
}
