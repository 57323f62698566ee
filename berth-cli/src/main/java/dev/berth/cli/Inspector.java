package dev.berth.cli;

import dev.berth.api.errors.BerthException;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.Funcs;
import dev.berth.cli.format.GoValues;
import dev.berth.cli.format.JsonIndent;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * docker's inspect.Inspect: prints the daemon's JSON for each name as one indented array, or a
 * {@code --format} template per object (run over the raw JSON, missing keys being errors).
 * Names that fail are reported together at the end, exit 1; a template that does not parse exits 64.
 */
final class Inspector {

  /** Fetches one object's raw JSON; throws with the message to report. */
  @FunctionalInterface
  interface Getter {
    String get(String name) throws IOException;
  }

  private Inspector() {}

  static int inspect(Cli cli, List<String> names, String format, Getter getter) {
    Template tmpl = null;
    if (format != null && !format.isEmpty() && !format.equals("json")) {
      try {
        tmpl = Template.parse(Formatter.templateText(format));
      } catch (TemplateException e) {
        throw new CliExit(64, "template parsing error: " + e.getMessage());
      }
    }
    List<String> errors = new ArrayList<>();
    List<String> raws = new ArrayList<>();
    StringBuilder buffer = new StringBuilder();
    for (String name : names) {
      String raw;
      try {
        raw = getter.get(name);
      } catch (BerthException e) {
        errors.add("Error response from daemon: " + e.getMessage());
        continue;
      } catch (IOException e) {
        errors.add(e.getMessage());
        continue;
      } catch (NotFoundAnywhere e) {
        errors.add(e.getMessage());
        continue;
      }
      if (tmpl == null) {
        raws.add(raw.strip());
        continue;
      }
      try {
        Object node = dev.berth.client.Json.parse(raw);
        String text = tmpl.execute(GoValues.fromPlain(node), Funcs.docker());
        buffer.append(text).append('\n');
      } catch (TemplateException e) {
        errors.add("template parsing error: " + e.getMessage());
      } catch (IOException e) {
        errors.add("unable to read inspect data: " + e.getMessage());
      }
    }
    if (tmpl == null) {
      if (raws.isEmpty()) {
        cli.out().print("[]\n");
      } else {
        String joined = "[" + String.join(",", raws) + "]";
        cli.out().print(JsonIndent.indent(joined, "", "    ") + "\n");
      }
    } else {
      cli.out().print(buffer.isEmpty() ? "\n" : buffer.toString());
    }
    cli.out().flush();
    if (!errors.isEmpty()) {
      throw new CliExit(1, String.join("\n", errors));
    }
    return 0;
  }

  /** No object of any type has this name. */
  static final class NotFoundAnywhere extends RuntimeException {
    NotFoundAnywhere(String name) {
      super("Error: No such object: " + name, null, false, false);
    }
  }
}
