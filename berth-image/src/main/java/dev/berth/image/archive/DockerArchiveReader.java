package dev.berth.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.content.Digest;
import dev.berth.image.MediaTypes;
import dev.berth.image.Reference;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Reads what {@code docker load} takes: a docker-archive ({@code manifest.json} naming each image's
 * config, layers and tags, in the legacy layout of older Dockers or the blob layout of newer ones)
 * or a plain OCI image layout ({@code index.json}), either possibly gzip, bzip2 or xz compressed.
 *
 * <p>An archive's files come in any order, so they are first unpacked into a private directory.
 * Entry names are kept inside it ({@code ..} and absolute names are refused), and every path the
 * archive's own files name is resolved inside it too, symlinks included (older Dockers link a layer
 * that two images share from one image's directory to the other's).
 */
public final class DockerArchiveReader {

  /** An image the archive holds: config bytes, layer files lowest first (tars, maybe compressed), tags. */
  public record ArchivedImage(byte[] config, List<Path> layers, List<Reference> tags) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  private DockerArchiveReader(Path dir) {
    this.dir = dir;
  }

  /** Unpacks {@code archive} into {@code dir} (an empty private directory) and lists its images. */
  public static List<ArchivedImage> read(InputStream archive, Path dir) throws IOException {
    DockerArchiveReader reader = new DockerArchiveReader(dir.toRealPath());
    reader.unpack(archive);
    return reader.images();
  }

  private void unpack(InputStream archive) throws IOException {
    InputStream in = decompressed(new BufferedInputStream(archive, 1 << 16));
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      Path target = inside(entry.getName());
      requireNoSymlinkOnTheWay(target, entry.getName());
      if (entry.isDirectory()) {
        Files.createDirectories(target);
      } else if (entry.isSymbolicLink()) {
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      } else if (entry.isLink()) {
        Files.createDirectories(target.getParent());
        Files.createLink(target, resolve(entry.getLinkName()));
      } else if (entry.isFile()) {
        Files.createDirectories(target.getParent());
        Files.copy(tar, target);
      }
    }
  }

  private static InputStream decompressed(BufferedInputStream in) throws IOException {
    try {
      String format = CompressorStreamFactory.detect(in);
      return new CompressorStreamFactory().createCompressorInputStream(format, in);
    } catch (CompressorException notCompressed) {
      return in;
    }
  }

  private List<ArchivedImage> images() throws IOException {
    if (Files.exists(dir.resolve("manifest.json"))) {
      return fromManifestJson();
    }
    if (Files.exists(dir.resolve("index.json"))) {
      return fromIndex();
    }
    throw new InvalidArgumentException("invalid archive: it has neither manifest.json nor index.json");
  }

  private List<ArchivedImage> fromManifestJson() throws IOException {
    List<ArchivedImage> images = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(dir.resolve("manifest.json").toFile())) {
      byte[] config = Files.readAllBytes(resolve(entry.path("Config").asText()));
      List<Path> layers = new ArrayList<>();
      for (JsonNode layer : entry.path("Layers")) {
        layers.add(resolve(layer.asText()));
      }
      List<Reference> tags = new ArrayList<>();
      for (JsonNode tag : entry.path("RepoTags")) {
        tags.add(Reference.parseWithDefaultTag(tag.asText()));
      }
      images.add(new ArchivedImage(config, List.copyOf(layers), List.copyOf(tags)));
    }
    return List.copyOf(images);
  }

  private List<ArchivedImage> fromIndex() throws IOException {
    List<ArchivedImage> images = new ArrayList<>();
    for (JsonNode descriptor : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
      JsonNode manifest = manifestFor(descriptor);
      byte[] config = Files.readAllBytes(blob(manifest.path("config").path("digest").asText()));
      List<Path> layers = new ArrayList<>();
      for (JsonNode layer : manifest.path("layers")) {
        layers.add(blob(layer.path("digest").asText()));
      }
      Optional<Reference> tag = Optional.ofNullable(descriptor.path("annotations").path("io.containerd.image.name")
          .textValue()).map(Reference::parseWithDefaultTag);
      images.add(new ArchivedImage(config, List.copyOf(layers), tag.map(List::of).orElse(List.of())));
    }
    return List.copyOf(images);
  }

  /** The image manifest a descriptor names; for an index, its linux/amd64 manifest. */
  private JsonNode manifestFor(JsonNode descriptor) throws IOException {
    JsonNode node = JSON.readTree(blob(descriptor.path("digest").asText()).toFile());
    String mediaType = node.path("mediaType").asText(descriptor.path("mediaType").asText());
    if (!MediaTypes.isIndex(mediaType)) {
      return node;
    }
    for (JsonNode child : node.path("manifests")) {
      JsonNode platform = child.path("platform");
      if (platform.path("os").asText().equals("linux") && platform.path("architecture").asText().equals("amd64")) {
        return manifestFor(child);
      }
    }
    throw new InvalidArgumentException("invalid archive: index " + descriptor.path("digest").asText()
        + " has no linux/amd64 image");
  }

  private Path blob(String digest) throws IOException {
    return resolve("blobs/sha256/" + Digest.parse(digest).hex());
  }

  /** Where an entry named {@code name} goes; refuses names that would leave the directory. */
  private Path inside(String name) {
    Path relative = Path.of(name).normalize();
    if (relative.isAbsolute() || relative.startsWith("..")) {
      throw new InvalidArgumentException("invalid archive: entry \"" + name + "\" escapes the archive");
    }
    return dir.resolve(relative);
  }

  /** Writing through a symlink the archive made could land anywhere; its entries may only name real directories. */
  private void requireNoSymlinkOnTheWay(Path target, String name) {
    for (Path on = target.getParent(); on != null && on.startsWith(dir) && !on.equals(dir); on = on.getParent()) {
      if (Files.isSymbolicLink(on)) {
        throw new InvalidArgumentException("invalid archive: entry \"" + name + "\" goes through a symlink");
      }
    }
  }

  /** An existing file the archive names, after following its symlinks, which must stay inside. */
  private Path resolve(String name) throws IOException {
    Path real;
    try {
      real = inside(name).toRealPath();
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("invalid archive: it names \"" + name + "\" but does not hold it", e);
    }
    if (!real.startsWith(dir) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("invalid archive: \"" + name + "\" is not a file inside the archive");
    }
    return real;
  }
}
