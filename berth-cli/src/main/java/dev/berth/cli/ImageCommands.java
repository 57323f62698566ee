package dev.berth.cli;

import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.api.image.ImageDeleteItem;
import dev.berth.api.image.ImageHistoryItem;
import dev.berth.api.image.ImageSummary;
import dev.berth.cli.format.HistoryContext;
import dev.berth.cli.format.ImageContext;
import dev.berth.cli.format.Template;
import dev.berth.client.Filters;
import dev.berth.client.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}, {@code images}, {@code image inspect}, {@code tag}, {@code rmi}. */
final class ImageCommands {

  private ImageCommands() {}

  static final String LIST_FORMAT_HELP = "Format output using a custom template:%n"
      + "'table':            Print output in table format with column headers (default)%n"
      + "'table TEMPLATE':   Print output in table format using the given Go template%n"
      + "'json':             Print in JSON format%n"
      + "'TEMPLATE':         Print output using the given Go template.";

  /** "Error response from daemon: ..." for daemon errors, the message otherwise. */
  static String errorText(Exception e) {
    return e instanceof BerthException ? "Error response from daemon: " + e.getMessage() : e.getMessage();
  }

  @Command(name = "import", customSynopsis = "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
      description = "Import the contents from a tarball to create a filesystem image")
  public static final class Import extends BaseCommand {
    @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Set commit message for imported image")
    String message = "";

    @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
    String platform;

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws IOException {
      requireAtLeast(args, 1);
      String source = args.get(0);
      String ref = args.size() > 1 ? args.get(1) : "";
      if (!ref.isEmpty()) {
        ImageReference.parse(ref);
      }
      String id;
      if (source.equals("-")) {
        id = cli().client().importImage(cli().in(), ref, "", changes, message);
      } else if (source.startsWith("http://") || source.startsWith("https://")) {
        throw new CliExit(1, "importing from a URL is not supported by berth yet");
      } else {
        Path p = Path.of(source);
        InputStream in;
        try {
          in = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
          throw new CliExit(1, "open " + source + ": no such file or directory");
        }
        try (in) {
          id = cli().client().importImage(in, ref, "", changes, message);
        }
      }
      cli().out().println(id);
      return 0;
    }
  }

  @Command(name = "save", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]",
      description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
  public static final class Save extends BaseCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
    String output;

    @Option(names = "--platform", paramLabel = "stringArray", description = "Save only the given platform variant")
    List<String> platforms = new ArrayList<>();

    @Parameters(hidden = true)
    List<String> names;

    @Override
    protected int run() throws IOException {
      requireAtLeast(names, 1);
      if (output == null || output.isEmpty()) {
        if (Terminal.isTerminal()) {
          throw new CliExit(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        cli().client().saveImages(names, cli().out());
        cli().out().flush();
        return 0;
      }
      // as the docker CLI: the archive appears under its name only once complete
      Path target = Path.of(output).toAbsolutePath();
      Path partial = Files.createTempFile(target.getParent(), ".docker_temp_", "");
      try {
        try (OutputStream out = Files.newOutputStream(partial)) {
          cli().client().saveImages(names, out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return 0;
    }
  }

  @Command(name = "load", customSynopsis = "[OPTIONS]", description = "Load an image from a tar archive or STDIN")
  public static final class Load extends BaseCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "string", description = "Read from tar archive file, instead of STDIN")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Option(names = "--platform", paramLabel = "stringArray", description = "Load only the given platform variant")
    List<String> platforms = new ArrayList<>();

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws IOException {
      requireNone(args);
      List<String> report;
      if (input == null || input.isEmpty()) {
        if (Terminal.isTerminal()) {
          throw new CliExit(1, "requested load from stdin, but stdin is empty");
        }
        report = cli().client().loadImages(cli().in(), quiet);
      } else {
        try (InputStream in = Files.newInputStream(Path.of(input))) {
          report = cli().client().loadImages(in, quiet);
        } catch (NoSuchFileException e) {
          throw new CliExit(1, "open " + input + ": no such file or directory");
        }
      }
      report.forEach(cli().out()::println);
      return 0;
    }
  }

  @Command(name = "images", customSynopsis = "[OPTIONS] [REPOSITORY[:TAG]]", description = "List images")
  public static final class Images extends BaseCommand {
    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)")
    boolean all;

    @Option(names = "--digests", description = "Show digests")
    boolean digests;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = LIST_FORMAT_HELP)
    String format;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--tree", description = "List multi-platform images as a tree (EXPERIMENTAL)")
    boolean tree;

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws Exception {
      requireAtMost(args, 1);
      Filters f = parseFilters(filters, "-f, --filter");
      if (args != null && args.size() == 1) {
        f.add("reference", args.get(0));
      }
      String fmt = ImageContext.resolveFormat(format, quiet, digests);
      Template t = parseTemplate(fmt);
      List<ImageSummary> images = cli().client().listImages(all, f.toJson(), digests);
      printRows(fmt, t, ImageContext.HEADERS, ImageContext.rows(images, digests, !noTrunc, cli().clock().instant()));
      return 0;
    }
  }

