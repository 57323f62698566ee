package dev.berth.content;

import dev.berth.api.errors.InvalidArgumentException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 lowercase hex>}; the only algorithm berth stores. Validated on construction. */
public record Digest(String hex) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final String PREFIX = "sha256:";

  public Digest {
    if (hex == null || !HEX64.matcher(hex).matches()) {
      throw new InvalidArgumentException("invalid digest hex \"" + hex + "\": want 64 lowercase hex characters");
    }
  }

  /** Parses {@code sha256:<hex>}. */
  public static Digest parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new InvalidArgumentException("invalid digest \"" + text + "\": want sha256:<hex>");
    }
    return new Digest(text.substring(PREFIX.length()));
  }

  public static Digest of(byte[] content) {
    return fromSha256(newSha256().digest(content));
  }

  public static Digest fromSha256(byte[] sha256) {
    return new Digest(HexFormat.of().formatHex(sha256));
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The first 12 hex characters, as Docker shows short IDs. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }
}
