package dev.berth.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

  @TempDir
  Path root;

  @Test
  void blobsAreStoredOnceUnderTheirDigest() throws Exception {
    ContentStore store = new ContentStore(root);
    byte[] blob = "{\"hello\":\"berth\"}".getBytes(StandardCharsets.UTF_8);

    Digest digest = store.write(blob);
    Digest again = store.write(blob);

    assertThat(again).isEqualTo(digest);
    assertThat(digest).isEqualTo(Digest.of(blob));
    assertThat(store.read(digest)).isEqualTo(blob);
    assertThat(store.path(digest)).isEqualTo(root.resolve("blobs/sha256/" + digest.hex()));
    try (var files = Files.list(root.resolve("blobs/sha256"))) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void deletedAndUnknownBlobsAreNotFound() {
    ContentStore store = new ContentStore(root);
    Digest digest = store.write(new byte[] {1, 2, 3});

    store.delete(digest);

    assertThat(store.exists(digest)).isFalse();
    assertThatThrownBy(() -> store.read(digest)).isInstanceOf(NotFoundException.class)
        .hasMessage("content " + digest + ": not found");
  }

  @Test
  void digestsAreValidatedWhenMade() {
    assertThat(Digest.parse("sha256:" + "0".repeat(64)).shortHex()).isEqualTo("000000000000");
    assertThatThrownBy(() -> Digest.parse("md5:abc")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Digest.parse("sha256:ABC")).isInstanceOf(InvalidArgumentException.class);
  }
}
