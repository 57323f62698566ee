package dev.berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.content.ContentStore;
import dev.berth.content.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

  @TempDir
  Path root;

  private static byte[] config(String comment) {
    return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"comment\":\"" + comment
        + "\",\"created\":\"2026-01-01T00:00:00Z\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private ImageStore open() {
    return new ImageStore(root.resolve("image"), new ContentStore(root.resolve("content")));
  }

  @Test
  void imagesAreFoundByTagIdAndUniquePrefix() {
    ImageStore store = open();
    Digest id = store.add(config("one"));
    store.tag(id, Reference.parse("tools/box"));

    assertThat(store.resolve("tools/box").id()).isEqualTo(id);
    assertThat(store.resolve("tools/box:latest").repoTags()).containsExactly("tools/box:latest");
    assertThat(store.resolve(id.toString()).id()).isEqualTo(id);
    assertThat(store.resolve(id.hex().substring(0, 6)).id()).isEqualTo(id);
    assertThatThrownBy(() -> store.resolve("tools/box:2")).isInstanceOf(NotFoundException.class)
        .hasMessage("No such image: tools/box:2");
  }

  @Test
  void tagsAndImagesSurviveAReopen() {
    ImageStore first = open();
    Digest id = first.add(config("kept"));
    first.tag(id, Reference.parse("kept:1"));

    ImageStore second = open();

    assertThat(second.resolve("kept:1").id()).isEqualTo(id);
    assertThat(second.image(id).lastTagTime()).isPresent();
  }

  @Test
  void aTaggedImageCannotBeRemovedAndAnUntaggedOneGoesWithItsConfig() {
    ImageStore store = open();
    Digest id = store.add(config("gone"));
    store.tag(id, Reference.parse("gone:1"));

    assertThatThrownBy(() -> store.remove(id)).isInstanceOf(ConflictException.class);
    assertThat(store.untag(Reference.parse("gone:1"))).isEqualTo(id);
    store.remove(id);

    assertThat(store.find(id.toString())).isEmpty();
    assertThat(open().list()).isEmpty();
  }
}
