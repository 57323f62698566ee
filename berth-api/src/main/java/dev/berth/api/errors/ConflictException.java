package dev.berth.api.errors;

/** Thrown when the request contradicts the current state (name in use, container running). */
public final class ConflictException extends BerthException {

  public ConflictException(String message) {
    super(message, null);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
