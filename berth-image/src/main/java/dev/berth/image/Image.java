package dev.berth.image;

import dev.berth.content.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An image in the local store: its ID (the config digest), its config, the tags that point at it, and
 * the image it was made from here, while that image exists.
 */
public record Image(Digest id, ImageConfig config, List<Reference> tags, Optional<Instant> lastTagTime,
    Optional<Digest> parent) {

  public List<String> repoTags() {
    return tags.stream().map(Reference::familiar).toList();
  }
}
