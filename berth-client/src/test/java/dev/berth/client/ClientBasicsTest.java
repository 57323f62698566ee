package dev.berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientBasicsTest {

  @Test
  void hosts() {
    assertThat(DaemonHost.parse("unix:///run/berth/berth.sock").socket()).isEqualTo(Path.of("/run/berth/berth.sock"));
    assertThat(DaemonHost.parse(null).uri()).isEqualTo(DaemonHost.DEFAULT);
    assertThatThrownBy(() -> DaemonHost.parse("tcp://1.2.3.4:2375")).hasMessageContaining("unix://");
    assertThatThrownBy(() -> DaemonHost.parse("/x.sock")).isInstanceOf(IllegalArgumentException.class);
    assertThat(DaemonHost.fromEnvironment(Map.of("DOCKER_HOST", "unix:///d", "BERTH_HOST", "unix:///b")))
        .isEqualTo("unix:///b");
    assertThat(DaemonHost.fromEnvironment(Map.of("DOCKER_HOST", "unix:///d"))).isEqualTo("unix:///d");
    assertThat(DaemonHost.fromEnvironment(Map.of())).isEqualTo(DaemonHost.DEFAULT);
  }

  @Test
  void versionNegotiation() {
    assertThat(BerthClient.negotiate("1.41")).isEqualTo("1.41");
    assertThat(BerthClient.negotiate("1.50")).isEqualTo("1.47");
    assertThat(BerthClient.negotiate(null)).isEqualTo("1.47");
    assertThat(BerthClient.compareVersions("1.9", "1.41")).isNegative();
    assertThat(BerthClient.compareVersions("1.47", "1.47")).isZero();
  }

  @Test
  void filters() {
    Filters f = Filters.parse(List.of("status=exited", "label=a=b", "label=c", "Name=x"));
    assertThat(f.toJson())
        .isEqualTo("{\"label\":{\"a=b\":true,\"c\":true},\"name\":{\"x\":true},\"status\":{\"exited\":true}}");
    assertThat(Filters.parse(List.of()).toJson()).isNull();
    assertThatThrownBy(() -> Filters.parse(List.of("foo"))).hasMessage("bad format of filter (expected name=value)");
  }

  @Test
  void imageReferences() {
    ImageReference r = ImageReference.parse("busybox");
    assertThat(r.name()).isEqualTo("docker.io/library/busybox");
    assertThat(r.familiarName()).isEqualTo("busybox");
    assertThat(r.withDefaultTag().familiarString()).isEqualTo("busybox:latest");
    assertThat(ImageReference.parse("docker.io/library/busybox:1.36").familiarString()).isEqualTo("busybox:1.36");
    assertThat(ImageReference.parse("me/app:v1").name()).isEqualTo("docker.io/me/app");
    ImageReference reg = ImageReference.parse("localhost:5000/a/b:x");
    assertThat(reg.domain()).isEqualTo("localhost:5000");
    assertThat(reg.familiarName()).isEqualTo("localhost:5000/a/b");
    assertThat(reg.tag()).isEqualTo("x");
    ImageReference dig = ImageReference.parse("busybox@sha256:" + "a".repeat(64));
    assertThat(dig.digest()).isEqualTo("sha256:" + "a".repeat(64));
    assertThat(dig.withDefaultTag().tag()).isNull();
    assertThatThrownBy(() -> ImageReference.parse("Busybox")).hasMessageContaining("must be lowercase");
    assertThatThrownBy(() -> ImageReference.parse("a:b:c")).hasMessage("invalid reference format");
    assertThatThrownBy(() -> ImageReference.parse("")).hasMessage("invalid reference format");
  }

  @Test
  void importProgressStream() throws Exception {
    String ok = "{\"status\":\"Importing\",\"progressDetail\":{}}\r\n{\"status\":\"sha256:abc\"}\r\n";
    assertThat(BerthClient.lastImageId(new ByteArrayInputStream(ok.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("sha256:abc");
    String bad = "{\"errorDetail\":{\"message\":\"archive/tar: invalid tar header\"},\"error\":\"x\"}";
    assertThatThrownBy(() -> BerthClient.lastImageId(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(JsonStreamException.class).hasMessage("archive/tar: invalid tar header");
  }

  @Test
  void queryEncoding() {
    assertThat(Query.path("/x").param("a", "b c").flag("f", true).flag("g", false).nonEmpty("h", "")
        .param("changes", "CMD [\"sh\"]").toString()).isEqualTo("/x?a=b+c&f=1&changes=CMD+%5B%22sh%22%5D");
    assertThat(Query.segment("busybox:latest")).isEqualTo("busybox:latest");
    assertThat(Query.segment("a b/c")).isEqualTo("a%20b/c");
  }

  @Test
  void plainJson() throws Exception {
    Object v = Json.parse("{\"a\":[1,2.5,\"x\",true,null],\"b\":{}}");
    assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, new java.math.BigDecimal("2.5"), "x", true, null),
        "b", Map.of()));
    assertThat(Json.write(v)).isEqualTo("{\"a\":[1,2.5,\"x\",true,null],\"b\":{}}");
  }
}
