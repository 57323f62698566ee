package dev.berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceTest {

  @Test
  void officialImagesLiveUnderLibraryOnDockerHub() {
    Reference reference = Reference.parseWithDefaultTag("busybox");

    assertThat(reference.domain()).isEqualTo("docker.io");
    assertThat(reference.path()).isEqualTo("library/busybox");
    assertThat(reference.tag()).contains("latest");
    assertThat(reference.familiar()).isEqualTo("busybox:latest");
  }

  @Test
  void registriesWithPortsAndNestedPathsKeepTheirDomain() {
    Reference reference = Reference.parse("localhost:5000/team/app:1.2");

    assertThat(reference.domain()).isEqualTo("localhost:5000");
    assertThat(reference.path()).isEqualTo("team/app");
    assertThat(reference.tag()).contains("1.2");
    assertThat(reference.familiarName()).isEqualTo("localhost:5000/team/app");
  }

  @Test
  void userImagesOnDockerHubKeepTheirPath() {
    assertThat(Reference.parseWithDefaultTag("docker.io/user/tool").familiar()).isEqualTo("user/tool:latest");
    assertThat(Reference.parseWithDefaultTag("index.docker.io/library/busybox").familiar())
        .isEqualTo("busybox:latest");
  }

  @Test
  void digestsAreKeptAndNoDefaultTagIsAdded() {
    String digest = "sha256:" + "a".repeat(64);
    Reference reference = Reference.parseWithDefaultTag("busybox@" + digest);

    assertThat(reference.tag()).isEmpty();
    assertThat(reference.digest()).isEqualTo(Optional.of(digest));
  }

  @Test
  void invalidReferencesUseDockersWording() {
    assertThatThrownBy(() -> Reference.parse("Busybox")).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("invalid reference format: repository name (library/Busybox) must be lowercase");
    for (String bad : new String[] {"", "busy box", "a:b:c", "name:", "-lead", "x@sha256:short"}) {
      assertThatThrownBy(() -> Reference.parse(bad)).as(bad).isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("invalid reference format");
    }
  }
}
