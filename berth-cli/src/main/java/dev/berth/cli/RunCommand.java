package dev.berth.cli;

import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerCreateResponse;
import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.client.BerthClient;
import dev.berth.client.ImageReference;
import dev.berth.client.PendingWait;
import dev.berth.client.transport.HijackedStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth run}: create, attach (before start, so no output is lost), wait for the next exit
 * (or removal with {@code --rm}) also before start, start, copy the output, exit with the
 * container's status. Failures exit 125, or 126/127 when the command cannot be executed / found.
 */
@Command(name = "run", customSynopsis = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    description = "Create and run a new container from an image")
public final class RunCommand extends BaseCommand {

  @Mixin
  ContainerOptions opts;

  @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
  boolean detach;

  @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Option(names = "--sig-proxy", description = "Proxy received signals to the process (default true)", arity = "0..1",
      fallbackValue = "true")
  boolean sigProxy = true;

  @Parameters(hidden = true)
  List<String> args = new ArrayList<>();

  @Override
  protected int run() throws Exception {
    requireAtLeast(args, 1);
    Cli cli = cli();
    BerthClient client;
    ContainerCreateRequest req;
    try {
      req = opts.toRequest(args.get(0), args.subList(1, args.size()), detach, cli.env()::get);
      client = cli.client();
    } catch (IllegalArgumentException e) {
      return report(cli, e.getMessage(), 125);
    }
    String id;
    try {
      id = create(cli, client, opts.name, req, args.get(0), opts.cidfile);
    } catch (BerthException e) {
      return report(cli, "Error response from daemon: " + e.getMessage(), 125);
    } catch (IOException e) {
      return report(cli, e.getMessage(), 125);
    }
    var config = req.config();
    boolean autoRemove = req.hostConfig().autoRemove();
    if (detach) {
      try {
        client.start(id);
      } catch (BerthException | IOException e) {
        return startFailed(cli, e);
      }
      cli.out().println(id);
      return 0;
    }
    HijackedStream stream = null;
    boolean anyAttach = config.attachStdin() || config.attachStdout() || config.attachStderr();
    try {
      if (anyAttach) {
        stream = client.attach(id, config.attachStdin(), config.attachStdout(), config.attachStderr(), true, false,
            detachKeys);
      }
      PendingWait wait;
      try {
        wait = client.startWait(id, autoRemove ? "removed" : "next-exit");
      } catch (BerthException | IOException e) {
        return report(cli, errorText(e), 125);
      }
      try {
        client.start(id);
      } catch (BerthException | IOException e) {
        if (stream != null) {
          stream.close();
        }
        int status = startFailed(cli, e);
        if (autoRemove) {
          try {
            wait.await();
          } catch (IOException | RuntimeException ignored) {
            // the container is gone or going; the start error is what matters
          }
        } else {
          wait.close();
        }
        return status;
      }
      if (sigProxy && !config.tty()) {
        String cid = id;
        Terminal.proxySignals(sig -> {
          try {
            client.kill(cid, "SIG" + sig);
          } catch (IOException | RuntimeException ignored) {
            // the container may be gone already
          }
        });
      }
      if (stream != null && attachTo(cli, stream, id, config.attachStdin(), config.tty(), detachKeys) == AttachedSession.Outcome.DETACHED) {
        wait.close();
        return 0;
      }
      ContainerWaitResponse r = wait.await();
      if (r.error() != null && r.error().message() != null && !r.error().message().isEmpty()) {
        return report(cli, r.error().message(), 125);
      }
      return (int) r.statusCode();
    } catch (BerthException | IOException e) {
      return report(cli, errorText(e), 125);
    } finally {
      if (stream != null) {
        stream.close();
      }
    }
  }

  static String errorText(Exception e) {
    return e instanceof BerthException ? "Error response from daemon: " + e.getMessage() : e.getMessage();
  }

  /** docker's reportError for run: {@code berth: msg}, a blank line, and where to get help. */
  static int report(Cli cli, String msg, int status) {
    cli.out().flush();
    cli.err().println(Cli.NAME + ": " + msg);
    cli.err().println();
    cli.err().println("Run '" + Cli.NAME + " run --help' for more information");
    return status;
  }

  /** docker's runStartContainerErr: 127 not found, 126 not executable, else 125. */
  static int startFailed(Cli cli, Exception e) {
    String msg = errorText(e);
    report(cli, msg, 0);
    return startStatus(msg);
  }

  static int startStatus(String msg) {
    String m = msg.startsWith("Error response from daemon: ") ? msg.substring(28) : msg;
    if (m.contains("executable file not found") || m.contains("no such file or directory")
        || m.contains("system cannot find the file specified")) {
      return 127;
    }
    if (m.contains("permission denied") || m.contains("is a directory")) {
      return 126;
    }
    return 125;
  }

  /**
   * Creates the container; when the image is missing, says so as docker does before it would
   * pull (berth has no pull yet, so the daemon's error follows).
   */
  static String create(Cli cli, BerthClient client, String name, ContainerCreateRequest req, String image,
      String cidfile) throws IOException {
    Path cid = null;
    if (cidfile != null && !cidfile.isEmpty()) {
      cid = Path.of(cidfile);
      if (Files.exists(cid)) {
        throw new IOException("container ID file found, make sure the other container isn't running or delete "
            + cidfile);
      }
    }
    ContainerCreateResponse resp;
    try {
      resp = client.createContainer(name, req);
    } catch (NotFoundException e) {
      ImageReference ref = ImageReference.tryParse(image);
      if (ref != null) {
        cli.err().println("Unable to find image '" + ref.withDefaultTag().familiarString() + "' locally");
      }
      throw e;
    }
    if (resp.warnings() != null) {
      for (String w : resp.warnings()) {
        cli.err().println("WARNING: " + w);
      }
    }
    if (cid != null) {
      Files.writeString(cid, resp.id(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }
    return resp.id();
  }

  /** Tells the container's TTY our terminal's size, as docker does after start. */
  static void resize(BerthClient client, String id) {
    resizeWith(size -> client.resize(id, size[0], size[1]));
  }

  /** Sends our terminal's size through {@code resize}, now and whenever the window changes. */
  static void followWindowSize(Terminal.SizeConsumer resize) {
    resizeWith(resize);
    Terminal.onWindowChange(() -> resizeWith(resize));
  }

  private static void resizeWith(Terminal.SizeConsumer resize) {
    int[] size = Terminal.size();
    if (size == null) {
      return;
    }
    try {
      resize.accept(size);
    } catch (IOException | RuntimeException ignored) {
      // cosmetic: the container keeps its previous size
    }
  }

  /** The attached part of {@code run} and {@code start -a}: the user's terminal raw while it lasts. */
  static AttachedSession.Outcome attachTo(Cli cli, HijackedStream stream, String id, boolean stdin, boolean tty,
      String detachKeys) throws IOException {
    Terminal raw = tty && stdin ? Terminal.raw() : null;
    try {
      if (tty) {
        followWindowSize(size -> cli.client().resize(id, size[0], size[1]));
      }
      return AttachedSession.run(cli, stream, stdin, tty, detachKeys);
    } finally {
      if (raw != null) {
        raw.close();
      }
    }
  }
}
