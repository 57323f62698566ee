package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Images through the real docker CLI: import, images, inspect, tag, rmi. */
class ImageIT extends DaemonTest {

  @Test
  void importPrintsTheImageIdAndTheImageRuns() throws Exception {
    assertThat(busyboxId).matches("sha256:[0-9a-f]{64}");
    assertThat(docker.run("run", "--rm", "busybox", "echo", "imported").out()).isEqualTo("imported");
  }

  @Test
  void importsFromAGzippedFileWithChangesAndMessage() throws Exception {
    Path file = Files.createTempFile("rootfs", ".tar.gz");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(BusyboxImage.rootfsTar());
    }
    Files.write(file, gz.toByteArray());

    Docker.Result result = docker.run("import", "-c", "ENV MODE=gz", "-c", "WORKDIR /srv", "-c", "CMD [\"env\"]",
        "-m", "from a file", file.toString(), "zipped:1.0");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(docker.run("image", "inspect", "-f", "{{.Comment}} {{.Config.WorkingDir}} {{json .Config.Cmd}}",
        "zipped:1.0").out()).isEqualTo("from a file /srv [\"env\"]");
    assertThat(docker.run("run", "--rm", "zipped:1.0").stdout()).contains("MODE=gz");
    Files.delete(file);
    docker.run("rmi", "zipped:1.0");
  }

  @Test
  void imagesListsWithQuietNoTruncFormatAndFilters() throws Exception {
    docker.run("tag", "busybox", "tools/box:v1");

    assertThat(docker.run("images", "-q").stdout()).contains(busyboxId.substring(7, 19));
    assertThat(docker.run("images", "--no-trunc", "-q").stdout()).contains(busyboxId);
    assertThat(docker.run("images", "--format", "{{.Repository}}:{{.Tag}}").stdout())
        .contains("busybox:latest", "tools/box:v1");
    assertThat(docker.run("images", "--filter", "reference=tools/*", "--format", "{{.Repository}}").out())
        .isEqualTo("tools/box");
    Docker.Result table = docker.run("images");
    assertThat(table.stdout()).startsWith("REPOSITORY").contains("IMAGE ID", "CREATED", "SIZE");

    docker.run("rmi", "tools/box:v1");
  }

  @Test
  void danglingFilterShowsUntaggedImages() throws Exception {
    String id = docker.runWithInput(new ByteArrayInputStream(BusyboxImage.rootfsTar()),
        "import", "-c", "LABEL kind=orphan", "-").out();

    assertThat(docker.run("images", "--filter", "dangling=true", "-q", "--no-trunc").stdout()).contains(id);
    assertThat(docker.run("images", "--filter", "dangling=false", "-q", "--no-trunc").stdout()).doesNotContain(id);
    docker.run("rmi", id);
  }

  @Test
  void inspectShowsDockersFields() throws Exception {
    String json = docker.run("image", "inspect", "busybox").stdout();

    assertThat(json).contains("\"Id\": \"" + busyboxId + "\"", "\"RepoTags\": [", "\"busybox:latest\"",
        "\"RootFS\": {", "\"Type\": \"layers\"", "\"Os\": \"linux\"", "\"Architecture\": \"amd64\"",
        "\"GraphDriver\": {");
    assertThat(docker.run("image", "inspect", "-f", "{{json .Config.Cmd}}", "busybox").out())
        .isEqualTo("[\"sh\"]");
  }

  @Test
  void rmiUntagsAndDeletesAndRefusesWhileAContainerUsesTheImage() throws Exception {
    docker.run("tag", "busybox", "spare:1");
    String spareId = docker.runWithInput(new ByteArrayInputStream(BusyboxImage.rootfsTar()),
        "import", "-c", "LABEL copy=1", "-", "solo:1").out();

    assertThat(docker.run("rmi", "spare:1").out()).isEqualTo("Untagged: spare:1");

    docker.run("create", "--name", "user-of-solo", "solo:1", "true");
    Docker.Result refused = docker.run("rmi", "solo:1");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("conflict: unable to remove repository reference \"solo:1\" (must force)");

    docker.run("rm", "user-of-solo");
    Docker.Result removed = docker.run("rmi", "solo:1");
    assertThat(removed.stdout()).contains("Untagged: solo:1", "Deleted: " + spareId);
    assertThat(docker.run("images", "-q", "--no-trunc").stdout()).doesNotContain(spareId);
  }

  @Test
  void forcedRmiDeletesAnImageThatOnlyAStoppedContainerUses() throws Exception {
    String id = docker.runWithInput(new ByteArrayInputStream(BusyboxImage.rootfsTar()),
        "import", "-c", "LABEL copy=2", "-", "forced:1").out();
    docker.run("create", "--name", "holder", "forced:1", "true");

    Docker.Result removed = docker.run("rmi", "-f", "forced:1");

    assertThat(removed.stdout()).contains("Untagged: forced:1", "Deleted: " + id);
    assertThat(docker.run("ps", "-a", "--filter", "name=holder", "--format", "{{.Image}}").out())
        .isEqualTo(id.substring(7, 19));
    assertThat(docker.run("start", "-a", "holder").exitCode()).isZero();
    docker.run("rm", "holder");
  }

  @Test
  void rmiOfAnUnknownImageFails() throws Exception {
    Docker.Result result = docker.run("rmi", "nothing:here");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("No such image: nothing:here");
  }
}
