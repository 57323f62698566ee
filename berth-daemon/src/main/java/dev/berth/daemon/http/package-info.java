/**
 * berthd's HTTP layer for the Docker Engine API: {@link dev.berth.daemon.http.ApiServer} (Netty on
 * epoll; unix sockets, TCP only with mutual TLS), {@link dev.berth.daemon.http.Router} (moby-style
 * templates, {@code /v1.NN} prefixes, built-in {@code /_ping}), {@link
 * dev.berth.daemon.http.Handler}s that run on virtual threads and return immutable {@link
 * dev.berth.daemon.http.Response}s (JSON, empty, bytes, chunked stream, hijack), {@link
 * dev.berth.daemon.http.ErrorMapper} (the only place a failure becomes a status) and {@link
 * dev.berth.daemon.http.StdStreamMux} (Docker's 8-byte stream framing).
 */
package dev.berth.daemon.http;
