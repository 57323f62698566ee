package dev.berth.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * One unpacked layer, as {@link Snapshotter} defines the terms.
 *
 * @param chainId identifies this layer together with every layer below it
 * @param diffId the digest of this layer's uncompressed tar
 * @param parent the chain id of the snapshot below, empty for a base layer
 * @param size bytes of regular-file content in this layer alone
 */
public record Snapshot(String chainId, String diffId, Optional<String> parent, long size) {

  public Snapshot {
    Digests.hex(chainId, "chain id");
    Digests.hex(diffId, "diff id");
    Objects.requireNonNull(parent, "parent");
    parent.ifPresent(p -> Digests.hex(p, "parent chain id"));
    if (size < 0) {
      throw new IllegalArgumentException("snapshot " + chainId + ": negative size " + size);
    }
  }
}
