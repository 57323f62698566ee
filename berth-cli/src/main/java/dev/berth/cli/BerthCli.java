package dev.berth.cli;

import dev.berth.api.errors.BerthException;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.JsonStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code berth} command: docker CLI 28's commands, flags, output and exit codes. Only the
 * command being run is built (picocli reads annotations reflectively, which costs startup time);
 * {@code berth --help} builds them all.
 */
public final class BerthCli {

  private BerthCli() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
        StandardCharsets.UTF_8);
    int status = run(args, System.in, out, err, System.getenv(), Clock.systemUTC());
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs one command line; returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
      Clock clock) {
    try (Cli cli = new Cli(in, out, err, env, clock)) {
      CommandLine cl = build(cli, args);
      int status = cl.execute(args);
      out.flush();
      return status;
    }
  }

  /** The top command: global flags. */
  @Command(name = Cli.NAME, customSynopsis = "[OPTIONS] COMMAND",
      description = "A self-sufficient runtime for containers")
  public static final class Root extends BaseCommand {
    final Cli cli;

    Root(Cli cli) {
      this.cli = cli;
    }

    @Option(names = {"-H", "--host"}, paramLabel = "list", description = "Daemon socket to connect to")
    void host(String h) {
      cli.host(h);
    }

    @Option(names = {"-D", "--debug"}, description = "Enable debug mode")
    boolean debug;

    @Option(names = {"-l", "--log-level"}, paramLabel = "string",
        description = "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\") (default \"info\")")
    String logLevel;

    @Option(names = "--config", paramLabel = "string", description = "Location of client config files")
    String config;

    @Option(names = {"-c", "--context"}, paramLabel = "string", hidden = true)
    String context;

    @Option(names = {"-v", "--version"}, description = "Print version information and quit")
    boolean version;

    @Override
    protected int run() {
      if (version) {
        cli.out().println(Cli.NAME + " version " + VersionInfo.version() + ", build " + VersionInfo.commit());
        return 0;
      }
      spec.commandLine().usage(cli.out());
      return 0;
    }
  }

  /** One command in the tree: its name, aliases, the class that implements it, and its subcommands. */
  record Entry(String name, List<String> aliases, String kind, List<Entry> children) {
    boolean matches(String s) {
      return name.equals(s) || aliases.contains(s);
    }
  }

  private static Entry e(String name, String kind, String... aliases) {
    return new Entry(name, List.of(aliases), kind, List.of());
  }

  private static Entry group(String name, Entry... children) {
    return new Entry(name, List.of(), name, List.of(children));
  }

  /** Makes a command object (a switch, not lambdas: each lambda costs a short-lived JVM a class). */
  static Object create(String kind) {
    return switch (kind) {
      case "attach" -> new AttachCommand();
      case "commit" -> new CommitCommand();
      case "create" -> new ContainerCommands.Create();
      case "diff" -> new DiffCommand();
      case "events" -> new EventsCommand();
      case "exec" -> new ExecCommand();
      case "export" -> new ExportCommand();
      case "history" -> new ImageCommands.History();
      case "images" -> new ImageCommands.Images();
      case "import" -> new ImageCommands.Import();
      case "info" -> new SystemCommands.Info();
      case "inspect" -> new InspectCommand();
      case "container-inspect" -> new ContainerCommands.Inspect();
      case "image-inspect" -> new ImageCommands.Inspect();
      case "kill" -> new ContainerCommands.Kill();
      case "load" -> new ImageCommands.Load();
      case "logs" -> new ContainerCommands.Logs();
      case "pause" -> new ContainerCommands.Pause();
      case "unpause" -> new ContainerCommands.Unpause();
      case "update" -> new UpdateCommand();
      case "ps" -> new ContainerCommands.Ps();
      case "prune" -> new ContainerCommands.Prune();
      case "rename" -> new ContainerCommands.Rename();
      case "restart" -> new ContainerCommands.Restart();
      case "rm" -> new ContainerCommands.Rm();
      case "rmi" -> new ImageCommands.Rmi();
      case "run" -> new RunCommand();
      case "save" -> new ImageCommands.Save();
      case "start" -> new ContainerCommands.Start();
      case "stop" -> new ContainerCommands.Stop();
      case "tag" -> new ImageCommands.Tag();
      case "top" -> new TopCommand();
      case "version" -> new SystemCommands.Version();
      case "wait" -> new ContainerCommands.Wait();
      case "container" -> new Groups.Container();
      case "image" -> new Groups.Image();
      case "system" -> new Groups.System();
      default -> throw new IllegalArgumentException("no command " + kind);
    };
  }

  static final List<Entry> TREE = List.of(
      e("attach", "attach"),
      e("commit", "commit"),
      e("create", "create"),
      e("diff", "diff"),
      e("events", "events"),
      e("exec", "exec"),
      e("export", "export"),
      e("history", "history"),
      e("images", "images"),
      e("import", "import"),
      e("info", "info"),
      e("inspect", "inspect"),
      e("kill", "kill"),
      e("load", "load"),
      e("logs", "logs"),
      e("pause", "pause"),
      e("ps", "ps"),
      e("rename", "rename"),
      e("restart", "restart"),
      e("rm", "rm"),
      e("rmi", "rmi"),
      e("run", "run"),
      e("save", "save"),
      e("start", "start"),
      e("stop", "stop"),
      e("tag", "tag"),
      e("top", "top"),
      e("unpause", "unpause"),
      e("update", "update"),
      e("version", "version"),
      e("wait", "wait"),
      group("container",
          e("attach", "attach"),
          e("commit", "commit"),
          e("create", "create"),
          e("diff", "diff"),
          e("exec", "exec"),
          e("export", "export"),
          e("inspect", "container-inspect"),
          e("kill", "kill"),
          e("logs", "logs"),
          e("ls", "ps", "list", "ps"),
          e("pause", "pause"),
          e("prune", "prune"),
          e("rename", "rename"),
          e("restart", "restart"),
          e("rm", "rm", "remove"),
          e("run", "run"),
          e("start", "start"),
          e("stop", "stop"),
          e("top", "top"),
          e("unpause", "unpause"),
          e("update", "update"),
          e("wait", "wait")),
      group("image",
          e("history", "history"),
          e("import", "import"),
          e("inspect", "image-inspect"),
          e("load", "load"),
          e("ls", "images", "list"),
          e("rm", "rmi", "remove"),
          e("save", "save"),
          e("tag", "tag")),
      group("system",
          e("events", "events"),
          e("info", "info")));

  /** Options of the root command that take a value (to find the subcommand without parsing). */
  private static final List<String> ROOT_VALUE_OPTIONS = List.of("-H", "--host", "-l", "--log-level", "--config",
      "-c", "--context");

  static CommandLine build(Cli cli, String[] args) {
    int i = 0;
    while (i < args.length) {
      String a = args[i];
      if (ROOT_VALUE_OPTIONS.contains(a)) {
        i += 2;
      } else if (a.startsWith("-") && !a.equals("-")) {
        i++;
      } else {
        break;
      }
    }
    String first = i < args.length ? args[i] : null;
    String second = i + 1 < args.length ? args[i + 1] : null;

    CommandLine root = configure(new CommandLine(new Root(cli)), cli);
    boolean known = false;
    for (Entry e : TREE) {
      known |= first != null && e.matches(first);
    }
    for (Entry e : TREE) {
      if (known && !e.matches(first)) {
        continue;
      }
      root.addSubcommand(e.name(), make(e, cli, second), e.aliases().toArray(String[]::new));
    }
    fixUsage(root);
    return root;
  }

  private static CommandLine make(Entry e, Cli cli, String wanted) {
    CommandLine cl = configure(new CommandLine(create(e.kind())), cli);
    boolean known = false;
    for (Entry c : e.children()) {
      known |= wanted != null && c.matches(wanted);
    }
    for (Entry c : e.children()) {
      if (known && !c.matches(wanted)) {
        continue;
      }
      cl.addSubcommand(c.name(), make(c, cli, null), c.aliases().toArray(String[]::new));
    }
    if (cl.getCommand() instanceof RunCommand || cl.getCommand() instanceof ContainerCommands.Create
        || cl.getCommand() instanceof ExecCommand || cl.getCommand() instanceof TopCommand) {
      cl.setStopAtPositional(true);
    }
    return cl;
  }

  private static CommandLine configure(CommandLine cl, Cli cli) {
    cl.setOut(new PrintWriter(cli.out(), true));
    cl.setErr(new PrintWriter(cli.err(), true));
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    cl.setUsageHelpWidth(100);
    cl.setParameterExceptionHandler(BerthCli::onParameterError);
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> onError(ex, c, cli));
    return cl;
  }

  /** Docker's help layout: "Usage:  berth ps [OPTIONS]", description, options. */
  private static void fixUsage(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    String[] syn = spec.usageMessage().customSynopsis();
    String args = syn.length > 0 ? syn[0] : "[OPTIONS]";
    spec.usageMessage().synopsisHeading("Usage:  ");
    spec.usageMessage().customSynopsis(spec.qualifiedName() + (args.isEmpty() ? "" : " " + args));
    spec.usageMessage().descriptionHeading("%n");
    spec.usageMessage().optionListHeading("%nOptions:%n");
    spec.usageMessage().commandListHeading("%nCommands:%n");
    spec.usageMessage().parameterListHeading("");
    spec.usageMessage().abbreviateSynopsis(false);
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      fixUsage(sub);
    }
  }

  static String useLine(CommandLine cl) {
    String[] syn = cl.getCommandSpec().usageMessage().customSynopsis();
    return syn.length > 0 ? syn[0] : cl.getCommandSpec().qualifiedName();
  }

  private static int onParameterError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String path = cl.getCommandSpec().qualifiedName();
    boolean isGroup = !cl.getSubcommands().isEmpty();
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> unmatched = u.getUnmatched();
      String bad = unmatched.isEmpty() ? "" : unmatched.get(0);
      if (bad.startsWith("-") && !bad.equals("-")) {
        printUsageError(err, flagMessage(bad), cl, false);
        return 125;
      }
      if (isGroup) {
        err.println(Cli.NAME + ": unknown command: " + path + " " + bad);
        err.println();
        err.println("Run '" + path + " --help' for more information");
        err.flush();
        return 1;
      }
      printUsageError(err, "\"" + path + "\" accepts no arguments", cl, false);
      return 1;
    }
    String msg = ex.getMessage();
    if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().get(0).isOption()) {
      CommandLine.Model.OptionSpec o = (CommandLine.Model.OptionSpec) m.getMissing().get(0);
      msg = "flag needs an argument: " + flagName(o, args);
    } else if (ex.getCause() instanceof CommandLine.TypeConversionException || msg.startsWith("Invalid value")) {
      msg = conversionMessage(ex, msg);
    } else if (msg.startsWith("Expected parameter for option")) {
      msg = "flag needs an argument: " + msg.replaceAll(".*option '([^']*)'.*", "$1");
    }
    printUsageError(err, msg, cl, false);
    return 125;
  }

  private static String flagName(CommandLine.Model.OptionSpec o, String[] args) {
    String shortName = null;
    String longName = null;
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        longName = n;
      } else {
        shortName = n;
      }
    }
    if (args.length > 0) {
      String last = args[args.length - 1];
      if (shortName != null && last.equals(shortName) || longName == null) {
        return "'" + shortName.substring(1) + "' in " + shortName;
      }
    }
    return longName;
  }

  private static String conversionMessage(ParameterException ex, String msg) {
    // picocli: Invalid value for option '--last': 'abc' is not an int
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("Invalid value for option '([^']+)': '(.*)' is not an? (\\w+)").matcher(msg);
    if (m.find()) {
      String opt = m.group(1);
      CommandLine.Model.OptionSpec spec = ex.getCommandLine().getCommandSpec().findOption(opt);
      String names = opt;
      if (spec != null) {
        names = String.join(", ", spec.names());
      }
      String parse = m.group(3).equals("int") || m.group(3).equals("long")
          ? "strconv.ParseInt: parsing \"" + m.group(2) + "\": invalid syntax"
          : "invalid syntax";
      return "invalid argument \"" + m.group(2) + "\" for \"" + names + "\" flag: " + parse;
    }
    return msg;
  }

  private static String flagMessage(String bad) {
    if (bad.startsWith("--")) {
      int eq = bad.indexOf('=');
      return "unknown flag: " + (eq > 0 ? bad.substring(0, eq) : bad);
    }
    return "unknown shorthand flag: '" + bad.charAt(1) + "' in " + bad;
  }

  static void printUsageError(PrintWriter err, String msg, CommandLine cl, boolean see) {
    err.println(msg);
    err.println();
    err.println("Usage:  " + useLine(cl));
    err.println();
    err.println((see ? "See '" : "Run '") + cl.getCommandSpec().qualifiedName() + " --help' for more information");
    err.flush();
  }

  private static int onError(Exception ex, CommandLine cl, Cli cli) {
    PrintStream err = cli.err();
    cli.out().flush();
    Throwable t = ex;
    if (t instanceof UncheckedIOException u) {
      t = u.getCause();
    }
    switch (t) {
      case UsageError u -> {
        printUsageError(cl.getErr(), u.getMessage(), cl, u.see());
        return u.status();
      }
      case CliExit x -> {
        if (x.getMessage() != null) {
          err.println(x.getMessage());
        }
        return x.status();
      }
      case BerthException b -> {
        err.println("Error response from daemon: " + b.getMessage());
        return 1;
      }
      case JsonStreamException j -> {
        err.println(j.getMessage());
        return 1;
      }
      case TemplateException te -> {
        err.println(te.getMessage());
        return 1;
      }
      case IOException io -> {
        err.println(io.getMessage());
        return 1;
      }
      case IllegalArgumentException ia -> {
        err.println(ia.getMessage());
        return 1;
      }
      default -> {
        err.println(Cli.NAME + ": " + t);
        if (cli.env().containsKey("BERTH_DEBUG")) {
          t.printStackTrace(err);
        }
        return 1;
      }
    }
  }
}
