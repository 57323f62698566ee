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

  private final Path root;
  private final TarArchiveOutputStream tar;
  private final Object rootDevice;
  private final Map<Object, String> firstPathOfInode = new HashMap<>();

  private TreeArchiver(Path root, OutputStream out) throws IOException {
    this.root = root;
    this.tar = new TarArchiveOutputStream(out);
    this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    this.rootDevice = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
  }

  /** Writes {@code root}'s contents to {@code out} and finishes the archive; {@code out} stays open. */
  public static void write(Path root, OutputStream out) throws IOException {
    TreeArchiver archiver = new TreeArchiver(root, out);
    archiver.visitChildren(root);
    archiver.tar.finish();
    archiver.tar.flush();
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
    return descend;
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
