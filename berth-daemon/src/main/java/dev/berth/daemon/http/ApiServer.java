package dev.berth.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * berthd's HTTP/1.1 server for the Engine API: Netty on epoll, listening on unix sockets and,
 * optionally, on TCP with mutual TLS (the only way berthd listens on TCP). Handlers run on virtual
 * threads; the event loops only move bytes.
 *
 * <pre>{@code
 * Router router = new Router().get("/version", req -> Response.json(version));
 * try (ApiServer server = ApiServer.builder(router)
 *     .serverVersion("0.1.0")
 *     .unixSocket(Path.of("/run/berth.sock"))
 *     .start()) { ... }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  /** PEM files for mutual TLS: the CA that signs client certificates, our certificate and key. */
  public record TlsFiles(Path caCert, Path cert, Path key) {
    public TlsFiles {
      Objects.requireNonNull(caCert, "caCert");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(key, "key");
    }
  }

  private record TcpListener(InetSocketAddress address, TlsFiles tls) {}

  private final ServerContext context;
  private final EventLoopGroup group;
  private final ChannelGroup connections;
  private final List<Channel> listeners = new ArrayList<>();
  private final List<Path> socketFiles = new ArrayList<>();
  private boolean closed;

  public static Builder builder(Router router) {
    return new Builder(router);
  }

  /** Configures and starts an {@link ApiServer}. */
  public static final class Builder {
    private final Router router;
    private String serverVersion = "dev";
    private final List<Path> unixSockets = new ArrayList<>();
    private final List<TcpListener> tcp = new ArrayList<>();
    private TlsFiles tls;
    private int eventLoopThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Builder(Router router) {
      this.router = Objects.requireNonNull(router, "router");
    }

    /** berth's version, sent as {@code Server: Docker/<version> (linux)}. */
    public Builder serverVersion(String version) {
      this.serverVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Listens on a unix socket (parent directories created, a stale file replaced, mode 0660). */
    public Builder unixSocket(Path path) {
      unixSockets.add(Objects.requireNonNull(path, "path"));
      return this;
    }

    /** Listens on TCP with mutual TLS: clients must present a certificate signed by the CA. */
    public Builder tcp(InetSocketAddress address, TlsFiles tls) {
      tcp.add(
          new TcpListener(
              Objects.requireNonNull(address, "address"), Objects.requireNonNull(tls, "tls")));
      return this;
    }

    /** The TLS material used by {@code tcp://} hosts given to {@link #host(String)}. */
    public Builder tls(TlsFiles tls) {
      this.tls = tls;
      return this;
    }

    /**
     * A listener in dockerd's {@code -H} syntax: {@code unix:///path/to.sock} or {@code
     * tcp://host:port} (mutual TLS with the files given to {@link #tls}; refused without them).
     */
    public Builder host(String host) {
      if (host.startsWith("unix://")) {
        String path = host.substring("unix://".length());
        if (path.isEmpty()) {
          throw new IllegalArgumentException("invalid host \"" + host + "\": no socket path");
        }
        return unixSocket(Path.of(path));
      }
      if (host.startsWith("tcp://")) {
        if (tls == null) {
          throw new IllegalArgumentException(
              "listening on " + host + " requires TLS files: berthd serves TCP only with mutual TLS");
        }
        String hostPort = host.substring("tcp://".length());
        int slash = hostPort.indexOf('/');
        if (slash >= 0) {
          hostPort = hostPort.substring(0, slash);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("invalid host \"" + host + "\": no port");
        }
        String name = hostPort.substring(0, colon);
        if (name.startsWith("[") && name.endsWith("]")) {
          name = name.substring(1, name.length() - 1);
        }
        int port;
        try {
          port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid host \"" + host + "\": bad port", e);
        }
        InetSocketAddress address =
            name.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(name, port);
        return tcp(address, tls);
      }
      throw new IllegalArgumentException(
          "invalid host \"" + host + "\": use unix://PATH or tcp://HOST:PORT");
    }

    public Builder eventLoopThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1");
      }
      this.eventLoopThreads = threads;
      return this;
    }

    /** Binds every listener; on failure nothing stays bound. */
    public ApiServer start() throws IOException {
      if (unixSockets.isEmpty() && tcp.isEmpty()) {
        throw new IllegalStateException("no listener configured");
      }
      if (!Epoll.isAvailable()) {
        throw new IOException("epoll is not available", Epoll.unavailabilityCause());
      }
      ApiServer server = new ApiServer(this);
      try {
        for (Path p : unixSockets) {
          server.bindUnix(p);
        }
        for (TcpListener l : tcp) {
          server.bindTcp(l);
        }
      } catch (IOException | RuntimeException e) {
        server.close(Duration.ZERO);
        throw e;
      }
      return server;
    }
  }

  private ApiServer(Builder b) {
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("berth-http-", 0).factory());
    this.context = new ServerContext(b.router, executor, b.serverVersion);
    this.group =
        new MultiThreadIoEventLoopGroup(
            b.eventLoopThreads,
            new DefaultThreadFactory("berth-http-loop", true),
            EpollIoHandler.newFactory());
    this.connections = new DefaultChannelGroup("berth-http", GlobalEventExecutor.INSTANCE);
  }

  private ServerBootstrap bootstrap(SslContext ssl) {
    return new ServerBootstrap()
        .group(group)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                connections.add(ch);
                ChannelPipeline p = ch.pipeline();
                if (ssl != null) {
                  p.addLast(HttpConnection.SSL, ssl.newHandler(ch.alloc()));
                }
                p.addLast(
                    HttpConnection.DECODER,
                    new HttpRequestDecoder(
                        new HttpDecoderConfig()
                            .setMaxInitialLineLength(1 << 20)
                            .setMaxHeaderSize(1 << 20)
                            .setMaxChunkSize(64 << 10)
                            .setValidateHeaders(false)));
                p.addLast(HttpConnection.ENCODER, new HttpResponseEncoder());
                p.addLast(HttpConnection.CONTINUE, new HttpServerExpectContinueHandler());
                p.addLast(HttpConnection.HANDLER, new HttpConnection(context));
              }
            });
  }

  private void bindUnix(Path path) throws IOException {
    Path abs = path.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Files.deleteIfExists(abs); // a socket left by a previous run
    Channel ch =
        bootstrap(null)
            .channel(EpollServerDomainSocketChannel.class)
            .bind(new DomainSocketAddress(abs.toString()))
            .syncUninterruptibly()
            .channel();
    listeners.add(ch);
    socketFiles.add(abs);
    Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rw-rw----"));
    LOG.log(Level.INFO, "API listening on {0}", abs);
  }

  private void bindTcp(TcpListener l) throws IOException {
    SslContext ssl;
    try {
      ssl =
          SslContextBuilder.forServer(l.tls().cert().toFile(), l.tls().key().toFile())
              .trustManager(l.tls().caCert().toFile())
              .clientAuth(ClientAuth.REQUIRE)
              .build();
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot load TLS material " + l.tls() + ": " + e.getMessage(), e);
    }
    Channel ch =
        bootstrap(ssl)
            .channel(EpollServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .bind(l.address())
            .syncUninterruptibly()
            .channel();
    listeners.add(ch);
    InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
    LOG.log(
        Level.INFO,
        "API listening on tcp://{0}:{1,number,#} (mutual TLS)",
        bound.getHostString(),
        bound.getPort());
  }

  /** Where the server listens: unix socket addresses and bound TCP addresses (port resolved). */
  public List<SocketAddress> addresses() {
    List<SocketAddress> out = new ArrayList<>();
    for (Channel ch : listeners) {
      out.add(ch.localAddress());
    }
    return out;
  }

  /** Stops gracefully, giving requests in progress up to 5 seconds. */
  @Override
  public void close() {
    close(DEFAULT_GRACE);
  }

  /**
   * Stops accepting, lets requests in progress finish within {@code grace} (idle connections close
   * at once), then closes every connection (streams and hijacked connections see their thread
   * interrupted) and stops the event loops.
   */
  public synchronized void close(Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    context.startShutdown();
    for (Channel ch : listeners) {
      ch.close().awaitUninterruptibly();
    }
    for (Path p : socketFiles) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot remove socket {0}: {1}", p, e.toString());
      }
    }
    for (Channel ch : connections) {
      ch.eventLoop()
          .execute(
              () -> {
                HttpConnection c = ch.pipeline().get(HttpConnection.class);
                if (c == null || c.isIdle()) {
                  ch.close();
                }
              });
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    context.executor().shutdownNow();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
