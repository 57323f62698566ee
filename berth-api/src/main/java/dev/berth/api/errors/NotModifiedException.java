package dev.berth.api.errors;

/** Thrown when the request asks for a state the object is already in. */
public final class NotModifiedException extends BerthException {

  public NotModifiedException(String message) {
    super(message, null);
  }

  public NotModifiedException(String message, Throwable cause) {
    super(message, cause);
  }
}