  @Command(name = "history", customSynopsis = "[OPTIONS] IMAGE", description = "Show the history of an image")
  public static final class History extends BaseCommand {
    @Option(names = "--format", paramLabel = "string", description = LIST_FORMAT_HELP)
    String format;

    @Option(names = {"-H", "--human"}, negatable = true, defaultValue = "true", fallbackValue = "true",
        arity = "0..1", description = "Print sizes and dates in human readable format")
    boolean human;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws Exception {
      requireExactly(args, 1);
      String fmt = HistoryContext.resolveFormat(format, quiet, human);
      Template t = parseTemplate(fmt);
      List<ImageHistoryItem> history;
      try {
        history = cli().client().imageHistory(args.get(0));
      } catch (BerthException e) {
        throw new CliExit(1, "Error response from daemon: " + e.getMessage());
      }
      Instant now = cli().clock().instant();
      printRows(fmt, t, HistoryContext.HEADERS,
          history.stream().map(item -> new HistoryContext(item, !noTrunc, human, now)).toList());
      return 0;
    }
  }

  @Command(name = "inspect", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]",
      description = "Display detailed information on one or more images")
  public static final class Inspect extends BaseCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "string", description = SystemCommands.FORMAT_HELP)
    String format;

    @Option(names = "--platform", paramLabel = "string", description = "Inspect a specific platform of the multi-platform image.")
    String platform;

    @Parameters(hidden = true)
    List<String> names;

    @Override
    protected int run() {
      requireAtLeast(names, 1);
      return Inspector.inspect(cli(), names, format, cli().client()::inspectImageJson);
    }
  }

  @Command(name = "tag", customSynopsis = "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
      description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
  public static final class Tag extends BaseCommand {
    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws IOException {
      requireExactly(args, 2);
      String source = args.get(0);
      ImageReference target;
      try {
        target = ImageReference.parse(args.get(1));
      } catch (IllegalArgumentException e) {
        throw new CliExit(1, "Error parsing reference: \"" + args.get(1) + "\" is not a valid repository/tag: "
            + e.getMessage());
      }
      if (target.digest() != null) {
        throw new CliExit(1, "refusing to create a tag with a digest reference");
      }
      target = target.withDefaultTag();
      cli().client().tagImage(source, target.name(), target.tag());
      return 0;
    }
  }

  @Command(name = "rmi", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]", description = "Remove one or more images")
  public static final class Rmi extends BaseCommand {
    @Option(names = {"-f", "--force"}, description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", description = "Do not delete untagged parents")
    boolean noPrune;

    @Option(names = "--platform", paramLabel = "strings", description = "Remove only the given platform variant.")
    List<String> platforms;

    @Parameters(hidden = true)
    List<String> images;

    @Override
    protected int run() {
      requireAtLeast(images, 1);
      List<String> errors = new ArrayList<>();
      boolean fatal = false;
      for (String img : images) {
        try {
          for (ImageDeleteItem d : cli().client().removeImage(img, force, noPrune)) {
            if (d.deleted() != null && !d.deleted().isEmpty()) {
              cli().out().println("Deleted: " + d.deleted());
            } else {
              cli().out().println("Untagged: " + d.untagged());
            }
          }
        } catch (IOException | BerthException e) {
          if (!(e instanceof NotFoundException)) {
            fatal = true;
          }
          errors.add(errorText(e));
        }
      }
      cli().out().flush();
      if (!errors.isEmpty()) {
        String msg = String.join("\n", errors);
        if (!force || fatal) {
          throw new CliExit(1, msg);
        }
        cli().err().println(msg);
      }
      return 0;
    }
  }
}
