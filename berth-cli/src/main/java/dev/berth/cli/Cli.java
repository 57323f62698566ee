package dev.berth.cli;

import dev.berth.client.BerthClient;
import dev.berth.client.DaemonHost;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a command runs with: its streams, environment, clock and the daemon client (created on
 * first use, so commands that fail on their arguments never dial).
 */
public final class Cli implements AutoCloseable {

  public static final String NAME = "berth";

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;
  private String host;
  private BerthClient client;

  public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.clock = clock;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  public Clock clock() {
    return clock;
  }

  void host(String h) {
    this.host = h;
  }

  /** The daemon address: {@code -H}, else BERTH_HOST, else DOCKER_HOST, else the default. */
  public String host() {
    return host != null ? host : DaemonHost.fromEnvironment(env);
  }

  public BerthClient client() {
    if (client == null) {
      client = BerthClient.connect(host());
    }
    return client;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
