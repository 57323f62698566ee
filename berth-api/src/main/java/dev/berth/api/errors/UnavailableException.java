package dev.berth.api.errors;

/** Thrown when a dependency (runtime, registry, disk) cannot serve the request now. */
public final class UnavailableException extends BerthException {

  public UnavailableException(String message) {
    super(message, null);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
