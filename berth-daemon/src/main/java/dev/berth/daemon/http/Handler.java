package dev.berth.daemon.http;

/**
 * Serves one route. Runs on its own virtual thread, so it may block. Throw a {@link
 * dev.berth.api.errors.BerthException} to answer with an error; {@link ErrorMapper} picks the
 * status. Anything else thrown becomes a 500 and is logged with its stack trace.
 */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
