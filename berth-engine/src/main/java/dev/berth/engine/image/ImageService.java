package dev.berth.engine.image;

import dev.berth.api.ApiJson;
import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerInspect.GraphDriver;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.image.ImageDeleteItem;
import dev.berth.api.image.ImageHistoryItem;
import dev.berth.api.image.ImageInspect;
import dev.berth.api.image.ImageSummary;
import dev.berth.content.Digest;
import dev.berth.engine.Filters;
import dev.berth.engine.events.EventBus;
import dev.berth.image.ConfigChanges;
import dev.berth.image.Image;
import dev.berth.image.ImageConfig;
import dev.berth.image.ImageStore;
import dev.berth.image.Reference;
import dev.berth.image.archive.DockerArchiveReader;
import dev.berth.image.archive.DockerArchiveWriter;
import dev.berth.snapshot.Snapshot;
import dev.berth.snapshot.Snapshotter;
import dev.berth.sys.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The images a user sees: import, list, inspect, tag and remove, over the image store and the snapshotter. */
public final class ImageService {

  private static final Set<String> LIST_FILTERS = Set.of("dangling", "reference", "label", "before", "since");

  /** Tells the image service which images containers use, so it can refuse to delete them. */
  public interface ImageUsers {
    /** The IDs of containers using the image, each with whether it is running. */
    Map<String, Boolean> containersUsing(Digest imageId);

    /** Layer chains that containers still have mounted or may mount again. */
    Set<String> chainsInUse();
  }

  private final ImageStore store;
  private final Snapshotter snapshotter;
  private final String dockerVersion;
  private volatile ImageUsers users;

  private final EventBus events;

  /** Where {@code load} unpacks archives; emptied at start, as a crash may leave one half unpacked. */
  private final Path scratch;

