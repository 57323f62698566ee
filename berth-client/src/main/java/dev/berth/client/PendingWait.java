package dev.berth.client;

import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.client.transport.Response;
import java.io.IOException;

/**
 * A {@code POST /containers/{id}/wait} whose response headers arrived: the daemon is now
 * watching the container, so it is safe to start it; {@link #await()} blocks until the body (sent
 * when the condition is met) arrives. {@code docker run} issues its wait this way before starting.
 */
public final class PendingWait implements AutoCloseable {

  private final Response response;

  PendingWait(Response response) {
    this.response = response;
  }

  /** Blocks until the container met the condition; returns its exit status (and wait error). */
  public ContainerWaitResponse await() throws IOException {
    try (Response r = response) {
      return (ContainerWaitResponse) RecordCodec.fromPlain(Json.parse(r.body()), ContainerWaitResponse.class);
    }
  }

  /** Gives up waiting (drops the connection). */
  @Override
  public void close() {
    response.close();
  }
}
