package dev.berth.snapshot;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.sys.Errno;
import dev.berth.sys.FileNodes;
import dev.berth.sys.NativeIoException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies one image layer to a directory the way Docker's overlay2 driver stores it: entries are
 * written as they are, and the layer's deletions become overlayfs whiteouts, to be read through an
 * overlay mount together with the layers below.
 *
 * <ul>
 *   <li>{@code dir/.wh.name} becomes a whiteout at {@code dir/name} (a 0/0 character device)
 *       replacing whatever the layer itself put there; {@code dir/.wh..wh..opq} marks {@code dir}
 *       opaque ({@code trusted.overlay.opaque=y}). No {@code .wh.} file is ever created.
 *   <li>Ownership is numeric (user names in the tar are ignored); mode bits include setuid, setgid
 *       and sticky; modification times are kept on every kind of entry, a directory's after
 *       everything inside it is written.
 *   <li>Extended attributes come from {@code SCHILY.xattr.*} PAX records. {@code trusted.overlay.*}
 *       ones are dropped: overlay metadata is this class's to write, and a layer that could forge
 *       redirects or origins would steer lookups in the stack it joins. Where the file system
 *       refuses an attribute outside {@code security.*} (EPERM or EOPNOTSUPP: {@code user.*} on a
 *       symlink, for one) it is skipped, as Docker does; a refused {@code security.*} one fails the
 *       layer, since dropping {@code security.capability} would leave binaries that fail later, far
 *       from the cause.
 *   <li>Every name is resolved inside the root by {@link LayerRoot}; an entry that would reach
 *       outside is refused with {@link InvalidArgumentException} naming it, before anything is
 *       written for it.
 * </ul>
 *
 * <p>On any failure the target directory is left partly written: the caller must delete it and must
 * not use it (OverlaySnapshotter unpacks into a temporary directory for that reason).
 */
public final class LayerApplier {

  private static final String OPAQUE_MARKER = ".wh..wh..opq";

  /**
   * Other names with this prefix are aufs bookkeeping (.wh..wh.plnk and the like, in layers from
   * Docker's aufs days): skipped, with what is below them, as Docker's own applier does. Hardlinks
   * into them are not resolved.
   */
  private static final String AUFS_META_PREFIX = ".wh..wh.";

  private static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";
  private static final byte[] OPAQUE = "y".getBytes(StandardCharsets.UTF_8);

  private LayerApplier() {}

  /**
   * Applies {@code layer} (an uncompressed, gzip, bzip2 or xz tar; told apart by its first bytes)
   * onto the existing directory {@code root}, reading the stream to its end so the returned diff id
   * covers all of it. {@code layer} is not closed.
   *
   * @throws InvalidArgumentException if the layer is not a readable tar or has an entry that would
   *     escape {@code root}
   * @throws IOException if reading the layer or writing below {@code root} fails; the message names
   *     the entry
   */
  public static AppliedLayer apply(InputStream layer, Path root) throws IOException {
    return apply(layer, root, OutputStream.nullOutputStream());
  }

