package dev.berth.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.ApiJson;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.content.ContentStore;
import dev.berth.content.Digest;
import dev.berth.sys.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local images and their tags. Configs live in the content store; this store keeps which configs
 * are images ({@code images/<hex>}, written only once the image's layers are in place), the image each
 * was made from when it was made here ({@code parents/<hex>}, as Docker keeps it for commits and builds)
 * and the tag map ({@code repositories.json}, rewritten atomically on every change).
 */
public final class ImageStore {

  private static final ObjectMapper JSON = ApiJson.mapper();
  private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{1,64}");

  private final ContentStore content;
  private final Path imagesDir;
  private final Path repositoriesFile;
  private final Path parentsDir;
  private final Map<Digest, ImageConfig> configs = new ConcurrentHashMap<>();
  private final Map<Digest, Digest> parents = new ConcurrentHashMap<>();
  private final Map<Digest, Instant> lastTagTimes = new ConcurrentHashMap<>();
  private final Map<String, Digest> tags = new TreeMap<>();

  public ImageStore(Path root, ContentStore content) {
    this.content = content;
    this.imagesDir = root.resolve("images");
    this.repositoriesFile = root.resolve("repositories.json");
    this.parentsDir = root.resolve("parents");
    try {
      Files.createDirectories(imagesDir);
      Files.createDirectories(parentsDir);
      load();
    } catch (IOException e) {
      throw new InternalException("cannot load image store at " + root, e);
    }
  }

  private void load() throws IOException {
    try (Stream<Path> entries = Files.list(imagesDir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          Files.deleteIfExists(entry);
          continue;
        }
        Digest id = new Digest(name);
        configs.put(id, JSON.readValue(content.read(id), ImageConfig.class));
        String lastTag = Files.readString(entry).strip();
        if (!lastTag.isEmpty()) {
          lastTagTimes.put(id, Instant.parse(lastTag));
        }
        Path parent = parentsDir.resolve(name);
        if (Files.exists(parent)) {
          parents.put(id, Digest.parse(Files.readString(parent).strip()));
        }
      }
    }
    if (Files.exists(repositoriesFile)) {
      Map<String, String> saved = JSON.readValue(repositoriesFile.toFile(), new TypeReference<>() {});
      saved.forEach((reference, id) -> {
        Digest digest = Digest.parse(id);
        if (configs.containsKey(digest)) {
          tags.put(reference, digest);
        }
      });
    }
  }

  /** Registers an image whose layers are already unpacked; returns its ID. Adding an existing image is harmless. */
  public Digest add(byte[] configBytes) {
    return add(configBytes, Optional.empty());
  }

  /** As {@link #add(byte[])}, for an image made here from {@code parent} (a commit, a build step). */
  public Digest add(byte[] configBytes, Optional<Digest> parent) {
    ImageConfig config;
    try {
      config = JSON.readValue(configBytes, ImageConfig.class);
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid image config: " + e.getMessage(), e);
    }
    Digest id = content.write(configBytes);
    synchronized (this) {
      if (!configs.containsKey(id)) {
        if (parent.isPresent()) {
          requireImage(parent.get());
          writeParent(id, parent.get());
        }
        writeMarker(id);
        configs.put(id, config);
      }
    }
    return id;
  }

  /** Points {@code reference} (given a default tag if it has none) at an image; returns the stored reference. */
  public synchronized Reference tag(Digest id, Reference reference) {
    requireImage(id);
    if (reference.digest().isPresent()) {
      throw new InvalidArgumentException("refusing to create a tag with a digest reference");
    }
    Reference tagged = reference.tag().isPresent() ? reference
        : new Reference(reference.domain(), reference.path(), Optional.of(Reference.DEFAULT_TAG), Optional.empty());
    Map<String, Digest> next = new TreeMap<>(tags);
    next.put(tagged.familiar(), id);
    saveTags(next);
    lastTagTimes.put(id, Instant.now());
    writeMarker(id);
    return tagged;
  }

  /** Removes one tag; returns the image it pointed at. */
  public synchronized Digest untag(Reference reference) {
    Digest id = tags.get(reference.familiar());
    if (id == null) {
      throw new NotFoundException("No such image: " + reference.familiar());
    }
    Map<String, Digest> next = new TreeMap<>(tags);
    next.remove(reference.familiar());
    saveTags(next);
    return id;
  }

  /** Forgets an image that has no tags left; its config blob goes with it. */
  public synchronized void remove(Digest id) {
    if (tags.containsValue(id)) {
      throw new ConflictException("image " + id.shortHex() + " is still tagged");
    }
    try {
      Files.deleteIfExists(imagesDir.resolve(id.hex()));
      AtomicFiles.syncDirectory(imagesDir);
      Files.deleteIfExists(parentsDir.resolve(id.hex()));
    } catch (IOException e) {
      throw new InternalException("cannot remove image " + id, e);
    }
    configs.remove(id);
    parents.remove(id);
    lastTagTimes.remove(id);
    content.delete(id);
  }

  /**
   * Finds an image the way Docker does: a tag (default {@code latest}), a digest reference, a full ID with
   * or without {@code sha256:}, or a unique ID prefix.
   */
  public Image resolve(String nameOrId) {
    return find(nameOrId).orElseThrow(() -> new NotFoundException("No such image: " + nameOrId));
  }

  public Optional<Image> find(String nameOrId) {
    String hex = nameOrId.startsWith("sha256:") ? nameOrId.substring("sha256:".length()) : nameOrId;
    if (HEX_PREFIX.matcher(hex).matches()) {
      Optional<Digest> byId = findByIdPrefix(hex);
      if (byId.isPresent() && (hex.length() == 64 || nameOrId.startsWith("sha256:") || !isTag(nameOrId))) {
        return byId.map(this::image);
      }
    }
    if (nameOrId.startsWith("sha256:")) {
      return Optional.empty();
    }
    Reference reference;
    try {
      reference = Reference.parseWithDefaultTag(nameOrId);
    } catch (InvalidArgumentException notAReference) {
      return Optional.empty();
    }
    Digest id;
    synchronized (this) {
      id = tags.get(reference.familiar());
    }
    return Optional.ofNullable(id).map(this::image);
  }

  private boolean isTag(String name) {
    try {
      Reference reference = Reference.parseWithDefaultTag(name);
      synchronized (this) {
        return tags.containsKey(reference.familiar());
      }
    } catch (InvalidArgumentException notAReference) {
      return false;
    }
  }

  private Optional<Digest> findByIdPrefix(String hexPrefix) {
    List<Digest> matches = configs.keySet().stream().filter(id -> id.hex().startsWith(hexPrefix)).toList();
    if (matches.size() > 1) {
      throw new ConflictException("short ID " + hexPrefix + " is ambiguous: it matches " + matches.size() + " images");
    }
    return matches.stream().findFirst();
  }

  public Image image(Digest id) {
    ImageConfig config = configs.get(id);
    if (config == null) {
      throw new NotFoundException("No such image: " + id);
    }
    List<Reference> imageTags = new ArrayList<>();
    synchronized (this) {
      tags.forEach((reference, target) -> {
        if (target.equals(id)) {
          imageTags.add(Reference.parse(reference));
        }
      });
    }
    return new Image(id, config, imageTags, Optional.ofNullable(lastTagTimes.get(id)),
        Optional.ofNullable(parents.get(id)).filter(configs::containsKey));
  }

  /** The image's config exactly as stored: its sha256 is the image's ID. */
  public byte[] configBytes(Digest id) {
    requireImage(id);
    return content.read(id);
  }

  /** The images made here from {@code id}. */
  public List<Digest> children(Digest id) {
    return parents.entrySet().stream().filter(entry -> entry.getValue().equals(id)).map(Map.Entry::getKey).toList();
  }

  /** Every image, newest first. */
  public List<Image> list() {
    return configs.keySet().stream().map(this::image)
        .sorted(Comparator.comparing((Image image) -> image.config().created(),
            Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  private void requireImage(Digest id) {
    if (!configs.containsKey(id)) {
      throw new NotFoundException("No such image: " + id);
    }
  }

  private void writeMarker(Digest id) {
    Instant lastTag = lastTagTimes.get(id);
    try {
      AtomicFiles.write(imagesDir.resolve(id.hex()), (lastTag == null ? "" : lastTag.toString()).getBytes());
    } catch (IOException e) {
      throw new InternalException("cannot record image " + id, e);
    }
  }

  private void writeParent(Digest id, Digest parent) {
    try {
      AtomicFiles.write(parentsDir.resolve(id.hex()), parent.toString().getBytes());
    } catch (IOException e) {
      throw new InternalException("cannot record the parent of image " + id, e);
    }
    parents.put(id, parent);
  }

  private void saveTags(Map<String, Digest> next) {
    Map<String, String> serial = new LinkedHashMap<>();
    next.forEach((reference, id) -> serial.put(reference, id.toString()));
    try {
      AtomicFiles.write(repositoriesFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(serial));
    } catch (IOException e) {
      throw new InternalException("cannot save image tags to " + repositoriesFile, e);
    }
    tags.clear();
    tags.putAll(next);
  }
}
