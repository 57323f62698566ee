package dev.berth.snapshot;

import dev.berth.api.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The "sha256:<64 lowercase hex>" digests that name layers and snapshots. */
final class Digests {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private Digests() {}

  /**
   * The hex part of {@code digest}, after checking its form: snapshot directories are named by it,
   * so nothing else may pass.
   */
  static String hex(String digest, String what) {
    if (digest == null || !SHA256.matcher(digest).matches()) {
      throw new InvalidArgumentException(
          "invalid " + what + " \"" + digest + "\": expected sha256:<64 hex digits>");
    }
    return digest.substring("sha256:".length());
  }

  static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
