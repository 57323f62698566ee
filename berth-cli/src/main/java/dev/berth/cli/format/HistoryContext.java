package dev.berth.cli.format;

import dev.berth.api.HumanDuration;
import dev.berth.api.image.ImageHistoryItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of {@code history}: the docker CLI's formatter.historyContext. */
public final class HistoryContext implements TemplateObject {

  public static final String HUMAN_TABLE =
      "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  public static final String RAW_TABLE = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  public static final String QUIET = "{{.ID}}";

  public static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt",
      "CREATED AT", "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

  /** The docker CLI cuts CREATED BY to this many cells unless told not to truncate. */
  private static final int CREATED_BY_WIDTH = 45;
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private final ImageHistoryItem item;
  private final boolean trunc;
  private final boolean human;
  private final Instant now;

  public HistoryContext(ImageHistoryItem item, boolean trunc, boolean human, Instant now) {
    this.item = item;
    this.trunc = trunc;
    this.human = human;
    this.now = now;
  }

  /** The format docker uses for {@code history}. */
  public static String resolveFormat(String format, boolean quiet, boolean human) {
    if (quiet) {
      return QUIET;
    }
    if (format == null || format.isEmpty() || format.equals(Formatter.TABLE)) {
      return human ? HUMAN_TABLE : RAW_TABLE;
    }
    return format.equals(Formatter.JSON) ? Formatter.JSON_FORMAT : format;
  }

  @Override
  public Object field(String name, List<Object> args) throws TemplateException {
    if (!args.isEmpty()) {
      throw new TemplateException("wrong number of args for " + name + ": want 0 got " + args.size(), false);
    }
    Map<String, Object> fields = jsonFields();
    if (!fields.containsKey(name)) {
      throw new TemplateException("can't evaluate field " + name + " in type *formatter.historyContext", false);
    }
    return fields.get(name);
  }

  @Override
  public Map<String, Object> jsonFields() {
    Instant created = Instant.ofEpochSecond(item.created());
    String createdAt = RFC3339.format(created.atZone(ZoneId.systemDefault()));
    String createdBy = item.createdBy().replace('\t', ' ');
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Comment", item.comment());
    m.put("CreatedAt", createdAt);
    m.put("CreatedBy", trunc ? Formatter.ellipsis(createdBy, CREATED_BY_WIDTH) : createdBy);
    m.put("CreatedSince", human ? HumanDuration.of(Duration.between(created, now)) + " ago" : createdAt);
    m.put("ID", trunc ? Formatter.truncateId(item.id()) : item.id());
    m.put("Size", human ? Units.humanSizeWithPrecision(item.size(), 3) : Long.toString(item.size()));
    return m;
  }

  @Override
  public String typeName() {
    return "*formatter.historyContext";
  }
}
