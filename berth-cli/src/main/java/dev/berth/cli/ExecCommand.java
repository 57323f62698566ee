package dev.berth.cli;

import dev.berth.api.container.ExecCreateRequest;
import dev.berth.api.container.ExecInspect;
import dev.berth.api.errors.BerthException;
import dev.berth.client.BerthClient;
import dev.berth.client.transport.HijackedStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth exec}: create an exec, start it attached (or detached with {@code -d}), copy the
 * streams, then exit with the exec's code as the daemon records it.
 */
@Command(name = "exec", customSynopsis = "[OPTIONS] CONTAINER COMMAND [ARG...]",
    description = "Execute a command in a running container")
public final class ExecCommand extends BaseCommand {

  /** How often the finished exec's exit code is asked for; the daemon records it as the stream ends. */
  private static final long EXIT_POLL_MILLIS = 10;

  @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
  boolean detach;

  @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Option(names = {"-e", "--env"}, paramLabel = "list", description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
  List<String> envFile = new ArrayList<>();

  @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
  boolean interactive;

  @Option(names = "--privileged", description = "Give extended privileges to the command")
  boolean privileged;

  @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
  boolean tty;

  @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
  String user = "";

  @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
  String workdir = "";

  @Parameters(hidden = true)
  List<String> args = new ArrayList<>();

  @Override
  protected int run() throws Exception {
    requireAtLeast(args, 2);
    Cli cli = cli();
    List<String> environment = new ArrayList<>();
    for (String file : envFile) {
      environment.addAll(ContainerOptions.readEnvFile(file, cli.env()::get));
    }
    for (String variable : env) {
      environment.add(ContainerOptions.validateEnv(variable, cli.env()::get));
    }
    ExecCreateRequest request = new ExecCreateRequest(interactive && !detach, !detach, !detach, detachKeys, tty,
        environment, List.copyOf(args.subList(1, args.size())), privileged, user, workdir);
    BerthClient client = cli.client();
    String execId;
    try {
      execId = client.execCreate(args.get(0), request);
      if (detach) {
        client.execStartDetached(execId);
        return 0;
      }
      try (HijackedStream stream = client.execStartAttached(execId, tty, tty ? Terminal.size() : null)) {
        if (session(cli, stream, execId) == AttachedSession.Outcome.DETACHED) {
          return 0;
        }
      }
      return exitCode(client, execId);
    } catch (BerthException e) {
      throw new CliExit(1, "Error response from daemon: " + e.getMessage());
    }
  }

  /** The attached exec: with a terminal, ours raw and its size followed, as the docker CLI does. */
  private AttachedSession.Outcome session(Cli cli, HijackedStream stream, String execId) throws IOException {
    Terminal raw = tty && interactive ? Terminal.raw() : null;
    try {
      if (tty) {
        RunCommand.followWindowSize(size -> cli.client().execResize(execId, size[0], size[1]));
      }
      return AttachedSession.run(cli, stream, interactive, tty, detachKeys);
    } finally {
      if (raw != null) {
        raw.close();
      }
    }
  }

  private static int exitCode(BerthClient client, String execId) throws IOException, InterruptedException {
    while (true) {
      ExecInspect inspect = client.execInspect(execId);
      if (!inspect.running() && inspect.exitCode() != null) {
        return inspect.exitCode();
      }
      Thread.sleep(EXIT_POLL_MILLIS);
    }
  }
}
