package dev.berth.snapshot;

import dev.berth.sys.Trees;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.sys.AtomicFiles;
import dev.berth.sys.Mounts;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link Snapshotter} on overlayfs, laid out like Docker's overlay2 driver under {@code
 * <dataRoot>/snapshots}:
 *
 * <pre>
 * &lt;chain id hex&gt;/fs           a layer's files, whiteouts as overlayfs expects them
 * &lt;chain id hex&gt;/meta         "key value" lines: chainId, diffId, parent (if any), size
 * containers/&lt;id&gt;/upper      the container's writable layer
 * containers/&lt;id&gt;/work       overlayfs's scratch directory
 * containers/&lt;id&gt;/merged     the mount point of the container's root
 * containers/&lt;id&gt;/lowers     the chain ids below, top first, one a line
 * empty/                     the lower layer of a container whose image has none
 * tmp/                       work in progress, deleted by {@link #recover()}
 * </pre>
 *
 * <p>Everything is built under {@code tmp/} and appears with one rename, and is removed by a rename
 * back into {@code tmp/} before being deleted: a crash never leaves a half snapshot or container
 * root under its real name. Layer content is not fsync'ed (a kill -9 cannot lose it, only a power
 * cut, as with Docker); metadata is.
 *
 * <p>A container root is mounted with plain mount(2) while its options fit in one page. Deeper
 * stacks (some 40 layers under a long data root) go through the new mount API, which takes each
 * lower directory on its own ({@code lowerdir+}, Linux 6.8) — instead of Docker's short-symlink and
 * chdir scheme, which needs a single-threaded helper process to chdir in.
 */
public final class OverlaySnapshotter implements Snapshotter {

  private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern SNAPSHOT_DIR = Pattern.compile("[0-9a-f]{64}");
  private static final String META = "meta";
  /** The layer's uncompressed tar as it was unpacked: what save and push send on. */
  private static final String LAYER_TAR = "layer.tar";
  private static final String LOWERS = "lowers";

  private final Path root;
  private final Path tmp;
  private final Path containers;
  private final Path empty;

  /**
   * Held for changes of what exists (publishing, removing, preparing, mounting); never while a
   * layer is being unpacked, so unpacks run in parallel.
   */
  private final Object lock = new Object();

