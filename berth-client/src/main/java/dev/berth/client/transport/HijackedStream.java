package dev.berth.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection the daemon hijacked for attach or exec: {@link #input()} is what the container
 * writes (framed with {@link StdStreamDemux} when {@link #multiplexed()}), {@link #output()} goes
 * to its stdin. {@link #closeWrite()} half-closes (the container sees end of stdin) while output
 * keeps arriving. Read and write from two threads; close when done.
 */
public final class HijackedStream implements AutoCloseable {

  private final Connection connection;
  private final int status;
  private final String contentType;
  private final InputStream input;
  private final OutputStream output;

  HijackedStream(Connection connection, int status, String contentType) {
    this.connection = connection;
    this.status = status;
    this.contentType = contentType;
    this.input =
        new InputStream() {
          @Override
          public int read() throws IOException {
            return connection.read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return connection.read(b, off, len);
          }

          @Override
          public void close() {
            connection.close();
          }
        };
    this.output =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            connection.write(new byte[] {(byte) b});
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            connection.write(b, off, len);
          }

          /** Closing stdin half-closes the connection, as Docker's CloseWrite does. */
          @Override
          public void close() throws IOException {
            closeWrite();
          }
        };
  }

  /** 101 when the daemon upgraded, 200 for its no-upgrade fallback. */
  public int status() {
    return status;
  }

  /** {@code application/vnd.docker.raw-stream} or {@code ...multiplexed-stream} (API 1.42+). */
  public String contentType() {
    return contentType;
  }

  /** True when the daemon said the stream is multiplexed; older daemons say raw-stream for both. */
  public boolean multiplexed() {
    return "application/vnd.docker.multiplexed-stream".equals(contentType);
  }

  public InputStream input() {
    return input;
  }

  /** Unbuffered: each write goes to the socket. */
  public OutputStream output() {
    return output;
  }

  public void closeWrite() throws IOException {
    if (!connection.isClosed()) {
      connection.shutdownOutput();
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
