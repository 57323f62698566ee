package dev.berth.cli.format;

import dev.berth.api.HumanDuration;
import dev.berth.api.image.ImageSummary;
import dev.berth.client.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of {@code images}: the docker CLI's formatter.imageContext (one per repository:tag). */
public final class ImageContext implements TemplateObject {

  public static final String DEFAULT_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
  public static final String DIGEST_TABLE =
      "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
  public static final String QUIET = "{{.ID}}";

  public static final Map<String, String> HEADERS = Map.ofEntries(
      Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"),
      Map.entry("Digest", "DIGEST"), Map.entry("CreatedSince", "CREATED"), Map.entry("CreatedAt", "CREATED AT"),
      Map.entry("Size", "SIZE"), Map.entry("Containers", "CONTAINERS"), Map.entry("VirtualSize", "VIRTUAL SIZE"),
      Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"),
      Map.entry("Label", "LABEL"), Map.entry("Labels", "LABELS"));

  private final ImageSummary i;
  private final String repo;
  private final String tag;
  private final String digest;
  private final boolean trunc;
  private final Instant now;

  public ImageContext(ImageSummary i, String repo, String tag, String digest, boolean trunc, Instant now) {
    this.i = i;
    this.repo = repo;
    this.tag = tag;
    this.digest = digest;
    this.trunc = trunc;
    this.now = now;
  }

  /** The format docker uses for {@code images}. */
  public static String resolveFormat(String format, boolean quiet, boolean digests) {
    if (format == null || format.isEmpty() || format.equals(Formatter.TABLE)) {
      if (quiet) {
        return QUIET;
      }
      return digests ? DIGEST_TABLE : DEFAULT_TABLE;
    }
    if (format.equals("raw")) {
      if (quiet) {
        return "image_id: {{.ID}}";
      }
      return digests
          ? "repository: {{ .Repository }}\\ntag: {{.Tag}}\\ndigest: {{.Digest}}\\nimage_id: {{.ID}}\\n"
              + "created_at: {{.CreatedAt}}\\nvirtual_size: {{.Size}}\\n"
          : "repository: {{ .Repository }}\\ntag: {{.Tag}}\\nimage_id: {{.ID}}\\ncreated_at: {{.CreatedAt}}\\n"
              + "virtual_size: {{.Size}}\\n";
    }
    if (quiet) {
      return QUIET;
    }
    return format.equals(Formatter.JSON) ? Formatter.JSON_FORMAT : format;
  }

  /** Expands images into rows as docker does: one per tag (and digest), {@code <none>} for dangling. */
  public static List<ImageContext> rows(List<ImageSummary> images, boolean showDigests, boolean trunc, Instant now) {
    List<ImageContext> out = new ArrayList<>();
    for (ImageSummary img : images) {
      List<String> tags = img.repoTags() == null ? List.of() : img.repoTags();
      List<String> digests = img.repoDigests() == null ? List.of() : img.repoDigests();
      boolean dangling = tags.isEmpty() && digests.isEmpty()
          || tags.size() == 1 && tags.get(0).equals("<none>:<none>") && digests.size() == 1
              && digests.get(0).equals("<none>@<none>");
      if (dangling) {
        out.add(new ImageContext(img, "<none>", "<none>", "<none>", trunc, now));
        continue;
      }
      Map<String, List<String>> repoTags = new LinkedHashMap<>();
      Map<String, List<String>> repoDigests = new LinkedHashMap<>();
      for (String t : tags) {
        ImageReference r = ImageReference.tryParse(t);
        if (r != null && r.tag() != null) {
          repoTags.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.tag());
        }
      }
      for (String d : digests) {
        ImageReference r = ImageReference.tryParse(d);
        if (r != null && r.digest() != null) {
          repoDigests.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.digest());
        }
      }
      for (Map.Entry<String, List<String>> e : repoTags.entrySet()) {
        List<String> ds = repoDigests.remove(e.getKey());
        if (!showDigests) {
          ds = null;
        }
        for (String t : e.getValue()) {
          if (ds == null || ds.isEmpty()) {
            out.add(new ImageContext(img, e.getKey(), t, "<none>", trunc, now));
            continue;
          }
          for (String d : ds) {
            out.add(new ImageContext(img, e.getKey(), t, d, trunc, now));
          }
        }
      }
      for (Map.Entry<String, List<String>> e : repoDigests.entrySet()) {
        if (showDigests) {
          for (String d : e.getValue()) {
            out.add(new ImageContext(img, e.getKey(), "<none>", d, trunc, now));
          }
        } else {
          out.add(new ImageContext(img, e.getKey(), "<none>", "", trunc, now));
        }
      }
    }
    return out;
  }

  @Override
  public Object field(String name, List<Object> args) throws TemplateException {
    if (name.equals("Label")) {
      if (args.size() != 1) {
        throw new TemplateException("wrong number of args for Label: want 1 got " + args.size(), false);
      }
      String v = i.labels() == null ? null : i.labels().get(String.valueOf(args.get(0)));
      return v == null ? "" : v;
    }
    if (!args.isEmpty()) {
      throw new TemplateException("wrong number of args for " + name + ": want 0 got " + args.size(), false);
    }
    Map<String, Object> f = jsonFields();
    if (name.equals("Labels")) {
      return labels();
    }
    if (!f.containsKey(name)) {
      throw new TemplateException("can't evaluate field " + name + " in type *formatter.imageContext", false);
    }
    return f.get(name);
  }

  private String labels() {
    if (i.labels() == null) {
      return "";
    }
    List<String> l = new ArrayList<>();
    new java.util.TreeMap<>(i.labels()).forEach((k, v) -> l.add(k + "=" + v));
    return String.join(",", l);
  }

  @Override
  public Map<String, Object> jsonFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Containers", i.containers() == -1 ? "N/A" : Long.toString(i.containers()));
    m.put("CreatedAt", GoTime.string(Instant.ofEpochSecond(i.created())));
    m.put("CreatedSince", HumanDuration.of(Duration.between(Instant.ofEpochSecond(i.created()), now)) + " ago");
    m.put("Digest", digest);
    m.put("ID", trunc ? Formatter.truncateId(i.id()) : i.id());
    m.put("Repository", repo);
    m.put("SharedSize", i.sharedSize() == -1 ? "N/A" : Units.humanSize(i.sharedSize()));
    m.put("Size", Units.humanSizeWithPrecision(i.size(), 3));
    m.put("Tag", tag);
    m.put("UniqueSize", i.sharedSize() == -1 || i.size() == -1 ? "N/A" : Units.humanSize(i.size() - i.sharedSize()));
    m.put("VirtualSize", Units.humanSize(i.size()));
    return m;
  }

  @Override
  public String typeName() {
    return "*formatter.imageContext";
  }
}