  public ImageService(ImageStore store, Snapshotter snapshotter, Path scratch, String dockerVersion,
      EventBus events) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.scratch = scratch;
    try {
      Trees.deleteContents(scratch);
    } catch (IOException e) {
      throw new InternalException("cannot empty the image scratch directory " + scratch, e);
    }
    this.dockerVersion = dockerVersion;
    this.events = events;
  }

  /** Docker's image event: the image's labels and a {@code name}, the tag or ID the action concerns. */
  private void publish(Image image, String action, String name) {
    Map<String, String> attributes = new TreeMap<>(labels(image));
    attributes.put("name", name);
    events.publish("image", action, image.id().toString(), attributes);
  }

  /** Must be called before images are removed; the container service is made after the image service. */
  public void setUsers(ImageUsers users) {
    this.users = users;
  }

  /** {@code docker import}: one layer from a tar (plain or compressed), a config from the changes. */
  public Digest importImage(InputStream tar, Optional<String> repository, Optional<String> tag, List<String> changes,
      String message) {
    Optional<Reference> target = repository.filter(r -> !r.isEmpty())
        .map(repo -> Reference.parse(tag.filter(t -> !t.isEmpty()).map(t -> repo + ":" + t).orElse(repo)));
    ContainerConfig config = ConfigChanges.apply(ContainerConfig.empty(), changes);
    Snapshot layer = snapshotter.unpack(tar, Optional.empty());
    String comment = message == null || message.isEmpty() ? "Imported from -" : message;
    String created = Instant.now().toString();
    ImageConfig imageConfig = new ImageConfig("amd64", null, comment, config, created, dockerVersion,
        List.of(new ImageConfig.History(created, null, null, comment, null)), "linux",
        new ImageConfig.RootFs("layers", List.of(layer.diffId())));
    Digest id = store.add(serialize(imageConfig));
    publish(store.image(id), "import", id.toString());
    target.ifPresent(reference -> {
      Reference tagged = store.tag(id, reference);
      publish(store.image(id), "tag", tagged.familiar());
    });
    return id;
  }

  /**
   * {@code docker commit}: one more layer on a container's layers, read from {@code layer}, and an
   * image config that carries the container's config, the base image's history and a new entry.
   */
  public Digest commit(InputStream layer, List<String> baseChain, Optional<Image> base, ContainerConfig config,
      String createdBy, String comment, String author, Optional<Reference> target) {
    Snapshot top = snapshotter.unpack(layer,
        baseChain.isEmpty() ? Optional.empty() : Optional.of(baseChain.getLast()));
    List<String> diffIds = new ArrayList<>();
    baseChain.forEach(chainId -> diffIds.add(snapshotter.get(chainId).diffId()));
    diffIds.add(top.diffId());
    String created = Instant.now().toString();
    List<ImageConfig.History> history = new ArrayList<>(base.map(image -> image.config().history())
        .filter(h -> h != null).orElse(List.of()));
    history.add(new ImageConfig.History(created, createdBy, emptyToNull(author), emptyToNull(comment), null));
    ImageConfig imageConfig = new ImageConfig("amd64", emptyToNull(author), emptyToNull(comment), config, created,
        dockerVersion, history, "linux", new ImageConfig.RootFs("layers", diffIds));
    Digest id = store.add(serialize(imageConfig), base.map(Image::id));
    target.ifPresent(reference -> {
      Reference tagged = store.tag(id, reference);
      publish(store.image(id), "tag", tagged.familiar());
    });
    return id;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  public Image resolve(String nameOrId) {
    return store.resolve(nameOrId);
  }

  public Optional<Image> find(String nameOrId) {
    return store.find(nameOrId);
  }

  /** The layer chain of an image, lowest layer first. */
  public List<String> chainIds(Image image) {
    List<String> chain = new ArrayList<>();
    Optional<String> parent = Optional.empty();
    for (String diffId : image.config().rootfs().diffIds()) {
      parent = Optional.of(Snapshotter.chainId(parent, diffId));
      chain.add(parent.get());
    }
    return List.copyOf(chain);
  }

  public Path layerPath(String chainId) {
    return snapshotter.path(chainId);
  }

  public void tag(String source, String target) {
    Image image = store.resolve(source);
    Reference tagged = store.tag(image.id(), Reference.parse(target));
    publish(image, "tag", tagged.familiar());
  }

  /** {@code docker images}: intermediate images (untagged parents of others) only with {@code all}. */
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filterValues) {
    Filters filters = Filters.of(filterValues, LIST_FILTERS);
    List<Image> images = store.list().stream()
        .filter(image -> all || !image.tags().isEmpty() || store.children(image.id()).isEmpty()).toList();
    Optional<Instant> before = filters.get("before").stream().findFirst().map(name -> created(store.resolve(name)));
    Optional<Instant> since = filters.get("since").stream().findFirst().map(name -> created(store.resolve(name)));
    List<PathMatcher> references = filters.get("reference").stream()
        .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern)).toList();
    List<ImageSummary> summaries = new ArrayList<>();
    for (Image image : images) {
      if (filters.has("dangling")) {
        boolean wantDangling = Boolean.parseBoolean(filters.get("dangling").getFirst());
        boolean dangling = image.tags().isEmpty() && store.children(image.id()).isEmpty();
        if (dangling != wantDangling) {
          continue;
        }
      }
      if (!filters.matchesLabels(image.config().config() == null ? null : image.config().config().labels())) {
        continue;
      }
      if (before.isPresent() && !created(image).isBefore(before.get())
          || since.isPresent() && !created(image).isAfter(since.get())) {
        continue;
      }
      List<String> repoTags = image.repoTags();
      if (!references.isEmpty()) {
        repoTags = repoTags.stream().filter(tag -> matchesAny(references, tag)).toList();
        if (repoTags.isEmpty()) {
          continue;
        }
      }
      String parent = image.parent().map(Digest::toString).orElse("");
      summaries.add(new ImageSummary(image.id().toString(), parent, repoTags, List.of(), created(image).getEpochSecond(),
          size(image), -1, labels(image), -1));
    }
    return summaries;
  }

  /** Docker matches a reference pattern against the repository alone and against repository:tag. */
  private static boolean matchesAny(List<PathMatcher> patterns, String repoTag) {
    String repository = repoTag.substring(0, repoTag.lastIndexOf(':'));
    return patterns.stream().anyMatch(p -> p.matches(Path.of(repoTag)) || p.matches(Path.of(repository)));
  }

  public ImageInspect inspect(String nameOrId) {
    Image image = store.resolve(nameOrId);
    ImageConfig config = image.config();
    List<String> lowers = new ArrayList<>(chainIds(image).stream().map(snapshotter::path).map(Path::toString).toList());
    String upper = lowers.isEmpty() ? "" : lowers.removeLast();
    Map<String, String> driverData = lowers.isEmpty() ? Map.of("MergedDir", upper, "UpperDir", upper)
        : Map.of("LowerDir", String.join(":", lowers.reversed()), "MergedDir", upper, "UpperDir", upper);
    String parent = image.parent().map(Digest::toString).orElse("");
    return new ImageInspect(image.id().toString(), image.repoTags(), List.of(), parent, nullToEmpty(config.comment()),
        nullToEmpty(config.created()), nullToEmpty(config.dockerVersion()), nullToEmpty(config.author()),
        config.config(), config.architecture(), config.os(), size(image), new GraphDriver("overlay2", driverData),
        new ImageInspect.RootFs(config.rootfs().type(), config.rootfs().diffIds()),
        Map.of("LastTagTime", image.lastTagTime().map(Instant::toString).orElse("0001-01-01T00:00:00Z")));
  }

  /** {@code docker rmi}: untag, then delete the image once nothing refers to it, with Docker's conflict rules. */
  public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    Image image = store.resolve(nameOrId);
    Map<String, Boolean> containers = users.containersUsing(image.id());
    Optional<String> running = containers.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
        .findFirst();
    Optional<String> anyUser = containers.keySet().stream().findFirst();
    List<ImageDeleteItem> report = new ArrayList<>();
    if (isReferenceTo(nameOrId, image)) {
      Reference reference = Reference.parseWithDefaultTag(nameOrId);
      boolean lastTag = image.tags().size() == 1;
      if (lastTag && !force && anyUser.isPresent()) {
        throw new ConflictException("conflict: unable to remove repository reference \"" + nameOrId
            + "\" (must force) - container " + anyUser.get().substring(0, 12) + " is using its referenced image "
            + image.id().shortHex());
      }
      store.untag(reference);
      publish(image, "untag", image.id().toString());
      report.add(ImageDeleteItem.untagged(reference.familiar()));
      // Forcing the last tag away deletes the image too, unless a running container or a child holds it.
      if (!lastTag || running.isPresent() || !store.children(image.id()).isEmpty()) {
        return report;
      }
    } else {
      if (!store.children(image.id()).isEmpty()) {
        throw new ConflictException("conflict: unable to delete " + image.id().shortHex()
            + " (cannot be forced) - image has dependent child images");
      }
      if (running.isPresent()) {
        throw new ConflictException("conflict: unable to delete " + image.id().shortHex()
            + " (cannot be forced) - image is being used by running container " + running.get().substring(0, 12));
      }
      if (!force && image.tags().size() > 1) {
        throw new ConflictException("conflict: unable to delete " + image.id().shortHex()
            + " (must be forced) - image is referenced in multiple repositories");
      }
      if (!force && anyUser.isPresent()) {
        throw new ConflictException("conflict: unable to delete " + image.id().shortHex()
            + " (must be forced) - image is being used by stopped container " + anyUser.get().substring(0, 12));
      }
      for (Reference reference : image.tags()) {
        store.untag(reference);
        publish(image, "untag", image.id().toString());
        report.add(ImageDeleteItem.untagged(reference.familiar()));
      }
    }
    store.remove(image.id());
    publish(image, "delete", image.id().toString());
    report.add(ImageDeleteItem.deleted(image.id().toString()));
    if (!noPrune) {
      pruneLayers();
    }
    return report;
  }

  private boolean isReferenceTo(String nameOrId, Image image) {
    try {
      String familiar = Reference.parseWithDefaultTag(nameOrId).familiar();
      return image.tags().stream().anyMatch(tag -> tag.familiar().equals(familiar));
    } catch (InvalidArgumentException notAReference) {
      return false;
    }
  }

  /** Removes the snapshots no image and no container needs any more, children before their parents. */
  private void pruneLayers() {
    Set<String> needed = new HashSet<>(users.chainsInUse());
    store.list().forEach(image -> needed.addAll(chainIds(image)));
    List<Snapshot> unneeded = new ArrayList<>(snapshotter.list().stream()
        .filter(snapshot -> !needed.contains(snapshot.chainId())).toList());
    while (!unneeded.isEmpty()) {
      Set<String> parents = new HashSet<>();
      unneeded.forEach(snapshot -> snapshot.parent().ifPresent(parents::add));
      List<Snapshot> leaves = unneeded.stream().filter(snapshot -> !parents.contains(snapshot.chainId())).toList();
      leaves.forEach(leaf -> snapshotter.remove(leaf.chainId()));
      unneeded.removeAll(leaves);
    }
  }

  /**
   * {@code docker history}: the image's config history, newest first, each step that added a layer
   * with that layer's size. Steps are named by the image and its parents as far as those were made
   * here; the steps below show {@code <missing>}, as Docker shows layers made elsewhere.
   */
  public List<ImageHistoryItem> history(String nameOrId) {
    Image image = store.resolve(nameOrId);
    List<ImageConfig.History> steps = image.config().history() == null ? List.of() : image.config().history();
    List<String> chain = chainIds(image);
    List<ImageHistoryItem> items = new ArrayList<>();
    int layer = 0;
    for (ImageConfig.History step : steps) {
      boolean addsLayer = !Boolean.TRUE.equals(step.emptyLayer()) && layer < chain.size();
      long size = addsLayer ? snapshotter.get(chain.get(layer++)).size() : 0;
      long created = step.created() == null ? 0 : Instant.parse(step.created()).getEpochSecond();
      items.add(new ImageHistoryItem(ImageHistoryItem.MISSING, created, nullToEmpty(step.createdBy()), null, size,
          nullToEmpty(step.comment())));
    }
    if (items.isEmpty()) {
      items.add(new ImageHistoryItem(ImageHistoryItem.MISSING, created(image).getEpochSecond(), "", null,
          size(image), ""));
    }
    List<ImageHistoryItem> newestFirst = new ArrayList<>(items.reversed());
    // as Docker: the newest step is this image, the next its parent's, and so on while parents are known
    Optional<Image> owner = Optional.of(image);
    for (int i = 0; i < newestFirst.size() && owner.isPresent(); i++) {
      ImageHistoryItem step = newestFirst.get(i);
      Image known = owner.get();
      List<String> tags = known.repoTags().isEmpty() ? null : known.repoTags();
      newestFirst.set(i, new ImageHistoryItem(known.id().toString(), step.created(), step.createdBy(), tags,
          step.size(), step.comment()));
      owner = known.parent().flatMap(parent -> store.find(parent.toString()));
    }
    return List.copyOf(newestFirst);
  }

  /**
   * {@code docker save}: the named images as one archive (see {@link DockerArchiveWriter}). A name
   * that is a tag saves the image with that tag; an ID saves it with no tag.
   */
  public void save(List<String> names, OutputStream out) throws IOException {
    Map<Digest, List<Reference>> tagsById = new LinkedHashMap<>();
    for (String name : names) {
      Image image = store.resolve(name);
      List<Reference> tags = tagsById.computeIfAbsent(image.id(), id -> new ArrayList<>());
      if (isReferenceTo(name, image)) {
        Reference tag = Reference.parseWithDefaultTag(name);
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
    }
    List<DockerArchiveWriter.SavedImage> saved = new ArrayList<>();
    for (Map.Entry<Digest, List<Reference>> entry : tagsById.entrySet()) {
      Image image = store.image(entry.getKey());
      List<DockerArchiveWriter.Layer> layers = new ArrayList<>();
      for (String chainId : chainIds(image)) {
        Path tar = snapshotter.layerTar(chainId).orElseThrow(() -> new ConflictException("image "
            + image.id().shortHex() + ": layer " + snapshotter.get(chainId).diffId()
            + " was unpacked before berth kept layer tars; import or load the image again to save it"));
        layers.add(new DockerArchiveWriter.Layer(snapshotter.get(chainId).diffId(), tar));
      }
      saved.add(new DockerArchiveWriter.SavedImage(image.id(), store.configBytes(image.id()), layers,
          List.copyOf(entry.getValue())));
    }
    DockerArchiveWriter.write(saved, out);
    saved.forEach(image -> publish(store.image(image.id()), "save", image.id().toString()));
  }

  /**
   * {@code docker load}: every image of a docker-archive or OCI layout, each layer unpacked and
   * checked against the config's diff ids before the image is registered and tagged. Returns
   * Docker's report lines. A failure leaves no image and no layer of it behind.
   */
  public List<String> load(InputStream archive) throws IOException {
    Path dir = Files.createTempDirectory(scratch, "load-");
    try {
      List<String> report = new ArrayList<>();
      for (DockerArchiveReader.ArchivedImage archived : DockerArchiveReader.read(archive, dir)) {
        report.addAll(loadOne(archived));
      }
      return report;
    } catch (RuntimeException | IOException e) {
      pruneLayers();
      throw e;
    } finally {
      Trees.delete(dir);
    }
  }

  private List<String> loadOne(DockerArchiveReader.ArchivedImage archived) throws IOException {
    ImageConfig config = parseConfig(archived.config());
    List<String> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    if (diffIds.size() != archived.layers().size()) {
      throw new InvalidArgumentException("invalid manifest, layers length mismatch: expected " + diffIds.size()
          + ", got " + archived.layers().size());
    }
    Optional<String> parent = Optional.empty();
    for (int i = 0; i < diffIds.size(); i++) {
      String chainId = Snapshotter.chainId(parent, diffIds.get(i));
      if (!snapshotter.exists(chainId)) {
        Snapshot unpacked;
        try (InputStream layer = Files.newInputStream(archived.layers().get(i))) {
          unpacked = snapshotter.unpack(layer, parent);
        }
        if (!unpacked.diffId().equals(diffIds.get(i))) {
          throw new InvalidArgumentException("invalid diffID for layer " + i + ": expected \"" + diffIds.get(i)
              + "\", got \"" + unpacked.diffId() + "\"");
        }
      }
      parent = Optional.of(chainId);
    }
    Digest id = store.add(archived.config());
    Image image = store.image(id);
    publish(image, "load", id.toString());
    List<String> report = new ArrayList<>();
    for (Reference tag : archived.tags()) {
      Optional<Image> previous = store.find(tag.familiar()).filter(old -> !old.id().equals(id));
      previous.ifPresent(old -> report.add("The image " + tag.familiar() + " already exists, renaming the old one"
          + " with ID " + old.id() + " to empty string"));
      Reference tagged = store.tag(id, tag);
      publish(store.image(id), "tag", tagged.familiar());
      report.add("Loaded image: " + tagged.familiar());
    }
    if (archived.tags().isEmpty()) {
      report.add("Loaded image ID: " + id);
    }
    return report;
  }

  private static ImageConfig parseConfig(byte[] config) {
    try {
      return ApiJson.mapper().readValue(config, ImageConfig.class);
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid image config in archive: " + e.getMessage(), e);
    }
  }

  public int count() {
    return store.list().size();
  }

  public long size(Image image) {
    return chainIds(image).stream().map(snapshotter::get).mapToLong(Snapshot::size).sum();
  }

  private static Instant created(Image image) {
    String created = image.config().created();
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }

  private static Map<String, String> labels(Image image) {
    ContainerConfig config = image.config().config();
    return config == null || config.labels() == null ? Map.of() : config.labels();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static byte[] serialize(ImageConfig config) {
    try {
      return ApiJson.mapper().writeValueAsBytes(config);
    } catch (IOException e) {
      throw new InternalException("cannot serialise image config", e);
    }
  }
}
