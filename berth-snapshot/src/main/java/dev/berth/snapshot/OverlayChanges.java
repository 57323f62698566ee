package dev.berth.snapshot;

import dev.berth.sys.FileNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a container changed, read from its overlay upper directory against the layers below, with
 * Docker's rules: a whiteout (a 0/0 character device) or an opaque directory over a lower one is a
 * deletion, a path the layers already have is a modification (directories only when their size,
 * mode or time differ), anything else an addition, and the parent of an addition or deletion counts
 * as modified.
 */
final class OverlayChanges {

  private static final String OPAQUE = "trusted.overlay.opaque";

  private final List<Path> lowersTopFirst;
  private final Path upper;
  private final List<Change> changes = new ArrayList<>();
  private final Set<String> changedDirs = new HashSet<>();

  private OverlayChanges(List<Path> lowersTopFirst, Path upper) {
    this.lowersTopFirst = lowersTopFirst;
    this.upper = upper;
  }

  static List<Change> of(List<Path> lowersTopFirst, Path upper) throws IOException {
    OverlayChanges walk = new OverlayChanges(lowersTopFirst, upper);
    walk.visitChildren(upper, "");
    return List.copyOf(walk.changes);
  }

  /** Children in name order, depth first, as Go's filepath.Walk visits them. */
  private void visitChildren(Path dir, String dirPath) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String path = dirPath + "/" + child.getFileName();
      BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      visit(child, path, attributes);
      if (attributes.isDirectory()) {
        visitChildren(child, path);
      }
    }
  }

  private void visit(Path file, String path, BasicFileAttributes attributes) throws IOException {
    Change.Kind kind;
    if (isWhiteout(file, attributes) || isOpaqueOverLower(file, path, attributes)) {
      kind = Change.Kind.DELETED;
    } else {
      Optional<BasicFileAttributes> lower = lowerAttributes(path);
      if (lower.isPresent() && attributes.isDirectory() && lower.get().isDirectory()
          && sameDirectory(file, attributes, path)) {
        return;
      }
      kind = lower.isPresent() ? Change.Kind.MODIFIED : Change.Kind.ADDED;
    }
    if (attributes.isDirectory()) {
      changedDirs.add(path);
    }
    if (kind != Change.Kind.MODIFIED) {
      String parent = path.substring(0, path.lastIndexOf('/'));
      if (!parent.isEmpty() && changedDirs.add(parent)) {
        changes.add(new Change(parent, Change.Kind.MODIFIED));
      }
    }
    changes.add(new Change(path, kind));
  }

  private static boolean isWhiteout(Path file, BasicFileAttributes attributes) throws IOException {
    if (!attributes.isOther()) {
      return false;
    }
    int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    long rdev = (Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    return (mode & FileNodes.S_IFMT) == FileNodes.S_IFCHR && rdev == 0;
  }

  private boolean isOpaqueOverLower(Path file, String path, BasicFileAttributes attributes) throws IOException {
    if (!attributes.isDirectory()) {
      return false;
    }
    Optional<byte[]> opaque = FileNodes.lgetxattr(file, OPAQUE);
    return opaque.isPresent() && opaque.get().length == 1 && opaque.get()[0] == 'y'
        && lowerAttributes(path).isPresent();
  }

  private Optional<BasicFileAttributes> lowerAttributes(String path) {
    for (Path lower : lowersTopFirst) {
      try {
        return Optional.of(Files.readAttributes(lower.resolve(path.substring(1)), BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS));
      } catch (IOException absent) {
        // not in this layer; try the one below
      }
    }
    return Optional.empty();
  }

  /** A directory only copied up because something below it changed is not itself a change. */
  private boolean sameDirectory(Path file, BasicFileAttributes attributes, String path) throws IOException {
    for (Path lower : lowersTopFirst) {
      Path candidate = lower.resolve(path.substring(1));
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        BasicFileAttributes below = Files.readAttributes(candidate, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        return below.size() == attributes.size()
            && below.lastModifiedTime().equals(attributes.lastModifiedTime())
            && Files.getAttribute(candidate, "unix:mode", LinkOption.NOFOLLOW_LINKS)
                .equals(Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS));
      }
    }
    return false;
  }
}
