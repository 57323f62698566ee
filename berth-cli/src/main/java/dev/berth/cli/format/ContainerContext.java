package dev.berth.cli.format;

import dev.berth.api.HumanDuration;
import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One row of {@code ps}: the docker CLI's formatter.ContainerContext. */
public final class ContainerContext implements TemplateObject {

  public static final String DEFAULT_TABLE =
      "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
  public static final String QUIET = "{{.ID}}";
  public static final String RAW = "container_id: {{.ID}}\\nimage: {{.Image}}\\ncommand: {{.Command}}\\n"
      + "created_at: {{.CreatedAt}}\\nstate: {{- pad .State 1 0}}\\nstatus: {{- pad .Status 1 0}}\\n"
      + "names: {{.Names}}\\nlabels: {{- pad .Labels 1 0}}\\nports: {{- pad .Ports 1 0}}\\n";

  public static final Map<String, String> HEADERS = Map.ofEntries(
      Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"),
      Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"), Map.entry("Ports", "PORTS"),
      Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"),
      Map.entry("Names", "NAMES"), Map.entry("Labels", "LABELS"), Map.entry("Label", "LABEL"),
      Map.entry("LocalVolumes", "LOCAL VOLUMES"), Map.entry("Mounts", "MOUNTS"),
      Map.entry("Networks", "NETWORKS"), Map.entry("Platform", "PLATFORM"));

  private final ContainerSummary c;
  private final boolean trunc;
  private final Instant now;

  public ContainerContext(ContainerSummary c, boolean trunc, Instant now) {
    this.c = c;
    this.trunc = trunc;
    this.now = now;
  }

  /** The format docker uses for {@code ps} given {@code --format}, {@code -q} and {@code -s}. */
  public static String resolveFormat(String format, boolean quiet, boolean size) {
    if (format == null || format.isEmpty() || format.equals(Formatter.TABLE)) {
      if (quiet) {
        return QUIET;
      }
      return size ? DEFAULT_TABLE + "\t{{.Size}}" : DEFAULT_TABLE;
    }
    if (format.equals("raw")) {
      if (quiet) {
        return "container_id: {{.ID}}";
      }
      return size ? RAW + "size: {{.Size}}\\n" : RAW;
    }
    if (quiet) {
      return QUIET;
    }
    return format.equals(Formatter.JSON) ? Formatter.JSON_FORMAT : format;
  }

  @Override
  public Object field(String name, List<Object> args) throws TemplateException {
    if (name.equals("Label")) {
      if (args.size() != 1) {
        throw new TemplateException("wrong number of args for Label: want 1 got " + args.size(), false);
      }
      return label(String.valueOf(args.get(0)));
    }
    if (!args.isEmpty()) {
      throw new TemplateException("wrong number of args for " + name + ": want 0 got " + args.size(), false);
    }
    return switch (name) {
      case "ID" -> id();
      case "Names" -> names();
      case "Image" -> image();
      case "Command" -> command();
      case "CreatedAt" -> createdAt();
      case "RunningFor" -> runningFor();
      case "Ports" -> ports();
      case "State" -> nz(c.state());
      case "Status" -> nz(c.status());
      case "Size" -> size();
      case "Labels" -> labels();
      case "LocalVolumes" -> localVolumes();
      case "Mounts" -> mounts();
      case "Networks" -> networks();
      case "Platform" -> null;
      default -> throw new TemplateException(
          "can't evaluate field " + name + " in type *formatter.ContainerContext", false);
    };
  }

