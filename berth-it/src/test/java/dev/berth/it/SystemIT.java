package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** version, info, the ping handshake and API version negotiation. */
class SystemIT extends DaemonTest {

  @Test
  void versionShowsClientAndServer() throws Exception {
    Docker.Result result = docker.run("version");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Server:", "Engine:")
        .containsPattern("API version: +1.47 \\(minimum version 1.24\\)");
    assertThat(docker.run("version", "--format", "{{.Server.APIVersion}}").out()).isEqualTo("1.47");
  }

  @Test
  void infoAndItsFormat() throws Exception {
    assertThat(docker.run("info").stdout()).contains("Storage Driver: overlay2", "Docker Root Dir: "
        + daemon.dataRoot());
    assertThat(docker.run("system", "info", "--format", "{{.Driver}} {{.OSType}} {{.Containers}}").out())
        .isEqualTo("overlay2 linux 0");
  }

  @Test
  void pingAnswersWithTheApiVersion() throws Exception {
    String response = raw("GET /_ping HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("Api-Version: 1.47").endsWith("OK");
  }

  @Test
  void everyVersionFromMinimumToCurrentIsAccepted() throws Exception {
    for (String version : new String[] {"v1.24", "v1.30", "v1.41", "v1.43", "v1.47"}) {
      assertThat(raw("GET /" + version + "/version HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n"))
          .as(version).startsWith("HTTP/1.1 200");
    }
    assertThat(raw("GET /v1.12/version HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("client version 1.12 is too old");
  }

  private String raw(String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(daemon.socket()));
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      InputStream in = Channels.newInputStream(channel);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
