package dev.berth.daemon.routes;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.daemon.http.Request;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code since} and {@code until} parameters of logs and events: the docker CLI turns what the user
 * typed (a duration, RFC 3339, a timestamp) into Unix seconds with a fraction, {@code 1700000000.000000000}.
 */
final class QueryTimes {

  private QueryTimes() {}

  /** The time a parameter names; empty when absent, empty or 0 (Docker's "no bound"). */
  static Optional<Instant> of(Request request, String name) {
    String text = request.query(name);
    if (text == null || text.isEmpty() || text.equals("0")) {
      return Optional.empty();
    }
    try {
      BigDecimal seconds = new BigDecimal(text);
      return Optional.of(Instant.ofEpochSecond(seconds.longValue(),
          seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidArgumentException("invalid value for " + name + ": " + text, e);
    }
  }
}
