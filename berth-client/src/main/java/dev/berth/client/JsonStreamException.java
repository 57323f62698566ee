package dev.berth.client;

/**
 * An error the daemon reported inside a JSON progress stream ({@code {"errorDetail":...}}) after
 * it had answered 200, e.g. an import whose tar turned out to be invalid.
 */
public final class JsonStreamException extends RuntimeException {

  public JsonStreamException(String message) {
    super(message);
  }
}
