package dev.berth.runtime;

import dev.berth.api.errors.ConflictException;
import dev.berth.sys.NativeIoException;
import dev.berth.sys.SeqPacketSocket;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A connection to the stdio of a container (or of an exec with a terminal) held by its monitor:
 * what the process writes from now on arrives through {@link #receive}, and {@link #write} feeds
 * its stdin when it was created with one. Several connections may be open at once; each gets all
 * output.
 *
 * <p>Over conmon's attach socket, each message the monitor sends is one read of the process's
 * output, its first byte naming the stream (2 stdout, 3 stderr; a terminal's output is all
 * stdout). The monitor blocks while a connection does not read, as a slow Docker attach holds up
 * its container. Calls block the calling platform thread; see {@link SeqPacketSocket}.
 */
public final class AttachConnection implements Closeable {

  /** One piece of output and the stream it was written to. */
  public record Output(LogEntry.Stream stream, byte[] bytes) {}

  private static final int CONMON_STDOUT = 2;
  private static final int CONMON_STDERR = 3;
  /** conmon sends at most 8192 bytes of output plus the stream byte per message. */
  private static final int OUTPUT_MESSAGE_MAX = 8192 + 1;
  /** conmon reads stdin messages into a 32 KiB buffer; a longer message would be cut short. */
  private static final int INPUT_MESSAGE_MAX = 32768;

  private final SeqPacketSocket socket;
  private final String owner;
  private final byte[] buffer = new byte[OUTPUT_MESSAGE_MAX];

  private AttachConnection(SeqPacketSocket socket, String owner) {
    this.socket = socket;
    this.owner = owner;
  }

  /** The next piece of output, or null once the process's output has ended or this was closed. */
  public Output receive() throws IOException {
    while (true) {
      int n = socket.receive(buffer);
      if (n < 0) {
        return null;
      }
      if (n < 2) {
        continue;
      }
      LogEntry.Stream stream = switch (buffer[0]) {
        case CONMON_STDOUT -> LogEntry.Stream.STDOUT;
        case CONMON_STDERR -> LogEntry.Stream.STDERR;
        default -> throw new IOException(owner + ": unknown stream " + buffer[0] + " on the attach socket");
      };
      return new Output(stream, Arrays.copyOfRange(buffer, 1, n));
    }
  }

  /** Writes to the process's stdin. */
  public void write(byte[] bytes, int offset, int length) throws IOException {
    for (int sent = 0; sent < length; sent += INPUT_MESSAGE_MAX) {
      socket.send(bytes, offset + sent, Math.min(INPUT_MESSAGE_MAX, length - sent));
    }
  }

  /**
   * Ends this connection's input. The monitor then closes the process's stdin, unless it was told
   * to keep it open for the next client.
   */
  public void closeInput() throws IOException {
    socket.shutdownOutput();
  }

  /** Closes the connection; a {@link #receive} blocked in another thread returns null. */
  @Override
  public void close() {
    socket.close();
  }

  /** Connects to the monitor's attach socket; a monitor that is gone means the process is not running. */
  static AttachConnection open(Path socketPath, String owner) {
    try {
      return new AttachConnection(SeqPacketSocket.connect(socketPath), owner);
    } catch (NativeIoException e) {
      throw new ConflictException(owner + " is not running: " + e.getMessage());
    }
  }
}
