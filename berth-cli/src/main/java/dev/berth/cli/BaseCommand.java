package dev.berth.cli;

import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import java.util.Map;

import dev.berth.client.Filters;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A berth command: its context, docker's argument-count checks, and {@code --help}. */
public abstract class BaseCommand implements Callable<Integer> {

  @Spec
  protected CommandSpec spec;

  @Option(names = "--help", usageHelp = true, description = "Print usage")
  boolean helpRequested;

  /** The context the root command carries. */
  protected Cli cli() {
    return ((BerthCli.Root) spec.root().userObject()).cli;
  }

  /** {@code berth container ls}. */
  protected String path() {
    return spec.qualifiedName();
  }

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  /** Runs the command; returns the exit status. */
  protected abstract int run() throws Exception;

  protected void requireAtLeast(List<String> args, int n) {
    if (args == null || args.size() < n) {
      throw UsageError.requiresAtLeast(path(), n);
    }
  }

  protected void requireExactly(List<String> args, int n) {
    if ((args == null ? 0 : args.size()) != n) {
      throw UsageError.requiresExactly(path(), n);
    }
  }

  protected void requireAtMost(List<String> args, int n) {
    if (args != null && args.size() > n) {
      throw UsageError.requiresAtMost(path(), n);
    }
  }

  protected void requireRange(List<String> args, int min, int max) {
    int size = args == null ? 0 : args.size();
    if (size < min || size > max) {
      throw UsageError.requiresRange(path(), min, max);
    }
  }

  /**
   * The {@code key=value} filter flags as the daemon's filters, or docker's usage error naming the
   * first malformed one and the flag as this command spells it.
   */
  protected static Filters parseFilters(List<String> filters, String flag) {
    try {
      return Filters.parse(filters);
    } catch (IllegalArgumentException e) {
      String bad = filters.stream().filter(f -> !f.contains("=")).findFirst().orElse("");
      throw UsageError.flag("invalid argument \"" + bad + "\" for \"" + flag + "\" flag: " + e.getMessage());
    }
  }

  protected void requireNone(List<String> args) {
    if (args != null && !args.isEmpty()) {
      throw UsageError.acceptsNone(path());
    }
  }

  /** Parses a --format template, as the docker CLI does before asking the daemon anything. */
  protected static Template parseTemplate(String format) {
    try {
      return Template.parse(Formatter.templateText(format));
    } catch (TemplateException e) {
      throw new CliExit(1, "template parsing error: " + e.getMessage());
    }
  }

  /** Prints {@code rows} through the parsed template, as a table when the format is one. */
  protected void printRows(String format, Template template, Map<String, String> headers, List<?> rows) {
    try {
      cli().out().print(Formatter.render(format, template, headers, rows));
    } catch (TemplateException e) {
      throw new CliExit(1, "template parsing error: " + e.getMessage());
    }
  }
}
