package dev.berth.snapshot;

import dev.berth.sys.FileNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree as a tar stream, the way {@code docker export} flattens a container's root:
 * every entry type (files, directories, symlinks, hard links as links, devices, fifos) with its
 * numeric owner, mode and modification time, names relative to the root. Other mounts below the
 * root are not crossed, and sockets are left out, as Docker's archiver leaves them out. A file that
 * changes while it is read is cut or padded to the size it had when its header was written.
 */
public final class TreeArchiver {

  private static final int S_IFSOCK = 0140000;
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";
  private static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private final Path root;
  private final boolean layer;
  private final Set<String> leaveOut;
  private final TarArchiveOutputStream tar;
  private final Object rootDevice;
  private final Map<Object, String> firstPathOfInode = new HashMap<>();

  private TreeArchiver(Path root, boolean layer, Set<String> leaveOut, OutputStream out) throws IOException {
    this.root = root;
    this.layer = layer;
    this.leaveOut = leaveOut;
    this.tar = new TarArchiveOutputStream(out);
    this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    this.rootDevice = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
  }

  /** Writes {@code root}'s contents to {@code out} and finishes the archive; {@code out} stays open. */
  public static void write(Path root, OutputStream out) throws IOException {
    new TreeArchiver(root, false, Set.of(), out).writeAll();
  }

  /**
   * Writes an overlay upper directory as an image layer: overlay whiteouts (0/0 character devices)
   * become {@code .wh.<name>} entries and opaque directories get a {@code .wh..wh..opq} entry, as the
   * image spec writes deletions. Empty entries at the relative paths in {@code leaveOut} (mount
   * points the runtime made) are left out.
   */
  public static void writeLayer(Path upper, Set<String> leaveOut, OutputStream out) throws IOException {
    new TreeArchiver(upper, true, leaveOut, out).writeAll();
  }

  private void writeAll() throws IOException {
    visitChildren(root);
    tar.finish();
    tar.flush();
  }

  private void visitChildren(Path dir) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      boolean descend = add(child);
      if (descend) {
        visitChildren(child);
      }
    }
  }

  /** Adds one entry; returns whether it is a directory on the root's file system to descend into. */
  private boolean add(Path file) throws IOException {
    String name = root.relativize(file).toString();
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    if (layer && leaveOut.contains(name) && isEmpty(file, attributes)) {
      return false;
    }
    if (layer && (mode & FileNodes.S_IFMT) == FileNodes.S_IFCHR
        && (Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0) {
      Path whiteout = file.resolveSibling(WHITEOUT_PREFIX + file.getFileName());
      marker(root.relativize(whiteout).toString(), attributes);
      return false;
    }
    TarArchiveEntry entry;
    boolean descend = false;
    if (attributes.isSymbolicLink()) {
      entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(file).toString());
    } else if (attributes.isDirectory()) {
      entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      descend = Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS).equals(rootDevice);
    } else if (attributes.isRegularFile()) {
      String firstPath = (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1
          ? firstPathOfInode.putIfAbsent(attributes.fileKey(), name) : null;
      if (firstPath != null) {
        entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
        entry.setLinkName(firstPath);
      } else {
        entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        entry.setSize(attributes.size());
      }
    } else if ((mode & FileNodes.S_IFMT) == S_IFSOCK) {
      return false;
    } else {
      entry = new TarArchiveEntry(name, special(mode));
      long rdev = (Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
      entry.setDevMajor((int) ((rdev >>> 8) & 0xfff));
      entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & 0xfff00)));
    }
    entry.setMode(mode & 07777);
    entry.setUserId((Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    entry.setGroupId((Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    entry.setModTime(attributes.lastModifiedTime());
    tar.putArchiveEntry(entry);
    if (entry.isFile() && entry.getSize() > 0) {
      copyExactly(file, entry.getSize());
    }
    tar.closeArchiveEntry();
    if (layer && attributes.isDirectory() && FileNodes.lgetxattr(file, OPAQUE_XATTR)
        .filter(value -> value.length == 1 && value[0] == 'y').isPresent()) {
      marker(name + "/" + OPAQUE_MARKER, attributes);
    }
    return descend;
  }

  /** An empty entry that stands for a deletion in a layer. */
  private void marker(String name, PosixFileAttributes attributes) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    entry.setModTime(attributes.lastModifiedTime());
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static boolean isEmpty(Path file, PosixFileAttributes attributes) throws IOException {
    if (attributes.isDirectory()) {
      try (Stream<Path> children = Files.list(file)) {
        return children.findAny().isEmpty();
      }
    }
    return attributes.isRegularFile() && attributes.size() == 0;
  }

  private void copyExactly(Path file, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      for (int n = in.read(buffer, 0, (int) Math.min(buffer.length, left)); n > 0 && left > 0;
          n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) {
        tar.write(buffer, 0, n);
        left -= n;
      }
    }
    Arrays.fill(buffer, (byte) 0);
    while (left > 0) {
      int n = (int) Math.min(buffer.length, left);
      tar.write(buffer, 0, n);
      left -= n;
    }
  }

  private static byte special(int mode) {
    return switch (mode & FileNodes.S_IFMT) {
      case FileNodes.S_IFCHR -> TarConstants.LF_CHR;
      case FileNodes.S_IFBLK -> TarConstants.LF_BLK;
      default -> TarConstants.LF_FIFO;
    };
  }
}
