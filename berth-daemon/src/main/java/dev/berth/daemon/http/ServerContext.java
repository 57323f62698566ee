package dev.berth.daemon.http;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/** What every connection of one server shares: routes, executor, standard headers. */
final class ServerContext {

  static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  static final HttpHeaders EMPTY_TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false).newEmptyHeaders();

  // Canonical case, as Go writes header names.
  static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
  static final AsciiString CONNECTION = AsciiString.cached("Connection");
  static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");

  private static final AsciiString API_VERSION = AsciiString.cached("Api-Version");
  private static final AsciiString DOCKER_EXPERIMENTAL = AsciiString.cached("Docker-Experimental");
  private static final AsciiString OSTYPE = AsciiString.cached("Ostype");
  private static final AsciiString SERVER = AsciiString.cached("Server");
  private static final AsciiString DATE = AsciiString.cached("Date");
  private static final AsciiString API_VERSION_VALUE = AsciiString.cached(ApiVersion.CURRENT.value());
  private static final AsciiString FALSE = AsciiString.cached("false");
  private static final AsciiString LINUX = AsciiString.cached("linux");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final Router router;
  private final ExecutorService executor;
  private final AsciiString serverHeader;
  private volatile boolean shuttingDown;
  private volatile DateStamp date = new DateStamp(0, "");

  private record DateStamp(long second, String text) {}

  ServerContext(Router router, ExecutorService executor, String serverVersion) {
    this.router = router;
    this.executor = executor;
    this.serverHeader = new AsciiString("Docker/" + serverVersion + " (linux)");
  }

  Router router() {
    return router;
  }

  ExecutorService executor() {
    return executor;
  }

  boolean shuttingDown() {
    return shuttingDown;
  }

  void startShutdown() {
    shuttingDown = true;
  }

  /** Fresh headers holding the ones every response carries. */
  HttpHeaders newHeaders() {
    HttpHeaders h = HEADERS.newHeaders();
    h.add(API_VERSION, API_VERSION_VALUE);
    h.add(DOCKER_EXPERIMENTAL, FALSE);
    h.add(OSTYPE, LINUX);
    h.add(SERVER, serverHeader);
    h.add(DATE, httpDate());
    return h;
  }

  private String httpDate() {
    long now = System.currentTimeMillis() / 1000;
    DateStamp d = date;
    if (d.second() != now) {
      d = new DateStamp(now, HTTP_DATE.format(Instant.ofEpochSecond(now)));
      date = d;
    }
    return d.text();
  }
}
