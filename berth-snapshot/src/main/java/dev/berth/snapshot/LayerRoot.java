package dev.berth.snapshot;

import dev.berth.sys.Trees;
import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directory a layer is unpacked into, and the only way the applier turns a name from the layer
 * into a path. Names are cleaned lexically, then resolved one component at a time inside the root,
 * so that no "..", absolute name or symlink (one made by this same layer included) can lead a write
 * outside it.
 *
 * <p>Symlinks met on the way to a parent directory are followed only when their target is relative
 * and stays inside the root. An absolute target is refused rather than re-rooted: from the host it
 * names a place outside the root, and a tar made from a real file system never has an entry below a
 * symlink, so only a crafted layer walks through one. The final component of a path is never
 * followed: the applier replaces whatever is there.
 */
final class LayerRoot {

  static final String WHITEOUT_PREFIX = ".wh.";

  /** Linux's own bound on symlinks followed in one lookup (ELOOP). */
  private static final int MAX_SYMLINKS = 40;

  /**
   * A place inside the root.
   *
   * @param rel its path relative to the root with every symlink resolved ("" for the root)
   */
  record Location(String rel, Path path) {
    Location child(String name) {
      return new Location(rel.isEmpty() ? name : rel + "/" + name, path.resolve(name));
    }
  }

  private final Location root;

  /** Directories ({@code rel}) already seen to be real directories: spares repeated lstat calls. */
  private final Set<String> knownDirectories = new HashSet<>();

  LayerRoot(Path root) {
    this.root = new Location("", root);
  }

  Location root() {
    return root;
  }

  /**
   * The components of {@code name} after removing leading slashes, "." and empty components and
   * applying "..": refused if a ".." would climb above the root.
   *
   * @param entry the layer entry the name belongs to, for the message
   * @param what "" for the entry's own name, or e.g. "hardlink target " for another name
   */
  static List<String> clean(String name, String entry, String what) {
    if (name.indexOf('\0') >= 0) {
      throw new InvalidArgumentException(
          "layer entry \"" + entry + "\": " + what + "name contains a NUL byte");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw escapes(entry, what, name);
        }
        parts.removeLast();
      } else {
        parts.add(part);
      }
    }
    return parts;
  }

  /**
   * The directory at {@code components}, following symlinks inside the root; missing directories
   * are created (0755, as Docker does) when {@code create} is set, and are an error otherwise.
   */
  Location directory(List<String> components, String entry, boolean create) throws IOException {
    Deque<String> todo = new ArrayDeque<>(components);
    Deque<Location> stack = new ArrayDeque<>();
    stack.push(root);
    int symlinks = 0;
    String via = null;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.size() == 1) {
          throw new InvalidArgumentException(
              "layer entry \"" + entry + "\" escapes the root" + (via == null ? "" : via));
        }
        stack.pop();
        continue;
      }
      Location next = stack.peek().child(part);
      if (knownDirectories.contains(next.rel())) {
        stack.push(next);
        continue;
      }
      BasicFileAttributes attrs = lstat(next.path());
      if (attrs == null) {
        if (!create) {
          throw new InvalidArgumentException(
              "layer entry \"" + entry + "\": \"" + next.rel() + "\" does not exist in this layer");
        }
        if (part.startsWith(WHITEOUT_PREFIX)) {
          // Such a name means a whiteout; as a directory it would be one overlayfs shows.
          throw new InvalidArgumentException(
              "layer entry \"" + entry + "\" is below whiteout name \"" + next.rel() + "\"");
        }
        Files.createDirectory(next.path());
        Files.setAttribute(next.path(), "unix:mode", 0755);
      } else if (attrs.isSymbolicLink()) {
        String target = Files.readSymbolicLink(next.path()).toString();
        via = " through symlink \"" + next.rel() + "\" -> \"" + target + "\"";
        if (target.startsWith("/")) {
          throw new InvalidArgumentException(
              "layer entry \"" + entry + "\" escapes the root" + via);
        }
        if (++symlinks > MAX_SYMLINKS) {
          throw new InvalidArgumentException(
              "layer entry \"" + entry + "\": too many levels of symlinks");
        }
        String[] targetParts = target.split("/");
        for (int i = targetParts.length - 1; i >= 0; i--) {
          todo.addFirst(targetParts[i]);
        }
        // A ".." in the target that climbs above the root is refused when popped, above.
        continue;
      } else if (!attrs.isDirectory()) {
        throw new InvalidArgumentException(
            "layer entry \"" + entry + "\": \"" + next.rel() + "\" is not a directory");
      }
      knownDirectories.add(next.rel());
      stack.push(next);
    }
    return stack.peek();
  }

  /** The file-system object at {@code path} itself (not a symlink's target), or null if none. */
  static BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes whatever is at {@code location}, recursively, and forgets what was known of it. */
  void delete(Location location, BasicFileAttributes attrs) throws IOException {
    if (attrs.isDirectory()) {
      Trees.delete(location.path());
      String below = location.rel() + "/";
      knownDirectories.removeIf(rel -> rel.equals(location.rel()) || rel.startsWith(below));
    } else {
      Files.delete(location.path());
    }
  }

  /** Records a directory the applier made itself, so later lookups need not lstat it. */
  void remember(Location directory) {
    knownDirectories.add(directory.rel());
  }

  private static InvalidArgumentException escapes(String entry, String what, String name) {
    return new InvalidArgumentException(
        what.isEmpty()
            ? "layer entry \"" + entry + "\" escapes the root"
            : "layer entry \"" + entry + "\": " + what + "\"" + name + "\" escapes the root");
  }
}
