package dev.berth.cli;

import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.Funcs;
import dev.berth.cli.format.GoValues;
import dev.berth.cli.format.TabWriter;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.cli.format.Units;
import dev.berth.client.BerthClient;
import dev.berth.client.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code version} and {@code info}. */
final class SystemCommands {

  private SystemCommands() {}

  static final String FORMAT_HELP = "Format output using a custom template:%n"
      + "'json':             Print in JSON format%n"
      + "'TEMPLATE':         Print output using the given Go template.";

  /** docker's version template, with the client's Go version shown as berth's Java version. */
  static final String VERSION_TEMPLATE = """
      {{with .Client -}}
      Client:
       Version:\t{{.Version}}
       API version:\t{{.ApiVersion}}{{if ne .ApiVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
       Java version:\t{{.JavaVersion}}
       Git commit:\t{{.GitCommit}}
       Built:\t{{.BuildTime}}
       OS/Arch:\t{{.Os}}/{{.Arch}}
       Context:\t{{.Context}}
      {{- end}}

      {{- if .ServerOK}}{{with .Server}}

      Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
       {{- range $component := .Components}}
       {{$component.Name}}:
        {{- if eq $component.Name "Engine" }}
        Version:\t{{.Version}}
        API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
        Go version:\t{{index .Details "GoVersion"}}
        Git commit:\t{{index .Details "GitCommit"}}
        Built:\t{{index .Details "BuildTime"}}
        OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
        Experimental:\t{{index .Details "Experimental"}}
        {{- else }}
        Version:\t{{$component.Version}}
        {{- range $key := detailsOrder $component}}
        {{$key}}:\t{{index $component.Details $key}}
         {{- end}}
        {{- end}}
       {{- end}}
       {{- end}}{{- end}}""";

