package dev.berth.snapshot;

import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One member of a layer tar, with PAX records and GNU long names already folded in.
 *
 * @param mode permission bits only (07777, setuid, setgid and sticky included)
 * @param linkName the symlink's target text, or the hardlink's target name; empty otherwise
 * @param xattrs extended attributes from {@code SCHILY.xattr.*} PAX records, values byte for byte
 */
record TarEntry(
    String name,
    Type type,
    int mode,
    int uid,
    int gid,
    long size,
    FileTime mtime,
    FileTime atime,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  enum Type {
    FILE,
    HARDLINK,
    SYMLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    DIRECTORY,
    FIFO
  }
}
