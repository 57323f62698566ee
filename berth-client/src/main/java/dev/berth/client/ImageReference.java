package dev.berth.client;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference as Docker's distribution/reference reads one: {@code [domain/]path[:tag][@digest]}.
 * {@link #familiarName()} is the short form users see ({@code busybox}, {@code me/app},
 * {@code localhost:5000/app}); {@link #name()} is fully qualified ({@code docker.io/library/busybox}).
 */
public record ImageReference(String domain, String path, String tag, String digest) {

  public static final String DEFAULT_DOMAIN = "docker.io";
  public static final String OFFICIAL_PREFIX = "library/";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern ID = Pattern.compile("[a-f0-9]{64}");

  /**
   * Parses and normalizes a reference ({@code busybox} → docker.io/library/busybox).
   *
   * @throws IllegalArgumentException with Docker's wording ({@code invalid reference format}...)
   */
  public static ImageReference parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("invalid reference format");
    }
    String rest = s;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("invalid reference format");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid reference format");
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("invalid reference format");
    }
    String domain;
    String path;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.equals(first.toLowerCase(Locale.ROOT)))) {
      domain = first;
      path = rest.substring(slash + 1);
    } else {
      domain = DEFAULT_DOMAIN;
      path = rest;
    }
    if (domain.equals("index.docker.io")) {
      domain = DEFAULT_DOMAIN;
    }
    if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
      path = OFFICIAL_PREFIX + path;
    }
    if (ID.matcher(rest).matches() && tag == null && digest == null) {
      throw new IllegalArgumentException(
          "invalid repository name (" + rest + "), cannot specify 64-byte hexadecimal strings");
    }
    for (String c : path.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        if (c.equals(c.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("invalid reference format");
        }
        throw new IllegalArgumentException(
            "invalid reference format: repository name (" + path + ") must be lowercase");
      }
    }
    return new ImageReference(domain, path, tag, digest);
  }

  /** Parses, returning null instead of throwing. */
  public static ImageReference tryParse(String s) {
    try {
      return parse(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code docker.io/library/busybox}. */
  public String name() {
    return domain + "/" + path;
  }

  /** {@code busybox}, {@code me/app}, {@code localhost:5000/app}. */
  public String familiarName() {
    if (domain.equals(DEFAULT_DOMAIN)) {
      String p = path;
      if (p.startsWith(OFFICIAL_PREFIX) && p.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
        p = p.substring(OFFICIAL_PREFIX.length());
      }
      return p;
    }
    return name();
  }

  /** The familiar name with tag and digest: {@code busybox:latest}. */
  public String familiarString() {
    return familiarName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** Adds {@code latest} when there is neither tag nor digest (Docker's TagNameOnly). */
  public ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(domain, path, "latest", null) : this;
  }

  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
