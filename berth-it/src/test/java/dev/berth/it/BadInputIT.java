package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error, the right status and exit code, and leaves nothing behind. */
class BadInputIT extends DaemonTest {

  @Test
  void malformedJsonIsA400() throws Exception {
    String body = "{\"Image\": \"busybox\", ";
    String response = raw("POST /containers/create HTTP/1.1\r\nHost: berth\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

    assertThat(response).startsWith("HTTP/1.1 400").contains("\"message\":");
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }

  @Test
  void unknownContainerIsA404WithDockersWording() throws Exception {
    Docker.Result result = docker.run("inspect", "--type", "container", "nope");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("No such container: nope");

    assertThat(raw("GET /containers/nope/json HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404").contains("{\"message\":\"No such container: nope\"}");
    assertThat(docker.run("stop", "nope").stderr()).contains("No such container: nope");
  }

  @Test
  void unknownImageFailsTheRunWith125() throws Exception {
    Docker.Result result = docker.run("run", "--rm", "no-such-image", "true");

    assertThat(result.exitCode()).isEqualTo(125);
    assertThat(result.stderr()).contains("Unable to find image 'no-such-image:latest' locally");
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }

  @Test
  void invalidFlagsAreRefusedBeforeAnythingIsCreated() throws Exception {
    assertThat(docker.run("run", "--rm", "-w", "relative/dir", "busybox", "true").exitCode()).isEqualTo(125);
    assertThat(docker.run("run", "--rm", "--runtime", "nosuch", "busybox", "true").stderr())
        .contains("Unknown runtime specified nosuch");
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }

  @Test
  void aLayerThatEscapesItsRootIsRefusedAndNothingIsStored() throws Exception {
    long imagesBefore = docker.run("images", "-q").stdout().lines().count();
    long snapshotsBefore = snapshotDirs();

    for (byte[] evil : new byte[][] {tar(dotDotEntry()), tar(escapingSymlinkThenFile())}) {
      Docker.Result result = docker.runWithInput(new ByteArrayInputStream(evil), "import", "-", "evil:1");
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr()).contains("escapes");
    }

    assertThat(docker.run("images", "-q").stdout().lines().count()).isEqualTo(imagesBefore);
    assertThat(snapshotDirs()).isEqualTo(snapshotsBefore);
    assertThat(Files.exists(Path.of("/tmp/berth-escape-proof"))).isFalse();
  }

  private long snapshotDirs() throws IOException {
    try (Stream<Path> dirs = Files.list(daemon.dataRoot().resolve("snapshots"))) {
      return dirs.count();
    }
  }

  private interface EntryWriter {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static EntryWriter dotDotEntry() {
    return tar -> file(tar, "../../../../../../tmp/berth-escape-proof", "owned");
  }

  private static EntryWriter escapingSymlinkThenFile() {
    return tar -> {
      TarArchiveEntry link = new TarArchiveEntry("out", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/tmp");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      file(tar, "out/berth-escape-proof", "owned");
    };
  }

  private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    entry.setMode(0644);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static byte[] tar(EntryWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      writer.write(tar);
    }
    return out.toByteArray();
  }

  private String raw(String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(daemon.socket()));
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
      InputStream in = Channels.newInputStream(channel);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
