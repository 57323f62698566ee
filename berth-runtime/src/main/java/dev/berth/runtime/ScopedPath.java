package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a container's root filesystem the way the container itself would see it:
 * symlinks are followed, but an absolute link target or a ".." can never climb above the root, so
 * an image cannot make berth read host files (Docker's FollowSymlinkInScope).
 */
final class ScopedPath {

  private static final int MAX_LINKS = 255;

  private ScopedPath() {}

  /** The host path of {@code path} (absolute, as the container sees it) under {@code root}. */
  static Path resolve(Path root, String path) throws IOException {
    Deque<String> pending = new ArrayDeque<>(split(path));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (name.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.removeLast();
        }
        continue;
      }
      Path candidate = join(root, resolved).resolve(name);
      if (!Files.isSymbolicLink(candidate)) {
        resolved.add(name);
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new IOException(
            "too many levels of symbolic links resolving " + path + " in " + root);
      }
      String target = Files.readSymbolicLink(candidate).toString();
      if (target.startsWith("/")) {
        resolved.clear();
      }
      List<String> parts = split(target);
      for (int i = parts.size() - 1; i >= 0; i--) {
        pending.addFirst(parts.get(i));
      }
    }
    return join(root, resolved);
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static Path join(Path root, List<String> names) {
    Path p = root;
    for (String name : names) {
      p = p.resolve(name);
    }
    return p;
  }
}