  private OverlaySnapshotter(Path root) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.containers = root.resolve("containers");
    this.empty = root.resolve("empty");
  }

  /** Opens (creating if needed) the snapshot store under {@code <dataRoot>/snapshots}. */
  public static OverlaySnapshotter open(Path dataRoot) {
    OverlaySnapshotter snapshotter = new OverlaySnapshotter(dataRoot.resolve("snapshots"));
    try {
      for (Path dir : List.of(snapshotter.root, snapshotter.tmp, snapshotter.containers)) {
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:mode", 0700);
      }
      Files.createDirectories(snapshotter.empty);
      Files.setAttribute(snapshotter.empty, "unix:mode", 0755);
    } catch (IOException e) {
      throw new InternalException(
          "creating snapshot store " + snapshotter.root + ": " + e.getMessage(), e);
    }
    return snapshotter;
  }

  @Override
  public void recover() {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
      for (Path leftover : leftovers) {
        Trees.delete(leftover);
      }
    } catch (IOException e) {
      throw new InternalException("cleaning " + tmp + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Snapshot unpack(InputStream layer, Optional<String> parentChainId) {
    String onParent = parentChainId.map(p -> " onto " + p).orElse("");
    parentChainId.ifPresent(this::requireSnapshot);
    Path work = null;
    try {
      work = Files.createTempDirectory(tmp, "unpack-");
      Path fs = Files.createDirectory(work.resolve("fs"));
      Files.setAttribute(fs, "unix:mode", 0755);
      AppliedLayer applied;
      try (FileChannel tar = FileChannel.open(work.resolve(LAYER_TAR), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE); OutputStream copy = new BufferedOutputStream(Channels.newOutputStream(tar),
              1 << 16)) {
        applied = LayerApplier.apply(layer, fs, copy);
        copy.flush();
        tar.force(true);
      }
      Snapshot snapshot =
          new Snapshot(
              Snapshotter.chainId(parentChainId, applied.diffId()),
              applied.diffId(),
              parentChainId,
              applied.size());
      AtomicFiles.writeString(work.resolve(META), format(snapshot));
      synchronized (lock) {
        parentChainId.ifPresent(this::requireSnapshot);
        Path target = snapshotDir(snapshot.chainId());
        if (Files.exists(target)) {
          return get(snapshot.chainId());
        }
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(root);
        return snapshot;
      }
    } catch (IOException e) {
      throw new InternalException("unpacking layer" + onParent + ": " + e.getMessage(), e);
    } finally {
      if (work != null) {
        deleteQuietly(work);
      }
    }
  }

  @Override
  public Optional<Path> layerTar(String chainId) {
    requireSnapshot(chainId);
    Path tar = snapshotDir(chainId).resolve(LAYER_TAR);
    return Files.isRegularFile(tar) ? Optional.of(tar) : Optional.empty();
  }

  @Override
  public boolean exists(String chainId) {
    return Files.isRegularFile(snapshotDir(chainId).resolve(META));
  }

  @Override
  public Snapshot get(String chainId) {
    Path meta = snapshotDir(chainId).resolve(META);
    try {
      return parse(Files.readString(meta), meta);
    } catch (NoSuchFileException e) {
      throw notFound(chainId);
    } catch (IOException e) {
      throw new InternalException("reading " + meta + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(String chainId) {
    synchronized (lock) {
      requireSnapshot(chainId);
      for (Snapshot other : list()) {
        if (other.parent().equals(Optional.of(chainId))) {
          throw new ConflictException(
              "snapshot " + chainId + " is the parent of snapshot " + other.chainId());
        }
      }
      for (Map.Entry<String, List<String>> container : containerLowers().entrySet()) {
        if (container.getValue().contains(chainId)) {
          throw new ConflictException(
              "snapshot " + chainId + " is in use by container " + container.getKey());
        }
      }
      discard(snapshotDir(chainId), "snapshot " + chainId);
    }
  }

  @Override
  public List<Snapshot> list() {
    List<Snapshot> snapshots = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (SNAPSHOT_DIR.matcher(name).matches()) {
          Path meta = dir.resolve(META);
          try {
            snapshots.add(parse(Files.readString(meta), meta));
          } catch (NoSuchFileException e) {
            // Removed since the directory was listed.
          }
        }
      }
    } catch (IOException e) {
      throw new InternalException("listing snapshots in " + root + ": " + e.getMessage(), e);
    }
    snapshots.sort(Comparator.comparing(Snapshot::chainId));
    return List.copyOf(snapshots);
  }

  @Override
  public Path path(String chainId) {
    requireSnapshot(chainId);
    return snapshotDir(chainId).resolve("fs");
  }

  @Override
  public void prepareContainer(String containerId, List<String> chainIdsTopFirst) {
    Path dir = containerDir(containerId);
    synchronized (lock) {
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new ConflictException("root of container " + containerId + " already exists");
      }
      for (int i = 0; i < chainIdsTopFirst.size(); i++) {
        Snapshot layer = get(chainIdsTopFirst.get(i));
        Optional<String> below =
            i + 1 < chainIdsTopFirst.size()
                ? Optional.of(chainIdsTopFirst.get(i + 1))
                : Optional.empty();
        if (!layer.parent().equals(below)) {
          throw new InvalidArgumentException(
              "layers of container "
                  + containerId
                  + " are not a chain, top first: parent of "
                  + layer.chainId()
                  + " is "
                  + layer.parent().orElse("none")
                  + ", not "
                  + below.orElse("none"));
        }
      }
      Path work = null;
      try {
        work = Files.createTempDirectory(tmp, "container-");
        for (String sub : List.of("upper", "merged")) {
          Files.setAttribute(Files.createDirectory(work.resolve(sub)), "unix:mode", 0755);
        }
        Files.createDirectory(work.resolve("work"));
        AtomicFiles.writeString(
            work.resolve(LOWERS),
            chainIdsTopFirst.stream().map(id -> id + "\n").collect(Collectors.joining()));
        Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(containers);
      } catch (IOException e) {
        throw new InternalException(
            "preparing root of container " + containerId + ": " + e.getMessage(), e);
      } finally {
        if (work != null) {
          deleteQuietly(work);
        }
      }
    }
  }

  @Override
  public Path mountContainer(String containerId) {
    Path dir = requireContainer(containerId);
    Path merged = dir.resolve("merged");
    synchronized (lock) {
      try {
        if (Mounts.isMountPoint(merged)) {
          return merged;
        }
        List<Path> lowers = new ArrayList<>();
        for (String chainId : lowers(dir)) {
          if (!exists(chainId)) {
            throw new NotFoundException(
                "snapshot " + chainId + " of container " + containerId + " not found");
          }
          lowers.add(snapshotDir(chainId).resolve("fs"));
        }
        if (lowers.isEmpty()) {
          lowers.add(empty);
        }
        mountOverlay(lowers, dir.resolve("upper"), dir.resolve("work"), merged);
        return merged;
      } catch (IOException e) {
        throw new InternalException(
            "mounting root of container " + containerId + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void unmountContainer(String containerId) {
    Path merged = requireContainer(containerId).resolve("merged");
    synchronized (lock) {
      try {
        unmount(merged);
      } catch (IOException e) {
        throw new InternalException(
            "unmounting root of container " + containerId + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void removeContainer(String containerId) {
    Path dir = requireContainer(containerId);
    synchronized (lock) {
      try {
        unmount(dir.resolve("merged"));
      } catch (IOException e) {
        throw new InternalException(
            "unmounting root of container " + containerId + ": " + e.getMessage(), e);
      }
      discard(dir, "root of container " + containerId);
    }
  }

  @Override
  public List<Change> changes(String containerId) {
    Path dir = requireContainer(containerId);
    try {
      List<Path> lowers = new ArrayList<>();
      for (String chainId : lowers(dir)) {
        lowers.add(snapshotDir(chainId).resolve("fs"));
      }
      return OverlayChanges.of(lowers, dir.resolve("upper"));
    } catch (IOException e) {
      throw new InternalException("reading the changes of container " + containerId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> containers() {
    synchronized (lock) {
      return List.copyOf(containerLowers().keySet());
    }
  }

  @Override
  public Path upperDir(String containerId) {
    return requireContainer(containerId).resolve("upper");
  }

  /**
   * Mounts the overlay, lower directories top first as overlayfs wants them. index=off, as Docker
   * sets it: with the index on, overlayfs ties an upper directory to the exact lower directories it
   * was first mounted over and refuses (ESTALE) a later mount over re-unpacked ones.
   */
  private static void mountOverlay(List<Path> lowers, Path upper, Path work, Path merged)
      throws IOException {
    String data =
        "lowerdir="
            + lowers.stream().map(p -> escape(p.toString())).collect(Collectors.joining(":"))
            + ",upperdir="
            + escape(upper.toString())
            + ",workdir="
            + escape(work.toString())
            + ",index=off";
    if (data.getBytes(StandardCharsets.UTF_8).length <= Mounts.MOUNT_DATA_MAX) {
      Mounts.mount("overlay", merged, "overlay", 0, data);
      return;
    }
    List<Mounts.Option> options = new ArrayList<>();
    options.add(new Mounts.Option("source", "overlay"));
    for (Path lower : lowers) {
      options.add(new Mounts.Option("lowerdir+", lower.toString()));
    }
    options.add(new Mounts.Option("upperdir", upper.toString()));
    options.add(new Mounts.Option("workdir", work.toString()));
    options.add(new Mounts.Option("index", "off"));
    Mounts.mountConfigured("overlay", options, merged);
  }

  /** overlayfs splits its mount data at ',' and lowerdir at ':'; a backslash escapes either. */
  private static String escape(String path) {
    return path.replace("\\", "\\\\").replace(",", "\\,").replace(":", "\\:");
  }

  /**
   * Detaches the mount, as Docker does: a process still holding a file inside (a late exec, a
   * debugger) must not keep a stopped container's root from going.
   */
  private static void unmount(Path merged) throws IOException {
    if (Mounts.isMountPoint(merged)) {
      Mounts.unmount(merged, Mounts.MNT_DETACH);
    }
  }

  /** Renames {@code dir} into tmp/, so it vanishes at once, then deletes it. */
  private void discard(Path dir, String what) {
    Path doomed = tmp.resolve("remove-" + UUID.randomUUID());
    try {
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.syncDirectory(dir.getParent());
    } catch (IOException e) {
      throw new InternalException("removing " + what + ": " + e.getMessage(), e);
    }
    try {
      Trees.delete(doomed);
    } catch (IOException e) {
      throw new InternalException(
          "removing " + what + ": " + e.getMessage() + " (recover() will finish)", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Trees.delete(dir);
    } catch (IOException e) {
      // Left in tmp/, where recover() deletes it at the next start.
    }
  }

  private Map<String, List<String>> containerLowers() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(containers)) {
      for (Path dir : dirs) {
        result.put(dir.getFileName().toString(), lowers(dir));
      }
    } catch (IOException e) {
      throw new InternalException("listing containers in " + containers + ": " + e.getMessage(), e);
    }
    return result;
  }

  private static List<String> lowers(Path containerDir) throws IOException {
    return Files.readAllLines(containerDir.resolve(LOWERS)).stream()
        .filter(line -> !line.isEmpty())
        .toList();
  }

  private Path snapshotDir(String chainId) {
    return root.resolve(Digests.hex(chainId, "chain id"));
  }

  private Path containerDir(String containerId) {
    if (containerId == null || !CONTAINER_ID.matcher(containerId).matches()) {
      throw new InvalidArgumentException("invalid container id \"" + containerId + "\"");
    }
    return containers.resolve(containerId);
  }

  private Path requireContainer(String containerId) {
    Path dir = containerDir(containerId);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFoundException("root of container " + containerId + " not found");
    }
    return dir;
  }

  private void requireSnapshot(String chainId) {
    if (!exists(chainId)) {
      throw notFound(chainId);
    }
  }

  private static NotFoundException notFound(String chainId) {
    return new NotFoundException("snapshot " + chainId + " not found");
  }

  private static String format(Snapshot snapshot) {
    StringBuilder text = new StringBuilder();
    text.append("chainId ").append(snapshot.chainId()).append('\n');
    text.append("diffId ").append(snapshot.diffId()).append('\n');
    snapshot.parent().ifPresent(p -> text.append("parent ").append(p).append('\n'));
    text.append("size ").append(snapshot.size()).append('\n');
    return text.toString();
  }

  private static Snapshot parse(String text, Path meta) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        fields.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    try {
      return new Snapshot(
          fields.get("chainId"),
          fields.get("diffId"),
          Optional.ofNullable(fields.get("parent")),
          Long.parseLong(fields.get("size")));
    } catch (RuntimeException e) {
      throw new InternalException("corrupt snapshot metadata " + meta + ": " + e.getMessage(), e);
    }
  }
}
