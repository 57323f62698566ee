package dev.berth.api.errors;

/** Thrown when an object the request names does not exist. */
public final class NotFoundException extends BerthException {

  public NotFoundException(String message) {
    super(message, null);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
