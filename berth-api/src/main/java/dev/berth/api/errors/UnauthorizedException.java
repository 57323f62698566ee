package dev.berth.api.errors;

/** Thrown when credentials are missing or wrong. */
public final class UnauthorizedException extends BerthException {

  public UnauthorizedException(String message) {
    super(message, null);
  }

  public UnauthorizedException(String message, Throwable cause) {
    super(message, cause);
  }
}
