package dev.berth.api.errors;

/** Thrown when berth does not offer this operation. */
public final class NotImplementedException extends BerthException {

  public NotImplementedException(String message) {
    super(message, null);
  }

  public NotImplementedException(String message, Throwable cause) {
    super(message, cause);
  }
}
