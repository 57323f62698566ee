package dev.berth.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  static final Handler H = req -> Response.noContent();

  final Router router =
      new Router()
          .get("/containers/json", H)
          .get("/containers/{id}/json", H)
          .post("/containers/{id}/start", H)
          .delete("/containers/{id}", H)
          .get("/images/{name}/json", H)
          .get("/images/{name}/history", H)
          .post("/images/{name}/tag", H)
          .get("/images/json", H)
          .get("/exec/{id:[0-9a-f]+}/json", H)
          .get("/distribution/{name}/json", H)
          .get("/a/{x}/b/{y}", H);

  Map<String, String> vars(String method, String path) {
    return switch (router.resolve(method, path)) {
      case Router.Found f -> f.variables();
      case Router.Resolution r -> throw new AssertionError(method + " " + path + " → " + r);
    };
  }

  @Test
  void literalAndVariableRoutes() {
    assertThat(vars("GET", "/containers/json")).isEmpty();
    assertThat(vars("GET", "/containers/abc/json")).containsExactly(Map.entry("id", "abc"));
    assertThat(vars("POST", "/containers/abc/start")).containsEntry("id", "abc");
    assertThat(vars("GET", "/images/json")).isEmpty();
  }

  @Test
  void variablesSpanSlashesAndColons() {
    assertThat(vars("GET", "/images/localhost:5000/foo/bar:tag/json"))
        .containsEntry("name", "localhost:5000/foo/bar:tag");
    assertThat(vars("GET", "/images/sha256:abcd/history")).containsEntry("name", "sha256:abcd");
    assertThat(vars("POST", "/images/a/b/c/tag")).containsEntry("name", "a/b/c");
    assertThat(vars("DELETE", "/containers/x/y")).containsEntry("id", "x/y");
    // an image literally named ".../json": greedy, like moby's {name:.*}
    assertThat(vars("GET", "/images/foo/json/json")).containsEntry("name", "foo/json");
    assertThat(vars("GET", "/a/1/b/2/3")).containsEntry("x", "1").containsEntry("y", "2/3");
  }

  @Test
  void customRegex() {
    assertThat(vars("GET", "/exec/0af/json")).containsEntry("id", "0af");
    assertThat(router.resolve("GET", "/exec/XYZ/json")).isEqualTo(Router.NotFound.INSTANCE);
  }

  @Test
  void unknownPathsAndMethodsAreNotFound() {
    assertThat(router.resolve("GET", "/nothing")).isEqualTo(Router.NotFound.INSTANCE);
    assertThat(router.resolve("GET", "/containers")).isEqualTo(Router.NotFound.INSTANCE);
    assertThat(router.resolve("GET", "/images//json")).isEqualTo(Router.NotFound.INSTANCE);
    assertThat(router.resolve("PUT", "/containers/json")).isEqualTo(Router.NotFound.INSTANCE);
    assertThat(router.resolve("POST", "/containers/abc/json")).isEqualTo(Router.NotFound.INSTANCE);
  }

  @Test
  void headFallsBackToGetAndPingIsBuiltIn() {
    assertThat(router.resolve("HEAD", "/containers/abc/json")).isInstanceOf(Router.Found.class);
    assertThat(router.resolve("GET", "/_ping")).isInstanceOf(Router.Found.class);
    assertThat(router.resolve("HEAD", "/_ping")).isInstanceOf(Router.Found.class);
  }

  @Test
  void rejectsDuplicatesAndBadTemplates() {
    assertThatThrownBy(() -> router.get("/containers/json", H))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> router.get("no-slash", H)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> router.get("/x/{open", H)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void versionPrefix() {
    assertThat(HttpConnection.versionPrefixEnd("/v1.47/containers/json")).isEqualTo(6);
    assertThat(HttpConnection.versionPrefixEnd("/v1/x")).isEqualTo(3);
    assertThat(HttpConnection.versionPrefixEnd("/v1.47")).isZero();
    assertThat(HttpConnection.versionPrefixEnd("/volumes/x")).isZero();
    assertThat(HttpConnection.versionPrefixEnd("/v/x")).isZero();
  }

  @Test
  void pathDecoding() {
    assertThat(PathDecoder.decode("/images/a%2Fb%3Ac/json")).isEqualTo("/images/a/b:c/json");
    assertThat(PathDecoder.decode("/a+b")).isEqualTo("/a+b");
    assertThat(PathDecoder.decode("/caf%C3%A9")).isEqualTo("/café");
    assertThatThrownBy(() -> PathDecoder.decode("/bad%zz")).isInstanceOf(IllegalArgumentException.class);
  }
}
