package dev.berth.cli;

import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerPruneReport;
import dev.berth.api.container.ContainerSummary;
import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.cli.format.ContainerContext;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.cli.format.Units;
import dev.berth.client.BerthClient;
import dev.berth.client.Filters;
import dev.berth.client.LogsOptions;
import dev.berth.client.PendingWait;
import dev.berth.client.transport.HijackedStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The container commands other than {@code run}. */
final class ContainerCommands {

  private ContainerCommands() {}

  static String errorText(Exception e) {
    return e instanceof BerthException ? "Error response from daemon: " + e.getMessage() : e.getMessage();
  }

  /** Runs {@code op} per container; prints each name, collects errors, exit 1 if any. */
  interface PerContainer {
    void apply(String id) throws IOException;
  }

  static int each(Cli cli, List<String> ids, PerContainer op) {
    List<String> errors = new ArrayList<>();
    for (String id : ids) {
      try {
        op.apply(id);
        cli.out().println(id);
      } catch (BerthException | IOException e) {
        errors.add(errorText(e));
      }
    }
    cli.out().flush();
    if (!errors.isEmpty()) {
      throw new CliExit(1, String.join("\n", errors));
    }
    return 0;
  }

  @Command(name = "create", customSynopsis = "[OPTIONS] IMAGE [COMMAND] [ARG...]", description = "Create a new container")
  public static final class Create extends BaseCommand {
    @Mixin
    ContainerOptions opts;

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    @Override
    protected int run() throws IOException {
      requireAtLeast(args, 1);
      ContainerCreateRequest req = opts.toRequest(args.get(0), args.subList(1, args.size()), false, cli().env()::get);
      String id = RunCommand.create(cli(), cli().client(), opts.name, req, args.get(0), opts.cidfile);
      cli().out().println(id);
      return 0;
    }
  }

  @Command(name = "start", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Start one or more stopped containers")
  public static final class Start extends BaseCommand {
    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
    boolean interactive;

    @Option(names = "--checkpoint", paramLabel = "string", description = "Restore from this checkpoint")
    String checkpoint;

    @Option(names = "--checkpoint-dir", paramLabel = "string", description = "Use a custom checkpoint storage directory")
    String checkpointDir;

    @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() throws IOException {
      requireAtLeast(ids, 1);
      Cli cli = cli();
      BerthClient client = cli.client();
      if (attach || interactive) {
        if (ids.size() > 1) {
          throw new CliExit(1, "you cannot start and attach multiple containers at once");
        }
        ContainerInspect c = client.inspectContainer(ids.get(0));
        boolean tty = c.config() != null && c.config().tty();
        boolean stdin = interactive && c.config() != null && c.config().openStdin();
        boolean autoRemove = c.hostConfig() != null && c.hostConfig().autoRemove();
        try (HijackedStream stream = client.attach(c.id(), stdin, true, true, true, false, detachKeys);
            PendingWait wait = client.startWait(c.id(), autoRemove ? "removed" : "next-exit")) {
          client.start(c.id());
          if (RunCommand.attachTo(cli, stream, c.id(), stdin, tty, detachKeys) == AttachedSession.Outcome.DETACHED) {
            return 0;
          }
          ContainerWaitResponse r = wait.await();
          return (int) r.statusCode();
        }
      }
      List<String> failed = new ArrayList<>();
      for (String id : ids) {
        try {
          client.start(id);
          cli.out().println(id);
        } catch (BerthException | IOException e) {
          cli.out().flush();
          cli.err().println(errorText(e));
          failed.add(id);
        }
      }
      cli.out().flush();
      if (!failed.isEmpty()) {
        throw new CliExit(1, "Error: failed to start containers: " + String.join(", ", failed));
      }
      return 0;
    }
  }

  @Command(name = "ps", customSynopsis = "[OPTIONS]", description = "List containers")
  public static final class Ps extends BaseCommand {
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = ImageCommands.LIST_FORMAT_HELP)
    String format;

    @Option(names = {"-n", "--last"}, paramLabel = "int", description = "Show n last created containers (includes all states) (default -1)")
    int last = -1;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes")
    boolean size;

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws IOException {
      requireNone(args);
      Filters f = parseFilters(filters, "-f, --filter");
      int limit = last;
      if (latest && limit == -1) {
        limit = 1;
      }
      boolean wantSize = size;
      Template t = null;
      if (format != null && !format.isEmpty()) {
        String text = Formatter.templateText(format);
        try {
          t = Template.parse(text);
        } catch (TemplateException e) {
          throw new CliExit(1, "failed to parse template: " + e.getMessage());
        }
        // like docker, run the template once on an empty row: catches bad fields before listing
        try {
          t.execute(new ContainerContext(emptySummary(), true, Instant.EPOCH), dev.berth.cli.format.Funcs.docker());
        } catch (TemplateException e) {
          throw new CliExit(1, (e.isParseError() ? "failed to parse template: " : "failed to execute template: ")
              + e.getMessage());
        }
        if (!quiet && !size && (t.topLevelFields().contains("Size") || text.contains("json ."))) {
          wantSize = true;
        }
      }
      String fmt = ContainerContext.resolveFormat(format, quiet, size);
      List<ContainerSummary> list = cli().client().listContainers(all, limit, wantSize, f.toJson());
      List<ContainerContext> rows = new ArrayList<>();
      Instant now = cli().clock().instant();
      for (ContainerSummary c : list) {
        rows.add(new ContainerContext(c, !noTrunc, now));
      }
      try {
        cli().out().print(Formatter.render(fmt, ContainerContext.HEADERS, rows));
      } catch (TemplateException e) {
        throw new CliExit(1, "template parsing error: " + e.getMessage());
      }
      return 0;
    }

    static ContainerSummary emptySummary() {
      return new ContainerSummary("", List.of(), "", "", "", 0, List.of(), null, null, java.util.Map.of(), "", "",
          java.util.Map.of(), java.util.Map.of(), List.of());
    }
  }

