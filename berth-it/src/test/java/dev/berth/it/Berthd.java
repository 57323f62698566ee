package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sys.Trees;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * A real berthd in its own JVM, on a private socket, data root and exec root under a temp dir, as a
 * user would start it. {@link #kill9()} and {@link #start()} let a test crash and restart it.
 */
public final class Berthd implements AutoCloseable {

  private static final Path PROJECT = Path.of(System.getProperty("user.dir")).getParent();

  private final Path base;
  private Process process;

  private Berthd(Path base) {
    this.base = base;
  }

  public static Berthd start(String name) throws Exception {
    Path base = Files.createTempDirectory("berth-it-" + name + "-");
    Berthd daemon = new Berthd(base);
    daemon.start();
    return daemon;
  }

  public Path socket() {
    return base.resolve("exec/berth.sock");
  }

  public String host() {
    return "unix://" + socket();
  }

  public Path dataRoot() {
    return base.resolve("data");
  }

  public Path execRoot() {
    return base.resolve("exec");
  }

  public Path logFile() {
    return base.resolve("berthd.log");
  }

  public long pid() {
    return process.pid();
  }

  public void start() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.berth.daemon.BerthDaemon",
        "-H", host(), "--data-root", dataRoot().toString(), "--exec-root", execRoot().toString(),
        "--pidfile", base.resolve("berthd.pid").toString(), "--config-file", base.resolve("daemon.json").toString(),
        "--log-level", "debug"));
    if (!Files.exists(base.resolve("daemon.json"))) {
      Files.writeString(base.resolve("daemon.json"), "{}");
    }
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("berthd exited with " + process.exitValue() + ":\n" + log());
      }
      if (accepting()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("berthd did not listen on " + socket() + " within 30s:\n" + log());
  }

  private boolean accepting() {
    if (!Files.exists(socket())) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String log() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    } catch (IOException e) {
      return "(cannot read log: " + e + ")";
    }
  }

  /** Ends berthd the hard way, as a crash would; its containers keep running under conmon. */
  public void kill9() throws Exception {
    process.destroyForcibly();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Stops berthd gracefully, then removes every container it ran and its state. */
  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      try (Docker docker = new Docker(this)) {
        String ids = docker.run("ps", "-aq").stdout().strip();
        if (!ids.isEmpty()) {
          List<String> rm = new ArrayList<>(List.of("rm", "-f"));
          rm.addAll(List.of(ids.split("\\s+")));
          docker.run(rm.toArray(String[]::new));
        }
      }
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    Trees.delete(base);
  }

  static Path project() {
    return PROJECT;
  }
}
