package dev.berth.cli;

import dev.berth.api.events.EventMessage;
import dev.berth.cli.format.Funcs;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.Filters;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth events}: the daemon's events, as {@code docker events} prints them. */
@Command(name = "events", customSynopsis = "[OPTIONS]", description = "Get real time events from the server")
public final class EventsCommand extends BaseCommand {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
  List<String> filters = new ArrayList<>();

  @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
  String format = "";

  @Option(names = "--since", paramLabel = "string", description = "Show all events created since timestamp")
  String since = "";

  @Option(names = "--until", paramLabel = "string", description = "Stream events until this timestamp")
  String until = "";

  @Override
  protected int run() throws Exception {
    Filters f = parseFilters(filters, "-f, --filter");
    Template template;
    try {
      template = format.isEmpty() ? null : Template.parse(format.equals("json") ? "{{json .}}" : format);
    } catch (TemplateException e) {
      throw new CliExit(1, "template parsing error: " + e.getMessage());
    }
    Instant now = cli().clock().instant();
    PrintStream out = cli().out();
    cli().client().events(ContainerCommands.timeArg("since", since, now), ContainerCommands.timeArg("until", until,
        now), f.toJson(), event -> {
          out.println(template == null ? line(event) : render(template, event));
          out.flush();
        });
    return 0;
  }

  /** Docker's default line: time, type, action, actor ID, then the attributes sorted by name. */
  static String line(EventMessage event) {
    StringBuilder text = new StringBuilder(TIME.format(Instant.ofEpochSecond(0, event.timeNano())))
        .append(' ').append(event.type()).append(' ').append(event.action()).append(' ').append(event.actor().id());
    Map<String, String> attributes = new TreeMap<>(event.actor().attributes());
    if (!attributes.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      attributes.forEach((key, value) -> pairs.add(key + "=" + value));
      text.append(" (").append(String.join(", ", pairs)).append(')');
    }
    return text.toString();
  }

  /** Templates see Go's field names of Docker's events.Message, not its JSON names. */
  private static String render(Template template, EventMessage event) {
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("ID", event.actor().id());
    actor.put("Attributes", event.actor().attributes());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Status", event.status());
    data.put("ID", event.id());
    data.put("From", event.from());
    data.put("Type", event.type());
    data.put("Action", event.action());
    data.put("Actor", actor);
    data.put("Scope", event.scope());
    data.put("Time", event.time());
    data.put("TimeNano", event.timeNano());
    try {
      return template.execute(data, Funcs.docker());
    } catch (TemplateException e) {
      throw new CliExit(1, "template parsing error: " + e.getMessage());
    }
  }
}
