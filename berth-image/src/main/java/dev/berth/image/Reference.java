package dev.berth.image;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as Docker parses it: {@code [domain/]path[:tag][@digest]}. Names without a domain
 * belong to Docker Hub, and one-component Hub names live under {@code library/}; {@link #familiar()} gives
 * the short form users see ({@code busybox:latest}), which is also the form the tag store keys on.
 */
public record Reference(String domain, String path, Optional<String> tag, Optional<String> digest) {

  public static final String DEFAULT_DOMAIN = "docker.io";
  public static final String DEFAULT_TAG = "latest";
  private static final String LEGACY_DOMAIN = "index.docker.io";
  private static final String OFFICIAL_PREFIX = "library/";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern DOMAIN =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int MAX_NAME_LENGTH = 255;

  /** Parses a reference, without adding a default tag. */
  public static Reference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid("");
    }
    String rest = text;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digestText = rest.substring(at + 1);
      if (!DIGEST.matcher(digestText).matches()) {
        throw invalid("");
      }
      digest = Optional.of(digestText);
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String tagText = rest.substring(colon + 1);
      if (!TAG.matcher(tagText).matches()) {
        throw invalid("");
      }
      tag = Optional.of(tagText);
      rest = rest.substring(0, colon);
    }
    String domain = DEFAULT_DOMAIN;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.equals(first.toLowerCase())) {
        if (!DOMAIN.matcher(first).matches()) {
          throw invalid("");
        }
        domain = first.equals(LEGACY_DOMAIN) ? DEFAULT_DOMAIN : first;
        path = rest.substring(slash + 1);
      }
    }
    if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
      path = OFFICIAL_PREFIX + path;
    }
    if (!path.equals(path.toLowerCase())) {
      throw invalid(": repository name (" + path + ") must be lowercase");
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw invalid("");
      }
    }
    if (rest.length() > MAX_NAME_LENGTH) {
      throw new InvalidArgumentException("invalid reference format: repository name must not be more than "
          + MAX_NAME_LENGTH + " characters");
    }
    return new Reference(domain, path, tag, digest);
  }

  /** Parses a reference and gives it the tag {@code latest} when it has neither tag nor digest. */
  public static Reference parseWithDefaultTag(String text) {
    Reference reference = parse(text);
    return reference.tag().isEmpty() && reference.digest().isEmpty()
        ? new Reference(reference.domain, reference.path, Optional.of(DEFAULT_TAG), Optional.empty())
        : reference;
  }

  /** The repository in its short form: {@code busybox}, {@code user/app}, {@code localhost:5000/app}. */
  public String familiarName() {
    if (domain.equals(DEFAULT_DOMAIN)) {
      return path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0
          ? path.substring(OFFICIAL_PREFIX.length())
          : path;
    }
    return domain + "/" + path;
  }

  /** The short form with tag and digest, as RepoTags and RepoDigests show it. */
  public String familiar() {
    return familiarName() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  @Override
  public String toString() {
    return familiar();
  }

  private static InvalidArgumentException invalid(String detail) {
    return new InvalidArgumentException("invalid reference format" + detail);
  }
}
