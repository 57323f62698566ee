package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sys.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference dockerd (Debian's docker.io) on a private socket, data root and exec root under a
 * temp dir, with no bridge and no firewall rules, for tests that check interoperability with Docker.
 * Stopped by its pid, its containers removed first.
 */
final class ReferenceDockerd implements AutoCloseable {

  private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");

  private final Path base;
  private final Process process;
  private final Docker docker;

  private ReferenceDockerd(Path base, Process process) throws Exception {
    this.base = base;
    this.process = process;
    this.docker = new Docker("unix://" + base.resolve("docker.sock"));
  }

  static boolean installed() {
    return Files.isExecutable(DOCKERD);
  }

  static ReferenceDockerd start(String name) throws Exception {
    Path base = Files.createTempDirectory("berth-it-ref-" + name + "-");
    Process process = new ProcessBuilder(List.of(DOCKERD.toString(), "--data-root", base.resolve("data").toString(),
        "--exec-root", base.resolve("exec").toString(), "--pidfile", base.resolve("dockerd.pid").toString(),
        "-H", "unix://" + base.resolve("docker.sock"), "--bridge=none", "--iptables=false", "--ip6tables=false"))
        .redirectErrorStream(true).redirectOutput(base.resolve("dockerd.log").toFile()).start();
    ReferenceDockerd dockerd = new ReferenceDockerd(base, process);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (dockerd.docker.run("version").exitCode() != 0) {
      assertThat(process.isAlive()).as("dockerd: " + Files.readString(base.resolve("dockerd.log"))).isTrue();
      assertThat(Instant.now()).as("dockerd did not answer within 60s").isBefore(deadline);
      Thread.sleep(200);
    }
    return dockerd;
  }

  /** The docker CLI pointed at this dockerd. */
  Docker docker() {
    return docker;
  }

  @Override
  public void close() throws Exception {
    String ids = docker.run("ps", "-aq").stdout().strip();
    if (!ids.isEmpty()) {
      docker.run(("rm -f " + ids.replaceAll("\\s+", " ")).split(" "));
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    docker.close();
    Trees.delete(base);
  }
}
