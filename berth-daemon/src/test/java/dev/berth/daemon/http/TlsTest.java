package dev.berth.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TCP with mutual TLS, checked with the docker CLI's --tlsverify and with curl. */
@Timeout(60)
class TlsTest {

  static final Path OPENSSL = Path.of("/usr/bin/openssl");
  static final Path DOCKER = Path.of("/usr/local/bin/docker");

  @TempDir static Path dir;
  static ApiServer server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
    run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "ca-key.pem");
    run("openssl", "req", "-x509", "-new", "-key", "ca-key.pem", "-days", "2", "-subj", "/CN=test-ca", "-out", "ca.pem");
    issue("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth");
    issue("client", "/CN=client", "extendedKeyUsage=clientAuth");
    Router router = new Router().get("/version", req -> Response.json(Map.of("Version", "tls-ok", "ApiVersion", "1.47")));
    server =
        ApiServer.builder(router)
            .serverVersion("tls-test")
            .tcp(
                new InetSocketAddress("127.0.0.1", 0),
                new ApiServer.TlsFiles(dir.resolve("ca.pem"), dir.resolve("server-cert.pem"), dir.resolve("server-key.pem")))
            .start();
    port = ((InetSocketAddress) server.addresses().getFirst()).getPort();
  }

  static void issue(String name, String subject, String ext) throws Exception {
    // EC key in PKCS#8 ("BEGIN PRIVATE KEY"), which the JDK reads without Bouncy Castle
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + "-key.pem");
    run("openssl", "req", "-new", "-key", name + "-key.pem", "-subj", subject, "-out", name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), ext + "\n");
    run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
        "-CAcreateserial", "-days", "2", "-extfile", name + ".ext", "-out", name + "-cert.pem");
  }

  static String run(String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("DOCKER_CONFIG", dir.resolve("config").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dockerCliWithClientCertificate() throws Exception {
    assumeTrue(Files.isExecutable(DOCKER), "docker CLI not installed");
    String out =
        run(DOCKER.toString(), "--tlsverify", "--tlscacert", "ca.pem", "--tlscert", "client-cert.pem",
            "--tlskey", "client-key.pem", "-H", "tcp://127.0.0.1:" + port,
            "version", "--format", "{{.Server.Version}}");
    assertThat(out.strip()).isEqualTo("tls-ok");
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed");
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", "ca.pem", "https://localhost:" + port + "/_ping"));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> run(cmd.toArray(String[]::new))))
        .isInstanceOf(IOException.class);
    String ok = run("curl", "-sS", "--cacert", "ca.pem", "--cert", "client-cert.pem", "--key", "client-key.pem",
        "https://localhost:" + port + "/_ping");
    assertThat(ok).isEqualTo("OK");
  }
}
