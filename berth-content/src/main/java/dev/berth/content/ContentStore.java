package dev.berth.content;

import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.sys.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Every blob once, under {@code <root>/blobs/sha256/<hex>}, named by the digest of its bytes. A blob
 * becomes visible only after its bytes were written and synced (temp file, fsync, rename), so a crash
 * mid-write leaves no half blob.
 */
public final class ContentStore {

  private final Path blobs;

  public ContentStore(Path root) {
    this.blobs = root.resolve("blobs").resolve("sha256");
    try {
      Files.createDirectories(blobs);
    } catch (IOException e) {
      throw new InternalException("cannot create content store at " + root, e);
    }
  }

  public boolean exists(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  public Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  public byte[] read(Digest digest) {
    try {
      return Files.readAllBytes(path(digest));
    } catch (NoSuchFileException e) {
      throw new NotFoundException("content " + digest + ": not found");
    } catch (IOException e) {
      throw new InternalException("cannot read content " + digest, e);
    }
  }

  /** Stores bytes whose digest the caller does not know yet; returns it. */
  public Digest write(byte[] content) {
    Digest digest = Digest.of(content);
    if (!exists(digest)) {
      try {
        AtomicFiles.write(path(digest), content);
      } catch (IOException e) {
        throw new InternalException("cannot write content " + digest, e);
      }
    }
    return digest;
  }

  public void delete(Digest digest) {
    try {
      Files.deleteIfExists(path(digest));
    } catch (IOException e) {
      throw new InternalException("cannot delete content " + digest, e);
    }
  }
}
