package dev.berth.client.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.ApiJson;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.ForbiddenException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.api.errors.NotImplementedException;
import dev.berth.api.errors.NotModifiedException;
import dev.berth.api.errors.UnauthorizedException;
import dev.berth.api.errors.UnavailableException;
import java.nio.charset.StandardCharsets;

/**
 * Turns an error response back into the {@link BerthException} the daemon threw: the inverse of
 * the daemon's {@code ErrorMapper}. The message comes from the {@code {"message":"..."}} body
 * (falling back to the body text, then to the status).
 */
public final class ErrorDecoder {

  private ErrorDecoder() {}

  /** True for statuses that {@link #decode} turns into an exception (304 and 4xx/5xx). */
  public static boolean isError(int status) {
    return status == 304 || status >= 400;
  }

  public static BerthException decode(int status, byte[] body) {
    String message = message(status, body);
    return switch (status) {
      case 304 -> new NotModifiedException(message);
      case 400 -> new InvalidArgumentException(message);
      case 401 -> new UnauthorizedException(message);
      case 403 -> new ForbiddenException(message);
      case 404 -> new NotFoundException(message);
      case 409 -> new ConflictException(message);
      case 501 -> new NotImplementedException(message);
      case 503 -> new UnavailableException(message);
      default -> new InternalException(message);
    };
  }

  static String message(int status, byte[] body) {
    if (body != null && body.length > 0) {
      try {
        JsonNode node = ApiJson.mapper().readTree(body);
        if (node != null && node.hasNonNull("message")) {
          return node.get("message").asText();
        }
      } catch (java.io.IOException notJson) {
        // fall through to the raw text
      }
      String text = new String(body, StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        return text;
      }
    }
    return "request failed with status " + status;
  }
}