  @Command(name = "inspect", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Display detailed information on one or more containers")
  public static final class Inspect extends BaseCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "string", description = SystemCommands.FORMAT_HELP)
    String format;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes")
    boolean size;

    @Parameters(hidden = true)
    List<String> names;

    @Override
    protected int run() {
      requireAtLeast(names, 1);
      BerthClient c = cli().client();
      return Inspector.inspect(cli(), names, format, n -> c.inspectContainerJson(n, size));
    }
  }

  @Command(name = "logs", customSynopsis = "[OPTIONS] CONTAINER", description = "Fetch the logs of a container")
  public static final class Logs extends BaseCommand {
    @Option(names = "--details", description = "Show extra details provided to logs")
    boolean details;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = "--since", paramLabel = "string",
        description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String since = "";

    @Option(names = {"-n", "--tail"}, paramLabel = "string", description = "Number of lines to show from the end of the logs (default \"all\")")
    String tail = "all";

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--until", paramLabel = "string",
        description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String until = "";

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws IOException {
      requireExactly(args, 1);
      Instant now = cli().clock().instant();
      String s = timeArg("since", since, now);
      String u = timeArg("until", until, now);
      LogsOptions o = LogsOptions.defaults().withFollow(follow).withTimestamps(timestamps).withTail(tail)
          .withSince(s).withUntil(u).withDetails(details);
      try {
        cli().client().logs(args.get(0), o, cli().out(), cli().err());
      } finally {
        cli().out().flush();
      }
      return 0;
    }
  }

  static String timeArg(String name, String value, Instant now) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    try {
      return TimeArgs.timestamp(value, now);
    } catch (IllegalArgumentException e) {
      throw new CliExit(1, "invalid value for \"" + name + "\": " + e.getMessage());
    }
  }

  @Command(name = "wait", customSynopsis = "CONTAINER [CONTAINER...]",
      description = "Block until one or more containers stop, then print their exit codes")
  public static final class Wait extends BaseCommand {
    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      List<String> errors = new ArrayList<>();
      for (String id : ids) {
        try {
          cli().out().println(cli().client().wait(id, null));
          cli().out().flush();
        } catch (BerthException | IOException e) {
          errors.add(errorText(e));
        }
      }
      if (!errors.isEmpty()) {
        throw new CliExit(1, String.join("\n", errors));
      }
      return 0;
    }
  }

  /** The options {@code stop} and {@code restart} share: how to ask the container to stop. */
  static final class StopOptions {
    @Option(names = {"-s", "--signal"}, paramLabel = "string", description = "Signal to send to the container")
    String signalName;

    @Option(names = {"-t", "--timeout", "--time"}, paramLabel = "int",
        description = "Seconds to wait before killing the container")
    Integer timeoutSeconds;

    Optional<String> signal() {
      return Optional.ofNullable(signalName);
    }

    Optional<Integer> timeout() {
      return Optional.ofNullable(timeoutSeconds);
    }
  }

  @Command(name = "stop", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Stop one or more running containers")
  public static final class Stop extends BaseCommand {
    @Mixin
    StopOptions stopping;

    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      BerthClient c = cli().client();
      return each(cli(), ids, id -> c.stop(id, stopping.timeout(), stopping.signal()));
    }
  }

  @Command(name = "kill", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Kill one or more running containers")
  public static final class Kill extends BaseCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "string", description = "Signal to send to the container")
    String signal;

    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      BerthClient c = cli().client();
      return each(cli(), ids, id -> c.kill(id, signal));
    }
  }

  @Command(name = "pause", customSynopsis = "CONTAINER [CONTAINER...]",
      description = "Pause all processes within one or more containers")
  public static final class Pause extends BaseCommand {
    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      BerthClient c = cli().client();
      return each(cli(), ids, c::pause);
    }
  }

  @Command(name = "unpause", customSynopsis = "CONTAINER [CONTAINER...]",
      description = "Unpause all processes within one or more containers")
  public static final class Unpause extends BaseCommand {
    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      BerthClient c = cli().client();
      return each(cli(), ids, c::unpause);
    }
  }

  @Command(name = "restart", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Restart one or more containers")
  public static final class Restart extends BaseCommand {
    @Mixin
    StopOptions stopping;

    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      BerthClient c = cli().client();
      return each(cli(), ids, id -> c.restart(id, stopping.timeout(), stopping.signal()));
    }
  }

  @Command(name = "rm", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Remove one or more containers")
  public static final class Rm extends BaseCommand {
    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-l", "--link"}, description = "Remove the specified link")
    boolean link;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Parameters(hidden = true)
    List<String> ids;

    @Override
    protected int run() {
      requireAtLeast(ids, 1);
      Cli cli = cli();
      List<String> errors = new ArrayList<>();
      for (String id : ids) {
        String name = id.strip();
        if (name.startsWith("/")) {
          name = name.substring(1);
        }
        if (name.isEmpty()) {
          errors.add("Error: container name cannot be empty");
          continue;
        }
        try {
          cli.client().remove(name, force, volumes);
          cli.out().println(id);
        } catch (NotFoundException e) {
          if (force) {
            cli.out().flush();
            cli.err().println(errorText(e));
          } else {
            errors.add(errorText(e));
          }
        } catch (BerthException | IOException e) {
          errors.add(errorText(e));
        }
      }
      cli.out().flush();
      if (!errors.isEmpty()) {
        throw new CliExit(1, String.join("\n", errors));
      }
      return 0;
    }
  }

  @Command(name = "rename", customSynopsis = "CONTAINER NEW_NAME", description = "Rename a container")
  public static final class Rename extends BaseCommand {
    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws IOException {
      requireExactly(args, 2);
      String old = args.get(0).strip();
      String nu = args.get(1).strip();
      if (old.isEmpty() || nu.isEmpty()) {
        throw new CliExit(1, "Error: Neither old nor new names may be empty");
      }
      try {
        cli().client().rename(old, nu);
      } catch (BerthException | IOException e) {
        cli().err().println(errorText(e));
        throw new CliExit(1, "Error: failed to rename container named " + old);
      }
      return 0;
    }
  }

  @Command(name = "prune", customSynopsis = "[OPTIONS]", description = "Remove all stopped containers")
  public static final class Prune extends BaseCommand {
    @Option(names = "--filter", paramLabel = "filter", description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Parameters(hidden = true)
    List<String> args;

    static final String WARNING = "WARNING! This will remove all stopped containers.\n"
        + "Are you sure you want to continue? [y/N] ";

    @Override
    protected int run() throws IOException {
      requireNone(args);
      Filters f = parseFilters(filters, "--filter");
      Cli cli = cli();
      if (!force) {
        cli.out().print(WARNING);
        cli.out().flush();
        String answer = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8)).readLine();
        if (answer == null) {
          cli.out().println();
          return 0;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("y") && !a.equals("yes")) {
          return 0;
        }
      }
      ContainerPruneReport r = cli.client().pruneContainers(f.toJson());
      StringBuilder sb = new StringBuilder();
      if (r.containersDeleted() != null && !r.containersDeleted().isEmpty()) {
        sb.append("Deleted Containers:\n");
        for (String id : r.containersDeleted()) {
          sb.append(id).append('\n');
        }
        sb.append('\n');
      }
      sb.append("Total reclaimed space: ").append(Units.humanSize(r.spaceReclaimed())).append('\n');
      cli.out().print(sb);
      return 0;
    }
  }
}
