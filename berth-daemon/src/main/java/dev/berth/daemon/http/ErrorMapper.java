package dev.berth.daemon.http;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The only place that turns a failure into an HTTP status (moby's {@code httpstatus.FromError}).
 * The body is {@code {"message":"..."}}; 304 has none. Failures that are not a {@link
 * BerthException}, and {@link InternalException}s, are logged with their stack trace.
 */
public final class ErrorMapper {

  private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

  /** The error body Docker sends. */
  public record ErrorMessage(@JsonProperty("message") String message) {}

  private ErrorMapper() {}

  /** The HTTP status for a failure. */
  public static int status(Throwable failure) {
    return switch (unwrap(failure)) {
      case BerthException e -> status(e);
      default -> 500;
    };
  }

  static int status(BerthException e) {
    return switch (e) {
      case NotFoundException x -> 404;
      case ConflictException x -> 409;
      case InvalidArgumentException x -> 400;
      case UnauthorizedException x -> 401;
      case ForbiddenException x -> 403;
      case UnavailableException x -> 503;
      case NotImplementedException x -> 501;
      case NotModifiedException x -> 304;
      case InternalException x -> 500;
    };
  }

  /** The response for a failure; logs it when it is unexpected. */
  public static Response toResponse(Throwable failure) {
    Throwable t = unwrap(failure);
    int status = status(t);
    if (status == 304) {
      return Response.empty(304);
    }
    String message = message(t);
    if (!(t instanceof BerthException) || t instanceof InternalException) {
      LOG.log(Level.ERROR, "request failed: " + message, t);
    } else if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "request failed with " + status + ": " + message);
    }
    return Response.json(status, new ErrorMessage(message));
  }

  static String message(Throwable t) {
    String m = t.getMessage();
    return m != null ? m : t.getClass().getName();
  }

  /** Looks through the wrappers that executors and reflection add. */
  static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException
            || cur instanceof ExecutionException
            || cur instanceof InvocationTargetException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }
}
