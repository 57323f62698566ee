package dev.berth.snapshot;

/**
 * What applying one layer produced.
 *
 * @param diffId "sha256:<hex>" of the layer's uncompressed tar, every byte of it: the id an image
 *     config lists in {@code rootfs.diff_ids}
 * @param size bytes of regular-file content written
 */
public record AppliedLayer(String diffId, long size) {}
