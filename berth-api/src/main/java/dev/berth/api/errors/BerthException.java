package dev.berth.api.errors;

/**
 * Every failure berth reports to a user. The subtype says what kind of failure it is; the daemon's
 * ErrorMapper is the only place that turns a kind into an HTTP status, and the client turns a status
 * back into the same kind. Messages keep Docker's wording where clients match on it.
 */
public abstract sealed class BerthException extends RuntimeException
    permits NotFoundException, ConflictException, InvalidArgumentException, UnauthorizedException,
        ForbiddenException, UnavailableException, NotImplementedException, NotModifiedException,
        InternalException {

  protected BerthException(String message, Throwable cause) {
    super(message, cause);
  }
}
