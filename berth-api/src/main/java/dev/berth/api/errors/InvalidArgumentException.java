package dev.berth.api.errors;

/** Thrown when the request itself is malformed or names an impossible value. */
public final class InvalidArgumentException extends BerthException {

  public InvalidArgumentException(String message) {
    super(message, null);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
