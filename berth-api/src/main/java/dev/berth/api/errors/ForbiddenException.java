package dev.berth.api.errors;

/** Thrown when the operation is not allowed on this object. */
public final class ForbiddenException extends BerthException {

  public ForbiddenException(String message) {
    super(message, null);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }
}
