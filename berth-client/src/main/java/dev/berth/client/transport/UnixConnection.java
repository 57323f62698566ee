package dev.berth.client.transport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A connection over a unix domain socket, on a blocking JDK {@link SocketChannel}. */
final class UnixConnection extends Connection {

  private final SocketChannel channel;
  private final String endpoint;

  private UnixConnection(SocketChannel channel, String endpoint) {
    this.channel = channel;
    this.endpoint = endpoint;
  }

  static UnixConnection open(Path socket) throws IOException {
    String endpoint = "unix://" + socket;
    try {
      return new UnixConnection(SocketChannel.open(UnixDomainSocketAddress.of(socket)), endpoint);
    } catch (IOException e) {
      throw new IOException(
          "Cannot connect to the berth daemon at " + endpoint + ". Is the daemon running? ("
              + e.getMessage() + ")",
          e);
    }
  }

  @Override
  protected int readRaw(byte[] b, int off, int len) throws IOException {
    int n;
    do {
      n = channel.read(ByteBuffer.wrap(b, off, len));
    } while (n == 0);
    return n;
  }

  @Override
  protected void writeRaw(byte[] b, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(b, off, len);
    while (bb.hasRemaining()) {
      channel.write(bb);
    }
  }

  @Override
  void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  protected void closeRaw() throws IOException {
    channel.close();
  }

  @Override
  String endpoint() {
    return endpoint;
  }
}
