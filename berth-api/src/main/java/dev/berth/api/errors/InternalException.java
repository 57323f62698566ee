package dev.berth.api.errors;

/** Thrown when berth failed in a way the request could not cause. */
public final class InternalException extends BerthException {

  public InternalException(String message) {
    super(message, null);
  }

  public InternalException(String message, Throwable cause) {
    super(message, cause);
  }
}
