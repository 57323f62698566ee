package dev.berth.image.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.content.Digest;
import dev.berth.image.MediaTypes;
import dev.berth.image.Reference;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images as {@code docker save} does since Docker 25: an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...} with uncompressed layers) that also carries the
 * docker-archive files older tools read ({@code manifest.json}, {@code repositories}), naming the
 * same blobs. Every blob is written once however many images share it; entries are dated at the
 * epoch so the same images always give the same archive.
 */
public final class DockerArchiveWriter {

  /** One layer of an image: its diff id and its uncompressed tar. */
  public record Layer(String diffId, Path tar) {}

  /** One image to save: its config bytes (whose digest is its ID), its layers lowest first, its tags. */
  public record SavedImage(Digest id, byte[] config, List<Layer> layers, List<Reference> tags) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

  private final TarArchiveOutputStream tar;
  private final Set<String> written = new HashSet<>();

  private DockerArchiveWriter(OutputStream out) {
    this.tar = new TarArchiveOutputStream(out);
    this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** Writes the archive and finishes it; {@code out} stays open. */
  public static void write(List<SavedImage> images, OutputStream out) throws IOException {
    new DockerArchiveWriter(out).writeAll(images);
  }

  private void writeAll(List<SavedImage> images) throws IOException {
    directory("blobs/");
    directory("blobs/sha256/");
    ArrayNode manifests = JSON.createArrayNode();
    ArrayNode indexEntries = JSON.createArrayNode();
    Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
    for (SavedImage image : images) {
      blob(image.id().hex(), image.config());
      ObjectNode ociManifest = JSON.createObjectNode();
      ociManifest.put("schemaVersion", 2);
      ociManifest.put("mediaType", MediaTypes.OCI_MANIFEST);
      ociManifest.set("config", descriptor(MediaTypes.OCI_CONFIG, image.id().toString(), image.config().length));
      ArrayNode layerDescriptors = ociManifest.putArray("layers");
      ObjectNode legacy = manifests.addObject();
      legacy.put("Config", blobPath(image.id().hex()));
      ArrayNode repoTags = legacy.putArray("RepoTags");
      ArrayNode layerPaths = legacy.putArray("Layers");
      for (Layer layer : image.layers()) {
        String hex = Digest.parse(layer.diffId()).hex();
        layerBlob(hex, layer.tar());
        layerPaths.add(blobPath(hex));
        layerDescriptors.add(descriptor(MediaTypes.OCI_LAYER, layer.diffId(), Files.size(layer.tar())));
      }
      byte[] manifestBytes = JSON.writeValueAsBytes(ociManifest);
      Digest manifestDigest = Digest.of(manifestBytes);
      blob(manifestDigest.hex(), manifestBytes);
      if (image.tags().isEmpty()) {
        indexEntries.add(descriptor(MediaTypes.OCI_MANIFEST, manifestDigest.toString(), manifestBytes.length));
      }
      for (Reference tag : image.tags()) {
        repoTags.add(tag.familiar());
        ObjectNode entry = descriptor(MediaTypes.OCI_MANIFEST, manifestDigest.toString(), manifestBytes.length);
        ObjectNode annotations = entry.putObject("annotations");
        annotations.put("io.containerd.image.name", tag.toString());
        annotations.put("org.opencontainers.image.ref.name", tag.tag().orElse(Reference.DEFAULT_TAG));
        indexEntries.add(entry);
        if (!image.layers().isEmpty()) {
          repositories.computeIfAbsent(tag.familiarName(), name -> new LinkedHashMap<>())
              .put(tag.tag().orElse(Reference.DEFAULT_TAG), Digest.parse(image.layers().getLast().diffId()).hex());
        }
      }
    }
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.set("manifests", indexEntries);
    file("index.json", JSON.writeValueAsBytes(index));
    file("manifest.json", JSON.writeValueAsBytes(manifests));
    file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
    if (!repositories.isEmpty()) {
      file("repositories", JSON.writeValueAsBytes(repositories));
    }
    tar.finish();
    tar.flush();
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", size);
    return node;
  }

  private static String blobPath(String hex) {
    return "blobs/sha256/" + hex;
  }

  private void blob(String hex, byte[] content) throws IOException {
    if (written.add(hex)) {
      file(blobPath(hex), content);
    }
  }

  private void layerBlob(String hex, Path layerTar) throws IOException {
    if (!written.add(hex)) {
      return;
    }
    TarArchiveEntry entry = entry(blobPath(hex), TarArchiveEntry.DEFAULT_FILE_MODE);
    entry.setSize(Files.size(layerTar));
    tar.putArchiveEntry(entry);
    Files.copy(layerTar, tar);
    tar.closeArchiveEntry();
  }

  private void file(String name, byte[] content) throws IOException {
    TarArchiveEntry entry = entry(name, TarArchiveEntry.DEFAULT_FILE_MODE);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private void directory(String name) throws IOException {
    tar.putArchiveEntry(entry(name, TarArchiveEntry.DEFAULT_DIR_MODE));
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(mode);
    entry.setModTime(EPOCH);
    return entry;
  }
}
