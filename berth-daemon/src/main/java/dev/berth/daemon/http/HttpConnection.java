package dev.berth.daemon.http;

import dev.berth.daemon.http.Response.HijackResponse;
import dev.berth.daemon.http.Response.StreamResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;

/**
 * One client connection: reads requests, dispatches each to its handler on a virtual thread, and
 * writes the response. One request is served at a time; requests a client pipelines meanwhile
 * wait (and reading pauses). All fields without a lock are touched only on the event loop.
 *
 * <p>Hijacking: for a request carrying {@code Upgrade}, the HTTP decoder leaves the pipeline as
 * soon as the request ends, so bytes the client sends next (stdin, possibly before our {@code 101})
 * are kept raw; if the handler hijacks, the encoder leaves too and the connection is a raw duplex.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {

  static final String SSL = "ssl";
  static final String DECODER = "http-decoder";
  static final String ENCODER = "http-encoder";
  static final String CONTINUE = "http-continue";
  static final String HANDLER = "berth-http";

  private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());

  private static final byte[] PAGE_NOT_FOUND =
      Json.encode(new ErrorMapper.ErrorMessage("page not found"));
  private static final HttpResponseStatus UPGRADED = new HttpResponseStatus(101, "UPGRADED");

  private final ServerContext server;
  private ChannelHandlerContext ctx;
  private Channel channel;

  private Exchange current;
  private final ArrayDeque<Object> pending = new ArrayDeque<>(2);
  private boolean pausedBusy;
  private boolean pausedBody;
  private boolean inputShutdown;
  private boolean decoderRemoved;
  private BodyStream rawInput;

  private final ReentrantLock writeLock = new ReentrantLock();
  private final Condition writabilityChanged = writeLock.newCondition();

  HttpConnection(ServerContext server) {
    this.server = server;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.channel = ctx.channel();
  }

  // ------------------------------------------------------------------ inbound (event loop)

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (decoderRemoved) {
      if (msg instanceof ByteBuf buf && rawInput != null) {
        if (!rawInput.offer(buf)) {
          ctx.close();
        }
      } else {
        ReferenceCountUtil.release(msg);
      }
      return;
    }
    if (current != null && current.requestComplete) {
      pending.add(msg);
      setPausedBusy(true);
      return;
    }
    onHttpObject(msg);
  }

  private void onHttpObject(Object msg) {
    if (msg instanceof HttpRequest request) {
      if (request.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        rejectMalformed(request.decoderResult().cause());
        return;
      }
      startExchange(request);
    }
    if (msg instanceof HttpContent content) {
      Exchange ex = current;
      if (ex == null || ex.requestComplete) {
        content.release();
        return;
      }
      if (content.decoderResult().isFailure()) {
        content.release();
        ex.body.fail(new IOException("malformed request body"));
        ex.requestBroken = true;
        return;
      }
      if (!ex.body.offer(content.content())) {
        ctx.close();
        return;
      }
      if (content instanceof LastHttpContent) {
        ex.requestComplete = true;
        ex.body.end();
        if (ex.upgrade) {
          removeDecoder();
        }
        if (ex.responseDone && channel.isActive()) {
          finishExchange(ex);
        }
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Nothing buffered here; writes are flushed explicitly.
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      inputShutdown = true;
      if (rawInput != null) {
        rawInput.end();
      } else if (current == null) {
        ctx.close();
      } else if (!current.requestComplete) {
        current.body.fail(new EOFException("request body cut short: client closed its side"));
        current.requestBroken = true;
      } else {
        // Like Go's server: a client that stops sending while a plain request (or a stream such
        // as logs -f) is in progress has gone away, or will read this last response only.
        current.disconnected();
      }
    } else if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
      LOG.log(Level.DEBUG, "TLS handshake failed: {0}", hs.cause().toString());
      ctx.close();
    }
    ReferenceCountUtil.release(evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    signalWriters();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange ex = current;
    if (ex != null) {
      if (!ex.requestComplete) {
        ex.body.fail(new IOException("client disconnected"));
      }
      ex.disconnected();
    }
    if (rawInput != null) {
      rawInput.end();
    }
    releasePending();
    signalWriters();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException
        || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
      LOG.log(Level.DEBUG, "connection error: {0}", cause.toString());
    } else {
      LOG.log(Level.WARNING, "connection error", cause);
    }
    ctx.close();
  }

  // ------------------------------------------------------------------ dispatch (event loop)

  private void startExchange(HttpRequest request) {
    Exchange ex = new Exchange(request);
    current = ex;
    String uri = request.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? null : uri.substring(q + 1);
    if (!rawPath.startsWith("/")) {
      rawPath = stripAbsoluteForm(rawPath);
    }
    String path;
    try {
      path = PathDecoder.decode(rawPath);
    } catch (IllegalArgumentException e) {
      respondInline(ex, 400, "invalid request path: " + e.getMessage());
      return;
    }
    ApiVersion version = ApiVersion.CURRENT;
    int versionEnd = versionPrefixEnd(path);
    if (versionEnd > 0) {
      version = ApiVersion.of(path.substring(2, versionEnd));
      path = path.substring(versionEnd);
    }
    String method = request.method().name();
    Router.Resolution resolution = server.router().resolve(method, path);
    switch (resolution) {
      case Router.NotFound nf -> respondInline(ex, 404, PAGE_NOT_FOUND);
      case Router.Found found -> {
        if (version.compareTo(ApiVersion.MINIMUM) < 0) {
          respondInline(
              ex,
              400,
              "client version "
                  + version
                  + " is too old. Minimum supported API version is "
                  + ApiVersion.MINIMUM
                  + ", please upgrade your client to a newer version");
          return;
        }
        if (version.compareTo(ApiVersion.CURRENT) > 0) {
          respondInline(
              ex,
              400,
              "client version "
                  + version
                  + " is too new. Maximum supported API version is "
                  + ApiVersion.CURRENT);
          return;
        }
        ex.request =
            new Request(ex, method, path, rawQuery, version, found.variables(), request.headers());
        ex.handler = found.route().handler();
        try {
          server.executor().execute(() -> run(ex));
        } catch (RejectedExecutionException shuttingDown) {
          respondInline(ex, 503, "the daemon is shutting down");
        }
      }
    }
  }

  /** "/v1.47/containers/json" → 6 (the index of the path after the prefix); 0 when none. */
  static int versionPrefixEnd(String path) {
    if (path.length() < 4 || path.charAt(1) != 'v') {
      return 0;
    }
    int i = 2;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '/') {
        return i > 2 ? i : 0;
      }
      if ((c < '0' || c > '9') && c != '.') {
        return 0;
      }
      i++;
    }
    return 0;
  }

  private static String stripAbsoluteForm(String target) {
    int scheme = target.indexOf("://");
    if (scheme < 0) {
      return "/" + target;
    }
    int slash = target.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : target.substring(slash);
  }

  private void respondInline(Exchange ex, int status, String message) {
    respondInline(ex, status, Json.encode(new ErrorMapper.ErrorMessage(message)));
  }

  private void respondInline(Exchange ex, int status, byte[] json) {
    respondInline(ex, Response.bytes(status, Response.JSON, json));
  }

  private void respondInline(Exchange ex, Response response) {
    writeFinal(ex, toFull(ex, response));
  }

  private void rejectMalformed(Throwable cause) {
    byte[] body =
        Json.encode(new ErrorMapper.ErrorMessage("malformed HTTP request: " + cause.getMessage()));
    HttpHeaders h = server.newHeaders();
    h.set(ServerContext.CONTENT_TYPE, Response.JSON);
    h.setInt(ServerContext.CONTENT_LENGTH, body.length);
    h.set(ServerContext.CONNECTION, HttpHeaderValues.CLOSE);
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.BAD_REQUEST,
            Unpooled.wrappedBuffer(body),
            h,
            ServerContext.EMPTY_TRAILERS);
    releasePending();
    current = null;
    decoderRemoved = true; // ignore whatever else arrives
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  // ------------------------------------------------------------------ handler side (virtual thread)

  private void run(Exchange ex) {
    ex.thread = Thread.currentThread();
    Response response;
    try {
      response = ex.handler.handle(ex.request);
      if (response == null) {
        throw new IllegalStateException(
            "handler returned no response for " + ex.request.method() + " " + ex.request.path());
      }
    } catch (Throwable t) {
      response = ErrorMapper.toResponse(t);
    }
    try {
      switch (response) {
        case StreamResponse s -> runStream(ex, s);
        case HijackResponse h -> runHijack(ex, h);
        default -> sendFull(ex, response);
      }
    } catch (Throwable t) {
      LOG.log(Level.ERROR, "failed to send a response", t);
      channel.close();
    }
  }

  private void sendFull(Exchange ex, Response response) {
    FullHttpResponse full;
    try {
      full = toFull(ex, response);
    } catch (RuntimeException e) {
      full = toFull(ex, ErrorMapper.toResponse(e));
    }
    FullHttpResponse msg = full;
    runOnLoop(() -> writeFinal(ex, msg), msg);
  }

  private FullHttpResponse toFull(Exchange ex, Response response) {
    ByteBuf content;
    String contentType;
    switch (response) {
      case Response.JsonResponse j -> {
        content = Unpooled.wrappedBuffer(Json.encode(j.body()));
        contentType = Response.JSON;
      }
      case Response.BytesResponse b -> {
        content = Unpooled.wrappedBuffer(b.body());
        contentType = b.contentType();
      }
      case Response.EmptyResponse e -> {
        content = Unpooled.EMPTY_BUFFER;
        contentType = null;
      }
      default -> throw new IllegalArgumentException("not a full response: " + response);
    }
    int status = response.status();
    HttpHeaders h = server.newHeaders();
    if (contentType != null) {
      h.set(ServerContext.CONTENT_TYPE, contentType);
    }
    addHeaders(h, response.headers());
    if (status >= 200 && status != 204 && status != 304) {
      h.setInt(ServerContext.CONTENT_LENGTH, content.readableBytes());
    }
    if (ex.headOnly && content.isReadable()) {
      content.release();
      content = Unpooled.EMPTY_BUFFER;
    }
    return new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(status),
        content,
        h,
        ServerContext.EMPTY_TRAILERS);
  }

  private static void addHeaders(HttpHeaders h, Map<String, String> extra) {
    if (!extra.isEmpty()) {
      extra.forEach(h::set);
    }
  }

  private void runStream(Exchange ex, StreamResponse s) {
    HttpHeaders h = server.newHeaders();
    h.set(ServerContext.CONTENT_TYPE, s.contentType());
    addHeaders(h, s.headers());
    HttpResponseStatus status = HttpResponseStatus.valueOf(s.status());
    if (ex.headOnly) {
      runOnLoopFull(
          ex,
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER, h, ServerContext.EMPTY_TRAILERS));
      return;
    }
    if (ex.head.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      h.set(ServerContext.CONNECTION, HttpHeaderValues.CLOSE);
    } else {
      h.set(ServerContext.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    ChannelOutputStream out =
        new ChannelOutputStream(this, ex, new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, h));
    ex.interruptible = true;
    try {
      s.body().writeTo(out);
      endInterruptible(ex);
      out.finish();
    } catch (Throwable t) {
      endInterruptible(ex);
      if (!out.committed()) {
        out.discard();
        sendFull(ex, ErrorMapper.toResponse(t));
        return;
      }
      logStreamFailure(ex, "stream", t);
      out.discard();
      closeAfterWrites();
    }
  }

  private void runOnLoopFull(Exchange ex, FullHttpResponse msg) {
    runOnLoop(() -> writeFinal(ex, msg), msg);
  }

  private void runHijack(Exchange ex, HijackResponse h) {
    String contentType =
        ex.upgrade && h.multiplexed() && ex.request.apiVersion().isAtLeast("1.42")
            ? Response.MULTIPLEXED_STREAM
            : Response.RAW_STREAM;
    StringBuilder head = new StringBuilder(320);
    if (ex.upgrade) {
      head.append("HTTP/1.1 101 UPGRADED\r\nContent-Type: ")
          .append(contentType)
          .append("\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n");
    } else {
      head.append("HTTP/1.1 200 OK\r\nContent-Type: ").append(contentType).append("\r\n");
    }
    HttpHeaders standard = server.newHeaders();
    addHeaders(standard, h.headers());
    standard.forEach(e -> head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n"));
    head.append("\r\n");
    ByteBuf headBytes = Unpooled.wrappedBuffer(head.toString().getBytes(StandardCharsets.ISO_8859_1));

    CompletableFuture<BodyStream> ready = new CompletableFuture<>();
    Runnable setup =
        () -> {
          if (!channel.isActive() || ex != current) {
            headBytes.release();
            ready.complete(null);
            return;
          }
          removeDecoder();
          releasePending();
          setPausedBusy(false);
          ChannelPipeline p = ctx.pipeline();
          if (p.get(CONTINUE) != null) {
            p.remove(CONTINUE);
          }
          if (p.get(ENCODER) != null) {
            p.remove(ENCODER);
          }
          ex.responseDone = true;
          ctx.writeAndFlush(headBytes);
          ready.complete(rawInput);
        };
    try {
      channel.eventLoop().execute(setup);
    } catch (RejectedExecutionException shuttingDown) {
      headBytes.release();
      return;
    }
    BodyStream in = ready.join();
    if (in == null) {
      return;
    }
    ChannelOutputStream out = new ChannelOutputStream(this, ex);
    ex.interruptible = true;
    try {
      h.body().run(in, out);
      endInterruptible(ex);
      out.finish();
    } catch (Throwable t) {
      endInterruptible(ex);
      logStreamFailure(ex, "hijacked stream", t);
      out.discard();
    } finally {
      in.discard();
      closeAfterWrites();
    }
  }

  private void logStreamFailure(Exchange ex, String what, Throwable t) {
    if (ex.disconnected
        || !channel.isActive()
        || t instanceof InterruptedIOException
        || t instanceof InterruptedException) {
      LOG.log(Level.DEBUG, "{0} ended: client went away ({1})", what, t.toString());
    } else {
      LOG.log(
          Level.WARNING,
          what + " of " + ex.request.method() + " " + ex.request.path() + " failed",
          t);
    }
  }

  private static void endInterruptible(Exchange ex) {
    ex.interruptible = false;
    Thread.interrupted(); // a disconnect may have interrupted us; the next steps must not see it
  }

  /** Writes the pending head and a content message from the handler's thread, then flushes. */
  void writeFromHandler(HttpResponse head, Object content) {
    if (head != null) {
      channel.write(head);
    }
    if (content != null) {
      channel.writeAndFlush(content);
    } else {
      channel.flush();
    }
  }

  /** Ends a streamed response (called from the handler's thread by the stream's finish()). */
  void finishStream(Exchange ex, HttpResponse head, ByteBuf buffered) {
    if (head != null) {
      // Nothing went out yet: send it all as one response with a Content-Length.
      ByteBuf content = buffered != null ? buffered : Unpooled.EMPTY_BUFFER;
      HttpHeaders h = head.headers();
      h.remove(ServerContext.TRANSFER_ENCODING);
      h.setInt(ServerContext.CONTENT_LENGTH, content.readableBytes());
      runOnLoopFull(
          ex,
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, head.status(), content, h, ServerContext.EMPTY_TRAILERS));
      return;
    }
    Object chunk =
        buffered != null && buffered.isReadable() ? new DefaultHttpContent(buffered) : null;
    if (chunk == null && buffered != null) {
      buffered.release();
    }
    runOnLoop(
        () -> {
          if (chunk != null) {
            writeFinal(ex, chunk, LastHttpContent.EMPTY_LAST_CONTENT);
          } else {
            writeFinal(ex, LastHttpContent.EMPTY_LAST_CONTENT);
          }
        },
        chunk);
  }

  /** Blocks the handler's thread while the connection's outbound buffer is full. */
  void awaitWritable() throws IOException {
    if (channel.isWritable()) {
      return;
    }
    writeLock.lock();
    try {
      while (!channel.isWritable() && channel.isActive()) {
        writabilityChanged.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to write");
    } finally {
      writeLock.unlock();
    }
    if (!channel.isActive()) {
      throw new IOException("client disconnected");
    }
  }

  private void signalWriters() {
    writeLock.lock();
    try {
      writabilityChanged.signalAll();
    } finally {
      writeLock.unlock();
    }
  }

  private void closeAfterWrites() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /** Runs {@code task} on the event loop; releases {@code msg} if the loop is gone. */
  private void runOnLoop(Runnable task, Object msg) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
      return;
    }
    try {
      channel.eventLoop().execute(task);
    } catch (RuntimeException rejected) {
      ReferenceCountUtil.release(msg);
    }
  }

  // ------------------------------------------------------------------ completion (event loop)

  /** Writes the last messages of the current exchange's response and moves on (or closes). */
  private void writeFinal(Exchange ex, Object... msgs) {
    if (ex != current || !channel.isActive()) {
      for (Object m : msgs) {
        ReferenceCountUtil.release(m);
      }
      return;
    }
    ex.responseDone = true;
    boolean close =
        !ex.keepAlive
            || inputShutdown
            || decoderRemoved
            || ex.requestBroken
            || server.shuttingDown();
    if (close && msgs[0] instanceof HttpResponse head) {
      head.headers().set(ServerContext.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ChannelFuture last = null;
    for (Object m : msgs) {
      last = ctx.write(m);
    }
    ctx.flush();
    if (close) {
      last.addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (ex.requestComplete) {
      finishExchange(ex);
    } else {
      // The handler answered without reading the whole body: drop the rest as it arrives.
      ex.body.discard();
    }
  }

  private void finishExchange(Exchange ex) {
    if (current != ex) {
      return;
    }
    current = null;
    ex.body.discard();
    while (!pending.isEmpty() && (current == null || !current.requestComplete) && !decoderRemoved) {
      onHttpObject(pending.poll());
    }
    if (pending.isEmpty()) {
      setPausedBusy(false);
    }
    if (current == null && (inputShutdown || server.shuttingDown())) {
      ctx.close();
    }
  }

  /** True when no request is in progress (used for graceful shutdown). */
  boolean isIdle() {
    return current == null;
  }

  private void removeDecoder() {
    if (decoderRemoved) {
      return;
    }
    decoderRemoved = true;
    rawInput = new BodyStream(this);
    ChannelPipeline p = ctx.pipeline();
    if (p.get(DECODER) != null) {
      p.remove(DECODER); // forwards bytes it had not decoded yet to channelRead, as raw bytes
    }
    if (inputShutdown) {
      rawInput.end();
    }
  }

  private void releasePending() {
    Object m;
    while ((m = pending.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }

  private void setPausedBusy(boolean paused) {
    pausedBusy = paused;
    updateAutoRead();
  }

  /** A body stream crossed a water mark; re-evaluates reading on the event loop. */
  void pressureChanged(BodyStream stream) {
    if (channel.eventLoop().inEventLoop()) {
      pausedBody = stream.isPaused();
      updateAutoRead();
    } else {
      channel
          .eventLoop()
          .execute(
              () -> {
                pausedBody = stream.isPaused();
                updateAutoRead();
              });
    }
  }

  private void updateAutoRead() {
    boolean want = !(pausedBusy || pausedBody);
    if (channel.config().isAutoRead() != want) {
      channel.config().setAutoRead(want);
    }
  }

  // ------------------------------------------------------------------ one request

  /** One request and its response. */
  final class Exchange {
    final HttpRequest head;
    final boolean keepAlive;
    final boolean upgrade;
    final boolean headOnly;
    final BodyStream body;
    Request request;
    Handler handler;

    // event loop only
    boolean requestComplete;
    boolean requestBroken;
    boolean responseDone;

    // shared
    volatile Thread thread;
    volatile boolean interruptible;
    volatile boolean disconnected;
    private List<Runnable> disconnectCallbacks;

    Exchange(HttpRequest head) {
      this.head = head;
      this.keepAlive = HttpUtil.isKeepAlive(head);
      // Docker's clients send "Upgrade: tcp"; other upgrades (h2c...) are ignored, as HTTP says.
      this.upgrade = head.headers().containsValue(HttpHeaderNames.UPGRADE, "tcp", true);
      this.headOnly = head.method().equals(HttpMethod.HEAD);
      this.body = new BodyStream(HttpConnection.this);
    }

    boolean isConnected() {
      return !disconnected && channel.isActive();
    }

    void onDisconnect(Runnable callback) {
      synchronized (this) {
        if (!disconnected) {
          if (disconnectCallbacks == null) {
            disconnectCallbacks = new ArrayList<>(2);
          }
          disconnectCallbacks.add(callback);
          return;
        }
      }
      try {
        server.executor().execute(callback);
      } catch (RejectedExecutionException shuttingDown) {
        Thread.ofVirtual().start(callback);
      }
    }

    /** On the event loop, when the connection closed while this exchange was current. */
    void disconnected() {
      List<Runnable> callbacks;
      synchronized (this) {
        disconnected = true;
        callbacks = disconnectCallbacks;
        disconnectCallbacks = null;
      }
      if (callbacks != null) {
        for (Runnable r : callbacks) {
          try {
            server.executor().execute(r);
          } catch (RejectedExecutionException shuttingDown) {
            Thread.ofVirtual().start(r);
          }
        }
      }
      Thread t = thread;
      if (interruptible && t != null) {
        t.interrupt();
      }
    }
  }
}
