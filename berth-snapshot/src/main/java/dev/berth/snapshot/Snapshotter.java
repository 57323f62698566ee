package dev.berth.snapshot;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps image layers unpacked on disk and gives each container a writable root file system made of
 * them.
 *
 * <p>Terms, as the OCI image spec and containerd use them:
 *
 * <ul>
 *   <li><b>diff id</b>: "sha256:&lt;hex&gt;" of a layer's uncompressed tar; what an image config
 *       lists in {@code rootfs.diff_ids}.
 *   <li><b>chain id</b>: names a layer together with all layers below it, so one layer's content on
 *       two different bases is two snapshots. For the bottom layer it is its diff id; above, {@code
 *       sha256(parentChainId + " " + diffId)} (see {@link #chainId}). Snapshots are named by chain
 *       id.
 *   <li><b>parent</b>: the snapshot directly below one, by chain id; a base layer has none.
 *   <li><b>key</b>: a container id, naming the one writable layer (upper directory) the snapshotter
 *       keeps for that container over its read-only chain.
 * </ul>
 *
 * <p>Failures are reported as {@code dev.berth.api.errors} exceptions: NotFound for an unknown
 * snapshot or container, Conflict for one in use or already there, InvalidArgument for a bad layer
 * or id, Internal for a failure of the host.
 */
public interface Snapshotter {

  /** The chain id of a layer with diff id {@code diffId} on top of {@code parentChainId}. */
  static String chainId(Optional<String> parentChainId, String diffId) {
    Digests.hex(diffId, "diff id");
    return parentChainId.map(parent -> Digests.sha256(parent + " " + diffId)).orElse(diffId);
  }

  /**
   * Unpacks a layer (a tar, uncompressed or compressed) onto {@code parentChainId}, which must
   * exist. Nothing is visible until the snapshot is complete, and a failure leaves nothing behind.
   * If the resulting snapshot already exists, the new copy is discarded and the existing one
   * returned. {@code layer} is read to its end and not closed.
   */
  Snapshot unpack(InputStream layer, Optional<String> parentChainId);

  /**
   * The layer's uncompressed tar, byte for byte as it was unpacked (its sha256 is the diff id);
   * absent for snapshots unpacked before berth kept them.
   */
  Optional<Path> layerTar(String chainId);

  boolean exists(String chainId);

  Snapshot get(String chainId);

  /** Removes a snapshot no other snapshot has as parent and no container uses. */
  void remove(String chainId);

  List<Snapshot> list();

  /** The directory holding the snapshot's own files (with whiteouts for what it deletes). */
  Path path(String chainId);

  /**
   * Creates an empty writable layer for {@code containerId} over the snapshots {@code
   * chainIdsTopFirst}: the image's top layer first, each next one the parent of the one before. An
   * empty chain (an image with no layers) gives an empty root.
   */
  void prepareContainer(String containerId, List<String> chainIdsTopFirst);

  /** Mounts the container's root file system and returns where; if mounted already, just where. */
  Path mountContainer(String containerId);

  /** Unmounts the container's root file system if it is mounted. */
  void unmountContainer(String containerId);

  /** Unmounts the container's root if needed and deletes its writable layer. */
  void removeContainer(String containerId);

  /** What the container changed over its image, as {@code docker diff} lists it. */
  List<Change> changes(String containerId);

  /** The keys of every container that has a writable layer. */
  List<String> containers();

  /** The container's writable layer: what it changed, with whiteouts for what it deleted. */
  Path upperDir(String containerId);

  /**
   * Deletes what a crash left half-made (unpacks in progress, removals under way). Call once at
   * startup, before any other call; containers' mounts are left alone, as their processes may have
   * outlived the daemon.
   */
  void recover();
}