  @Command(name = "version", customSynopsis = "[OPTIONS]", description = "Show the berth version information")
  public static final class Version extends BaseCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "string", description = FORMAT_HELP)
    String format;

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws Exception {
      requireNone(args);
      Cli cli = cli();
      BerthClient client = cli.client();
      Map<String, Object> clientInfo = new LinkedHashMap<>();
      clientInfo.put("Version", VersionInfo.version());
      String negotiated = BerthClient.MAX_API_VERSION;
      Object server = null;
      Exception serverError = null;
      try {
        negotiated = client.apiVersion();
        server = Json.parse(client.versionJson());
        reformatBuildTimes(server);
      } catch (IOException | RuntimeException e) {
        serverError = e;
      }
      clientInfo.put("ApiVersion", negotiated);
      clientInfo.put("DefaultAPIVersion", BerthClient.MAX_API_VERSION);
      clientInfo.put("GitCommit", VersionInfo.commit());
      clientInfo.put("GoVersion", "java" + VersionInfo.javaVersion());
      clientInfo.put("JavaVersion", VersionInfo.javaVersion());
      clientInfo.put("Os", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT));
      clientInfo.put("Arch", arch());
      clientInfo.put("BuildTime", "");
      clientInfo.put("Context", "default");
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("Client", new GoValues.Struct(clientInfo));
      data.put("Server", server == null ? GoValues.NIL_POINTER : GoValues.fromPlain(server));
      PrintStream out = cli.out();
      if (format != null && !format.isEmpty()) {
        Map<String, Template.Func> funcs = Funcs.docker();
        Template t = parseOrExit(Formatter.templateText(format));
        Map<String, Object> json = new LinkedHashMap<>(data);
        GoValues.Struct s = new GoValues.Struct(json);
        String text = t.execute(s, funcs);
        out.println(text);
      } else {
        Map<String, Template.Func> funcs = Funcs.docker();
        funcs.put("detailsOrder", a -> {
          List<Object> keys = new ArrayList<>();
          if (a.get(0) instanceof GoValues.Struct comp && comp.get("Details") instanceof GoValues.GoMap m) {
            keys.addAll(new TreeSet<>(m.entries().keySet()));
          }
          return keys;
        });
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put("ServerOK", server != null);
        String text = Template.parse(VERSION_TEMPLATE, java.util.Set.of("detailsOrder")).execute(new GoValues.Struct(d), funcs);
        TabWriter w = new TabWriter(20, 1, ' ');
        w.write(text + "\n");
        out.print(w.flush());
      }
      out.flush();
      if (serverError != null) {
        throw serverError;
      }
      return 0;
    }
  }

  /** docker's reformatDate: RFC 3339 build times are shown as {@code Mon Jan _2 15:04:05 2006}. */
  @SuppressWarnings("unchecked")
  static void reformatBuildTimes(Object server) {
    if (!(server instanceof Map<?, ?> m)) {
      return;
    }
    Map<String, Object> sv = (Map<String, Object>) m;
    if (sv.get("BuildTime") instanceof String b) {
      sv.put("BuildTime", reformatDate(b));
    }
    for (Object c : Json.arr(sv.get("Components"))) {
      Map<String, Object> comp = Json.obj(c);
      if ("Engine".equals(comp.get("Name")) && comp.get("Details") instanceof Map<?, ?> d
          && d.get("BuildTime") instanceof String b) {
        ((Map<String, Object>) d).put("BuildTime", reformatDate(b));
      }
    }
  }

  static String reformatDate(String s) {
    try {
      java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(s);
      return java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ROOT)
          .format(t);
    } catch (java.time.format.DateTimeParseException e) {
      return s;
    }
  }

  static String arch() {
    String a = System.getProperty("os.arch");
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }

  static Template parseOrExit(String text) {
    try {
      return Template.parse(text);
    } catch (TemplateException e) {
      throw new CliExit(64, "template parsing error: " + e.getMessage());
    }
  }

  @Command(name = "info", customSynopsis = "[OPTIONS]", description = "Display system-wide information")
  public static final class Info extends BaseCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "string", description = FORMAT_HELP)
    String format;

    @Parameters(hidden = true)
    List<String> args;

    @Override
    protected int run() throws Exception {
      requireNone(args);
      Cli cli = cli();
      PrintStream out = cli.out();
      if (format != null && !format.isEmpty()) {
        Template t = parseOrExit(Formatter.templateText(format));
        Map<String, Object> withClient = new LinkedHashMap<>(Json.obj(Json.parse(cli.client().infoJson())));
        Map<String, Object> ci = new LinkedHashMap<>();
        ci.put("Debug", false);
        ci.put("Version", VersionInfo.version());
        ci.put("Context", "default");
        ci.put("Plugins", List.of());
        ci.put("Warnings", List.of());
        withClient.put("ClientInfo", ci);
        Object data = GoValues.fromPlain(withClient);
        out.println(t.execute(data, Funcs.docker()));
        return 0;
      }
      StringBuilder sb = new StringBuilder();
      sb.append("Client:\n");
      sb.append(" Version:    ").append(VersionInfo.version()).append('\n');
      sb.append(" Context:    default\n");
      sb.append(" Debug Mode: false\n");
      sb.append('\n');
      sb.append("Server:\n");
      Node info;
      try {
        info = new Node(Json.parse(cli.client().infoJson()));
      } catch (IOException e) {
        out.print(sb);
        out.flush();
        throw e;
      }
      List<String> warnings = new ArrayList<>();
      prettyPrint(sb, info, warnings);
      out.print(sb);
      out.flush();
      for (String w : warnings) {
        cli.err().println(w);
      }
      return 0;
    }
  }

  /** docker's prettyPrintServerInfo over the raw {@code /info} object. */
  static void prettyPrint(StringBuilder o, Node i, List<String> warnings) {
    line(o, " Containers:", i.path("Containers").asText("0"));
    line(o, "  Running:", i.path("ContainersRunning").asText("0"));
    line(o, "  Paused:", i.path("ContainersPaused").asText("0"));
    line(o, "  Stopped:", i.path("ContainersStopped").asText("0"));
    line(o, " Images:", i.path("Images").asText("0"));
    nonEmpty(o, " Server Version:", i.path("ServerVersion").asText(""));
    nonEmpty(o, " Storage Driver:", i.path("Driver").asText(""));
    for (Node pair : i.path("DriverStatus")) {
      if (pair.size() >= 2) {
        o.append("  ").append(pair.get(0).asText()).append(": ").append(pair.get(1).asText()).append('\n');
      }
    }
    nonEmpty(o, " Logging Driver:", i.path("LoggingDriver").asText(""));
    nonEmpty(o, " Cgroup Driver:", i.path("CgroupDriver").asText(""));
    nonEmpty(o, " Cgroup Version:", i.path("CgroupVersion").asText(""));
    o.append(" Plugins:\n");
    Node p = i.path("Plugins");
    line(o, "  Volume:", join(p.path("Volume")));
    line(o, "  Network:", join(p.path("Network")));
    if (p.path("Authorization").size() > 0) {
      line(o, "  Authorization:", join(p.path("Authorization")));
    }
    line(o, "  Log:", join(p.path("Log")));
    if (i.path("CDISpecDirs").size() > 0) {
      o.append(" CDI spec directories:\n");
      for (Node d : i.path("CDISpecDirs")) {
        o.append("  ").append(d.asText()).append('\n');
      }
    }
    line(o, " Swarm:", i.path("Swarm").path("LocalNodeState").asText("inactive"));
    Node runtimes = i.path("Runtimes");
    if (runtimes.isObject() && runtimes.size() > 0) {
      TreeSet<String> names = new TreeSet<>();
      names.addAll(runtimes.keys());
      line(o, " Runtimes:", String.join(" ", names));
      line(o, " Default Runtime:", i.path("DefaultRuntime").asText(""));
    }
    if ("linux".equals(i.path("OSType").asText(""))) {
      line(o, " Init Binary:", i.path("InitBinary").asText(""));
      for (String[] c : new String[][] {{"containerd", "ContainerdCommit"}, {"runc", "RuncCommit"},
          {"init", "InitCommit"}}) {
        o.append(' ').append(c[0]).append(" version: ").append(i.path(c[1]).path("ID").asText("")).append('\n');
      }
      if (i.path("SecurityOptions").size() > 0) {
        o.append(" Security Options:\n");
        for (Node so : i.path("SecurityOptions")) {
          String name = null;
          List<String[]> opts = new ArrayList<>();
          for (String kv : so.asText().split(",")) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            String v = eq < 0 ? "" : kv.substring(eq + 1);
            if (k.equals("name")) {
              name = v;
            } else {
              opts.add(new String[] {k, v});
            }
          }
          o.append("  ").append(name == null ? so.asText() : name).append('\n');
          for (String[] kv : opts) {
            if (kv[0].equals("profile")) {
              o.append("   Profile: ").append(kv[1]).append('\n');
            }
          }
        }
      }
    }
    nonEmpty(o, " Kernel Version:", i.path("KernelVersion").asText(""));
    nonEmpty(o, " Operating System:", i.path("OperatingSystem").asText(""));
    nonEmpty(o, " OSType:", i.path("OSType").asText(""));
    nonEmpty(o, " Architecture:", i.path("Architecture").asText(""));
    line(o, " CPUs:", i.path("NCPU").asText("0"));
    line(o, " Total Memory:", Units.bytesSize(i.path("MemTotal").asDouble(0)));
    nonEmpty(o, " Name:", i.path("Name").asText(""));
    nonEmpty(o, " ID:", i.path("ID").asText(""));
    line(o, " Docker Root Dir:", i.path("DockerRootDir").asText(""));
    boolean debug = i.path("Debug").asBoolean(false);
    line(o, " Debug Mode:", Boolean.toString(debug));
    if (debug) {
      line(o, "  File Descriptors:", i.path("NFd").asText("0"));
      line(o, "  Goroutines:", i.path("NGoroutines").asText("0"));
      line(o, "  System Time:", i.path("SystemTime").asText(""));
      line(o, "  EventsListeners:", i.path("NEventsListener").asText("0"));
    }
    nonEmpty(o, " HTTP Proxy:", i.path("HttpProxy").asText(""));
    nonEmpty(o, " HTTPS Proxy:", i.path("HttpsProxy").asText(""));
    nonEmpty(o, " No Proxy:", i.path("NoProxy").asText(""));
    if (i.path("Labels").size() > 0) {
      o.append(" Labels:\n");
      for (Node l : i.path("Labels")) {
        o.append("  ").append(l.asText()).append('\n');
      }
    }
    line(o, " Experimental:", Boolean.toString(i.path("ExperimentalBuild").asBoolean(false)));
    Node reg = i.path("RegistryConfig");
    List<String> insecure = new ArrayList<>();
    Node idx = reg.path("IndexConfigs");
    for (Node r : idx.values()) {
      if (!r.path("Secure").asBoolean(true)) {
        insecure.add(r.path("Name").asText());
      }
    }
    for (Node cidr : reg.path("InsecureRegistryCIDRs")) {
      insecure.add(cidr.isTextual() ? cidr.asText() : cidr.path("IP").asText() + "/" + cidr.path("Mask").asText());
    }
    if (!insecure.isEmpty() || idx.size() > 0) {
      o.append(" Insecure Registries:\n");
      for (String s : insecure) {
        o.append("  ").append(s).append('\n');
      }
    }
    if (reg.path("Mirrors").size() > 0) {
      o.append(" Registry Mirrors:\n");
      for (Node m : reg.path("Mirrors")) {
        o.append("  ").append(m.asText()).append('\n');
      }
    }
    line(o, " Live Restore Enabled:", Boolean.toString(i.path("LiveRestoreEnabled").asBoolean(false)));
    if (!i.path("ProductLicense").asText("").isEmpty()) {
      line(o, " Product License:", i.path("ProductLicense").asText());
    }
    o.append('\n');
    for (Node w : i.path("Warnings")) {
      warnings.add(w.asText());
    }
  }

  /** A step through plain JSON values, in the style of Jackson's {@code path()}. */
  record Node(Object v) implements Iterable<Node> {
    Node path(String key) {
      return new Node(v instanceof Map<?, ?> m ? m.get(key) : null);
    }

    String asText(String dflt) {
      return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? dflt : v.toString();
    }

    String asText() {
      return asText("");
    }

    boolean asBoolean(boolean dflt) {
      return v instanceof Boolean b ? b : dflt;
    }

    double asDouble(double dflt) {
      return v instanceof Number n ? n.doubleValue() : dflt;
    }

    int size() {
      return v instanceof Map<?, ?> m ? m.size() : v instanceof List<?> l ? l.size() : 0;
    }

    boolean isObject() {
      return v instanceof Map<?, ?>;
    }

    boolean isTextual() {
      return v instanceof String;
    }

    Node get(int i) {
      return new Node(v instanceof List<?> l && i < l.size() ? l.get(i) : null);
    }

    List<String> keys() {
      List<String> k = new ArrayList<>();
      if (v instanceof Map<?, ?> m) {
        m.keySet().forEach(x -> k.add(String.valueOf(x)));
      }
      return k;
    }

    List<Node> values() {
      List<Node> out = new ArrayList<>();
      if (v instanceof Map<?, ?> m) {
        m.values().forEach(x -> out.add(new Node(x)));
      }
      return out;
    }

    @Override
    public Iterator<Node> iterator() {
      List<Node> out = new ArrayList<>();
      if (v instanceof List<?> l) {
        l.forEach(x -> out.add(new Node(x)));
      }
      return out.iterator();
    }
  }

  private static void line(StringBuilder o, String label, String value) {
    o.append(label).append(' ').append(value).append('\n');
  }

  private static void nonEmpty(StringBuilder o, String label, String value) {
    if (value != null && !value.isEmpty()) {
      line(o, label, value);
    }
  }

  private static String join(Node arr) {
    List<String> l = new ArrayList<>();
    for (Node n : arr) {
      l.add(n.asText());
    }
    return String.join(" ", l);
  }
}