  @Override
  public Map<String, Object> jsonFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Command", command());
    m.put("CreatedAt", createdAt());
    m.put("ID", id());
    m.put("Image", image());
    m.put("Labels", labels());
    m.put("LocalVolumes", localVolumes());
    m.put("Mounts", mounts());
    m.put("Names", names());
    m.put("Networks", networks());
    m.put("Platform", null);
    m.put("Ports", ports());
    m.put("RunningFor", runningFor());
    m.put("Size", size());
    m.put("State", nz(c.state()));
    m.put("Status", nz(c.status()));
    return m;
  }

  @Override
  public String typeName() {
    return "*formatter.ContainerContext";
  }

  public String id() {
    return trunc ? Formatter.truncateId(c.id()) : nz(c.id());
  }

  public String names() {
    List<String> names = new ArrayList<>();
    if (c.names() != null) {
      for (String n : c.names()) {
        names.add(n.startsWith("/") ? n.substring(1) : n);
      }
    }
    if (trunc) {
      for (String n : names) {
        if (!n.contains("/")) {
          return n;
        }
      }
    }
    return String.join(",", names);
  }

  public String image() {
    String image = c.image();
    if (image == null || image.isEmpty()) {
      return "<no image>";
    }
    if (trunc) {
      String t = Formatter.truncateId(c.imageId());
      if (t.equals(Formatter.truncateId(image))) {
        return t;
      }
      dev.berth.client.ImageReference ref = dev.berth.client.ImageReference.tryParse(image);
      if (ref != null) {
        return ref.familiarName() + (ref.tag() == null ? "" : ":" + ref.tag());
      }
    }
    return image;
  }

  public String command() {
    String cmd = nz(c.command());
    if (trunc) {
      cmd = Formatter.ellipsis(cmd, 20);
    }
    return GoFormat.quote(cmd);
  }

  public String createdAt() {
    return GoTime.string(Instant.ofEpochSecond(c.created()));
  }

  public String runningFor() {
    return HumanDuration.of(Duration.between(Instant.ofEpochSecond(c.created()), now)) + " ago";
  }

  public String size() {
    long rw = c.sizeRw() == null ? 0 : c.sizeRw();
    long rootfs = c.sizeRootFs() == null ? 0 : c.sizeRootFs();
    String srw = Units.humanSizeWithPrecision(rw, 3);
    if (rootfs > 0) {
      return srw + " (virtual " + Units.humanSizeWithPrecision(rootfs, 3) + ")";
    }
    return srw;
  }

  public String labels() {
    if (c.labels() == null) {
      return "";
    }
    List<String> l = new ArrayList<>();
    new TreeMap<>(c.labels()).forEach((k, v) -> l.add(k + "=" + v));
    return String.join(",", l);
  }

  public String label(String name) {
    if (c.labels() == null) {
      return "";
    }
    String v = c.labels().get(name);
    return v == null ? "" : v;
  }

  public String localVolumes() {
    int n = 0;
    if (c.mounts() != null) {
      for (ContainerInspect.MountPoint m : c.mounts()) {
        if ("volume".equals(m.type())) {
          n++;
        }
      }
    }
    return Integer.toString(n);
  }

  public String mounts() {
    List<String> out = new ArrayList<>();
    if (c.mounts() != null) {
      for (ContainerInspect.MountPoint m : c.mounts()) {
        String name = m.name() == null || m.name().isEmpty() ? nz(m.source()) : m.name();
        out.add(trunc ? Formatter.ellipsis(name, 15) : name);
      }
    }
    return String.join(",", out);
  }

  public String networks() {
    if (c.networkSettings() == null) {
      return "";
    }
    Object nets = c.networkSettings().get("Networks");
    if (!(nets instanceof Map<?, ?> m)) {
      return "";
    }
    TreeSet<String> names = new TreeSet<>();
    for (Object k : m.keySet()) {
      names.add(String.valueOf(k));
    }
    return String.join(",", names);
  }

  public String ports() {
    return displayablePorts(c.ports());
  }

  private record Port(String ip, int privatePort, int publicPort, String type) {}

  /** Docker's DisplayablePorts: groups consecutive ports, then host mappings. */
  public static String displayablePorts(List<Map<String, Object>> raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    List<Port> ports = new ArrayList<>();
    for (Map<String, Object> p : raw) {
      ports.add(new Port(str(p.get("IP")), num(p.get("PrivatePort")), num(p.get("PublicPort")), str(p.get("Type"))));
    }
    ports.sort(Comparator.comparingInt(Port::privatePort).thenComparing(Port::ip)
        .thenComparingInt(Port::publicPort).thenComparing(Port::type));
    Map<String, int[]> groups = new LinkedHashMap<>();
    List<String> result = new ArrayList<>();
    List<String> hostMappings = new ArrayList<>();
    for (Port port : ports) {
      int current = port.privatePort();
      String key = port.type();
      if (!port.ip().isEmpty()) {
        if (port.publicPort() != current) {
          String host = port.ip().contains(":") ? "[" + port.ip() + "]" : port.ip();
          hostMappings.add(host + ":" + port.publicPort() + "->" + port.privatePort() + "/" + port.type());
          continue;
        }
        key = port.ip() + "/" + port.type();
      }
      int[] g = groups.get(key);
      if (g == null) {
        groups.put(key, new int[] {current, current});
        continue;
      }
      if (current == g[1] + 1) {
        g[1] = current;
        continue;
      }
      result.add(formGroup(key, g[0], g[1]));
      groups.put(key, new int[] {current, current});
    }
    groups.forEach((k, g) -> result.add(formGroup(k, g[0], g[1])));
    result.addAll(hostMappings);
    return String.join(", ", result);
  }

  private static String formGroup(String key, int start, int last) {
    String[] parts = key.split("/", -1);
    String type = parts[0];
    String ip = "";
    if (parts.length > 1) {
      ip = parts[0];
      type = parts[1];
    }
    String group = Integer.toString(start);
    if (start != last) {
      group = group + "-" + last;
    }
    if (!ip.isEmpty()) {
      group = ip + ":" + group + "->" + group;
    }
    return group + "/" + type;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static int num(Object o) {
    return o instanceof Number n ? n.intValue() : 0;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
