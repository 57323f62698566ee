/**
 * A blocking HTTP/1.1 client for the Engine API over JDK unix domain sockets: {@link
 * dev.berth.client.transport.HttpTransport} (keep-alive pool, chunked bodies, hijack), {@link
 * dev.berth.client.transport.ErrorDecoder} (status → the daemon's exception kind) and {@link
 * dev.berth.client.transport.StdStreamDemux} (Docker's 8-byte stream framing).
 */
package dev.berth.client.transport;