  /**
   * As {@link #apply(InputStream, Path)}, also writing the uncompressed tar, every byte the diff id
   * is computed over, to {@code copy}.
   */
  public static AppliedLayer apply(InputStream layer, Path root, OutputStream copy) throws IOException {
    MessageDigest sha256 = sha256();
    try (InputStream tar = new DigestInputStream(new CopyingInputStream(Compression.decompress(layer), copy),
        sha256)) {
      TarReader reader = new TarReader(tar);
      Application application = new Application(new LayerRoot(root), reader);
      for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
        try {
          application.apply(entry);
        } catch (IOException e) {
          throw new IOException("layer entry \"" + entry.name() + "\": " + e.getMessage(), e);
        }
      }
      application.setDirectoryTimes();
      reader.drain();
      return new AppliedLayer(
          "sha256:" + HexFormat.of().formatHex(sha256.digest()), application.size);
    }
  }

  /** Writes what is read through it to a second stream. */
  private static final class CopyingInputStream extends FilterInputStream {
    private final OutputStream copy;

    CopyingInputStream(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        copy.write(buffer, offset, n);
      }
      return n;
    }

    /** Skipped bytes are read, so that the copy misses none. */
    @Override
    public long skip(long n) throws IOException {
      return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The state of one application: what is known of the tree so far, and pending times. */
  private static final class Application {

    private final LayerRoot root;
    private final TarReader reader;
    private final byte[] buffer = new byte[1 << 17];

    /** Directories by {@code rel}, with the times to set once nothing more is written in them. */
    private final Map<String, TarEntry> directoryTimes = new LinkedHashMap<>();

    private long size;

    Application(LayerRoot root, TarReader reader) {
      this.root = root;
      this.reader = reader;
    }

    void apply(TarEntry entry) throws IOException {
      var parts = LayerRoot.clean(entry.name(), entry.name(), "");
      if (parts.isEmpty()) {
        if (entry.type() != TarEntry.Type.DIRECTORY) {
          throw new InvalidArgumentException(
              "layer entry \"" + entry.name() + "\" would replace the root with a non-directory");
        }
        setMetadata(entry, root.root(), false);
        return;
      }
      String top = parts.getFirst();
      if (top.startsWith(AUFS_META_PREFIX) && !top.equals(OPAQUE_MARKER)) {
        return;
      }
      String base = parts.getLast();
      LayerRoot.Location parent =
          root.directory(parts.subList(0, parts.size() - 1), entry.name(), true);
      if (base.startsWith(LayerRoot.WHITEOUT_PREFIX)) {
        whiteout(entry, parent, base);
        return;
      }
      LayerRoot.Location location = parent.child(base);
      BasicFileAttributes existing = LayerRoot.lstat(location.path());
      // Resolve a hardlink's target before clearing the way: it may be what is in the way.
      Path linkTarget = entry.type() == TarEntry.Type.HARDLINK ? hardlinkTarget(entry) : null;
      if (existing != null
          && !(existing.isDirectory() && entry.type() == TarEntry.Type.DIRECTORY)) {
        root.delete(location, existing);
        directoryTimes.keySet().removeIf(rel -> isSameOrBelow(rel, location.rel()));
      }
      boolean symlink = false;
      switch (entry.type()) {
        case DIRECTORY -> {
          if (existing == null || !existing.isDirectory()) {
            Files.createDirectory(location.path());
          }
          root.remember(location);
        }
        case FILE -> {
          try (OutputStream out =
              Files.newOutputStream(
                  location.path(),
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS)) {
            size += reader.copyContent(out, buffer);
          }
        }
        case SYMLINK -> {
          FileNodes.symlink(entry.linkName(), location.path());
          symlink = true;
        }
        case HARDLINK -> {
          Files.createLink(location.path(), linkTarget);
          symlink = LayerRoot.lstat(location.path()).isSymbolicLink();
        }
        case CHAR_DEVICE ->
            FileNodes.mknod(
                location.path(),
                FileNodes.S_IFCHR | entry.mode(),
                FileNodes.makedev(entry.devMajor(), entry.devMinor()));
        case BLOCK_DEVICE ->
            FileNodes.mknod(
                location.path(),
                FileNodes.S_IFBLK | entry.mode(),
                FileNodes.makedev(entry.devMajor(), entry.devMinor()));
        case FIFO -> FileNodes.mknod(location.path(), FileNodes.S_IFIFO | entry.mode(), 0);
      }
      setMetadata(entry, location, symlink);
    }

    private void whiteout(TarEntry entry, LayerRoot.Location dir, String base) throws IOException {
      if (base.equals(OPAQUE_MARKER)) {
        FileNodes.lsetxattr(dir.path(), OVERLAY_XATTR_PREFIX + "opaque", OPAQUE);
        return;
      }
      if (base.startsWith(AUFS_META_PREFIX)) {
        return;
      }
      String hidden = base.substring(LayerRoot.WHITEOUT_PREFIX.length());
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
        throw new InvalidArgumentException(
            "layer entry \"" + entry.name() + "\" is a whiteout of no file");
      }
      LayerRoot.Location location = dir.child(hidden);
      BasicFileAttributes existing = LayerRoot.lstat(location.path());
      if (existing != null) {
        root.delete(location, existing);
        directoryTimes.keySet().removeIf(rel -> isSameOrBelow(rel, location.rel()));
      }
      FileNodes.mknod(location.path(), FileNodes.S_IFCHR, FileNodes.makedev(0, 0));
      FileNodes.lchown(location.path(), entry.uid(), entry.gid());
    }

    private Path hardlinkTarget(TarEntry entry) throws IOException {
      var parts = LayerRoot.clean(entry.linkName(), entry.name(), "hardlink target ");
      if (parts.isEmpty()) {
        throw new InvalidArgumentException(
            "layer entry \"" + entry.name() + "\": hardlink target is the root directory");
      }
      LayerRoot.Location dir =
          root.directory(parts.subList(0, parts.size() - 1), entry.name(), false);
      Path target = dir.child(parts.getLast()).path();
      BasicFileAttributes attrs = LayerRoot.lstat(target);
      if (attrs == null) {
        throw new InvalidArgumentException(
            "layer entry \""
                + entry.name()
                + "\": hardlink target \""
                + entry.linkName()
                + "\" does not exist in this layer");
      }
      if (attrs.isDirectory()) {
        throw new InvalidArgumentException(
            "layer entry \""
                + entry.name()
                + "\": hardlink target \""
                + entry.linkName()
                + "\" is a directory");
      }
      return target;
    }

    /**
     * Owner first, since chown clears setuid, setgid and file capabilities; then attributes; then
     * mode; then times, a directory's deferred.
     */
    private void setMetadata(TarEntry entry, LayerRoot.Location location, boolean symlink)
        throws IOException {
      Path path = location.path();
      FileNodes.lchown(path, entry.uid(), entry.gid());
      for (var xattr : entry.xattrs().entrySet()) {
        setXattr(path, xattr.getKey(), xattr.getValue());
      }
      if (!symlink) {
        // Without NOFOLLOW_LINKS, which java.nio implements by opening the file (see FileNodes):
        // this path was just made by us and is no symlink.
        Files.setAttribute(path, "unix:mode", entry.mode());
      }
      if (entry.type() == TarEntry.Type.DIRECTORY) {
        directoryTimes.remove(location.rel());
        directoryTimes.put(location.rel(), entry);
      } else {
        FileNodes.lutimes(path, entry.mtime(), entry.atime());
      }
    }

    private static void setXattr(Path path, String name, byte[] value) throws IOException {
      if (name.startsWith(OVERLAY_XATTR_PREFIX)) {
        return;
      }
      try {
        FileNodes.lsetxattr(path, name, value);
      } catch (NativeIoException e) {
        boolean refused = e.errno() == Errno.EPERM || e.errno() == Errno.EOPNOTSUPP;
        if (!refused || name.startsWith("security.")) {
          throw e;
        }
      }
    }

    void setDirectoryTimes() throws IOException {
      for (var pending : directoryTimes.entrySet()) {
        // Every key is a real directory: anything deleted or replaced since was dropped from the
        // map.
        Path path = root.root().path().resolve(pending.getKey());
        FileNodes.lutimes(path, pending.getValue().mtime(), pending.getValue().atime());
      }
    }

    private static boolean isSameOrBelow(String rel, String ancestor) {
      return rel.equals(ancestor) || rel.startsWith(ancestor + "/");
    }
  }
}
