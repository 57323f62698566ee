package dev.berth.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.api.errors.NotModifiedException;
import dev.berth.api.errors.UnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** ApiVersion, ErrorMapper, Json and StdStreamMux. */
class UnitsTest {

  @Test
  void versionsCompareLikeDocker() {
    assertThat(ApiVersion.of("1.9").isBefore("1.24")).isTrue();
    assertThat(ApiVersion.of("1.40").isAtLeast("1.4")).isTrue();
    assertThat(ApiVersion.of("1.42").isAtLeast("1.42")).isTrue();
    assertThat(ApiVersion.of("1.41").isAtLeast("1.42")).isFalse();
    assertThat(ApiVersion.of("2").compareTo(ApiVersion.of("1.99"))).isPositive();
    assertThat(ApiVersion.of("1.47")).isEqualTo(ApiVersion.CURRENT);
    assertThat(ApiVersion.of("1.24.0").compareTo(ApiVersion.MINIMUM)).isZero();
  }

  @Test
  void errorMapper() {
    assertThat(ErrorMapper.status(new NotFoundException("x"))).isEqualTo(404);
    assertThat(ErrorMapper.status(new CompletionException(new ConflictException("x"))))
        .isEqualTo(409);
    assertThat(ErrorMapper.status(new UnavailableException("x"))).isEqualTo(503);
    assertThat(ErrorMapper.status(new RuntimeException("x"))).isEqualTo(500);
    assertThat(ErrorMapper.toResponse(new NotModifiedException("x")))
        .isEqualTo(Response.empty(304));
    assertThat(ErrorMapper.toResponse(new InvalidArgumentException("bad")))
        .isEqualTo(Response.json(400, new ErrorMapper.ErrorMessage("bad")));
  }

  record Shape(String Name, java.util.List<String> Env) {}

  @Test
  void jsonLikeGo() {
    assertThat(new String(Json.encode(new Shape("a", null)))).isEqualTo("{\"Name\":\"a\",\"Env\":null}\n");
    assertThat(Json.decode("{\"Name\":\"b\",\"x\":1}".getBytes(), Shape.class).Name()).isEqualTo("b");
    assertThatThrownBy(() -> Json.decode("{".getBytes(), Shape.class))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("invalid JSON: ");
    assertThatThrownBy(() -> Json.decode(" \n".getBytes(), Shape.class))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("invalid JSON: got EOF while reading request body");
  }

  @Test
  void stdStreamMuxFrames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StdStreamMux mux = new StdStreamMux(out);
    mux.stdout().write("out\n".getBytes());
    mux.stderr().write("err\n".getBytes());
    mux.stdout().write(new byte[0]);
    assertThat(out.toByteArray())
        .containsExactly(1, 0, 0, 0, 0, 0, 0, 4, 'o', 'u', 't', '\n', 2, 0, 0, 0, 0, 0, 0, 4, 'e', 'r', 'r', '\n');
    assertThat(StdStreamMux.header(1, 0x01020304)).containsExactly(1, 0, 0, 0, 1, 2, 3, 4);
  }

  @Test
  void dockerHostSyntax(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    ApiServer.Builder b = ApiServer.builder(new Router());
    assertThatThrownBy(() -> b.host("tcp://127.0.0.1:2376"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mutual TLS");
    assertThatThrownBy(() -> b.host("fd://")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.host("unix://")).isInstanceOf(IllegalArgumentException.class);
    java.nio.file.Path sock = dir.resolve("h.sock");
    try (ApiServer s = ApiServer.builder(new Router()).host("unix://" + sock).start()) {
      assertThat(s.addresses()).hasSize(1);
      assertThat(sock).exists();
    }
  }

  @Test
  void responsesAreImmutableValues() {
    Response r = Response.noContent().withHeader("X-A", "1").withHeader("x-a", "2");
    assertThat(r.headers()).containsExactly(java.util.Map.entry("x-a", "2"));
    assertThat(Response.text(200, "OK")).isInstanceOf(Response.BytesResponse.class);
  }
}
