package dev.berth.client.transport;

import java.io.IOException;

/**
 * Opens a new connection to the daemon. {@link HttpTransport#unix} dials a unix socket; a TLS
 * transport over TCP is another implementation returning its own {@link Connection}.
 */
@FunctionalInterface
interface Dialer {
  Connection dial() throws IOException;
}
