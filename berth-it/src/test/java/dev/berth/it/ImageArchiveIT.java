package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker save} and {@code docker load}: round trips, several images in one archive, Docker interop, bad archives. */
class ImageArchiveIT extends DaemonTest {

  @TempDir Path dir;

  @Test
  void savedImagesLoadBackWithTheirIdsAndTagsAndRun() throws Exception {
    docker.run("tag", "busybox", "second:tag");
    Path archive = dir.resolve("images.tar");

    Docker.Result saved = docker.run("save", "-o", archive.toString(), "busybox", "second:tag");
    docker.run("rmi", "second:tag");
    docker.run("tag", "busybox", "keep:me");
    docker.run("rmi", "busybox");
    Docker.Result loaded = docker.run("load", "-i", archive.toString());

    assertThat(saved.exitCode()).as(saved.stderr()).isZero();
    assertThat(loaded.stdout().lines().toList())
        .containsExactly("Loaded image: busybox:latest", "Loaded image: second:tag");
    assertThat(docker.run("images", "-q", "--no-trunc", "second:tag").out()).isEqualTo(busyboxId);
    assertThat(docker.run("run", "--rm", "second:tag", "echo", "runs").out()).isEqualTo("runs");
    assertThat(berth("save", "busybox")).isEqualTo(docker.runBytes("save", "busybox"));
  }

  @Test
  void anImageSavedByIdLoadsUntagged() throws Exception {
    Path archive = dir.resolve("by-id.tar");
    docker.run("save", "-o", archive.toString(), busyboxId);

    Docker.Result loaded = docker.run("load", "-i", archive.toString());

    assertThat(loaded.out()).isEqualTo("Loaded image ID: " + busyboxId);
  }

  @Test
  void archivesMoveBetweenBerthdAndTheReferenceDockerd() throws Exception {
    assumeTrue(ReferenceDockerd.installed(), "the reference dockerd (Debian's docker.io) is not installed");
    Path fromBerth = dir.resolve("from-berth.tar");
    Path fromDocker = dir.resolve("from-docker.tar");
    docker.run("tag", "busybox", "interop:berth");
    docker.run("save", "-o", fromBerth.toString(), "interop:berth");
    try (ReferenceDockerd reference = ReferenceDockerd.start("archive")) {
      Docker ref = reference.docker();

      assertThat(ref.run("load", "-i", fromBerth.toString()).out()).isEqualTo("Loaded image: interop:berth");
      assertThat(ref.run("images", "-q", "--no-trunc", "interop:berth").out()).isEqualTo(busyboxId);
      assertThat(ref.run("run", "--rm", "--network", "none", "interop:berth", "echo", "docker-runs-it").out())
          .isEqualTo("docker-runs-it");

      ref.run("tag", "interop:berth", "interop:docker");
      ref.run("save", "-o", fromDocker.toString(), "interop:docker");
    }
    docker.run("rmi", "interop:berth");
    assertThat(docker.run("load", "-i", fromDocker.toString()).out()).isEqualTo("Loaded image: interop:docker");
    assertThat(docker.run("images", "-q", "--no-trunc", "interop:docker").out()).isEqualTo(busyboxId);
    assertThat(docker.run("run", "--rm", "interop:docker", "echo", "berth-runs-it").out()).isEqualTo("berth-runs-it");
  }

  @Test
  void aLayerThatIsNotTheConfigsIsRefusedAndNothingStays() throws Exception {
    byte[] layer = tar(new Entry("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"sha256:" + "0".repeat(64) + "\"]}}";
    Path archive = write("wrong-layer.tar", tar(
        new Entry("manifest.json", ("[{\"Config\":\"config.json\",\"RepoTags\":[\"wrong:layer\"],"
            + "\"Layers\":[\"layer.tar\"]}]").getBytes(StandardCharsets.UTF_8)),
        new Entry("config.json", config.getBytes(StandardCharsets.UTF_8)),
        new Entry("layer.tar", layer)));
    long snapshotsBefore = snapshots();

    Docker.Result result = docker.run("load", "-i", archive.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("invalid diffID for layer 0: expected \"sha256:" + "0".repeat(64)
        + "\", got \"sha256:" + sha256(layer) + "\"");
    assertThat(docker.run("images", "-q", "wrong:layer").out()).isEmpty();
    assertThat(snapshots()).isEqualTo(snapshotsBefore);
  }

  @Test
  void archivesThatEscapeOrLackWhatTheyNameAreRefused() throws Exception {
    Path escaping = write("escaping.tar", tar(new Entry("../../evil", "x".getBytes(StandardCharsets.UTF_8))));
    Path empty = write("empty.tar", tar(new Entry("readme", "nothing here".getBytes(StandardCharsets.UTF_8))));
    Path missing = write("missing.tar", tar(new Entry("manifest.json",
        "[{\"Config\":\"nope.json\",\"RepoTags\":[],\"Layers\":[]}]".getBytes(StandardCharsets.UTF_8))));

    assertThat(docker.run("load", "-i", escaping.toString()).stderr()).contains("entry \"../../evil\" escapes");
    assertThat(docker.run("load", "-i", empty.toString()).stderr())
        .contains("invalid archive: it has neither manifest.json nor index.json");
    assertThat(docker.run("load", "-i", missing.toString()).stderr())
        .contains("it names \"nope.json\" but does not hold it");
    assertThat(Files.exists(dir.getParent().resolve("evil"))).isFalse();
    assertThat(docker.run("save", "no-such-image").stderr()).contains("No such image: no-such-image");
  }

  private long snapshots() throws IOException {
    try (Stream<Path> entries = Files.list(daemon.dataRoot().resolve("snapshots"))) {
      return entries.count();
    }
  }

  private byte[] berth(String... args) throws Exception {
    Process process = new ProcessBuilder(BerthCommand.commandLine(daemon, args)).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private record Entry(String name, byte[] content) {}

  private static byte[] tar(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Entry entry : entries) {
        TarArchiveEntry header = new TarArchiveEntry(entry.name(), true);
        header.setSize(entry.content().length);
        tar.putArchiveEntry(header);
        tar.write(entry.content());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
