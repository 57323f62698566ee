package dev.berth.api.container;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.stream.ChunkedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The key sequence that detaches a client from a container or exec and leaves it running: Docker's
 * comma-separated keys, each a single character or {@code ctrl-<c>} with c one of a-z, @, [, \, ],
 * ^ and _ (default {@code ctrl-p,ctrl-q}).
 */
public record DetachKeys(byte[] sequence) {

  public static final String DEFAULT = "ctrl-p,ctrl-q";

  public DetachKeys {
    sequence = sequence.clone();
  }

  /** Parses Docker's notation; null or empty means the default. */
  public static DetachKeys parse(String keys) {
    String text = keys == null || keys.isEmpty() ? DEFAULT : keys;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String key : text.split(",", -1)) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (key.length() == 1) {
        bytes.write(key.charAt(0));
      } else if (lower.startsWith("ctrl-") && key.length() == 6 && control(lower.charAt(5)) >= 0) {
        bytes.write(control(lower.charAt(5)));
      } else {
        throw new InvalidArgumentException("Invalid detach keys (" + keys + ") provided");
      }
    }
    return new DetachKeys(bytes.toByteArray());
  }

  private static int control(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    return switch (c) {
      case '@' -> 0;
      case '[' -> 27;
      case '\\' -> 28;
      case ']' -> 29;
      case '^' -> 30;
      case '_' -> 31;
      default -> -1;
    };
  }

  @Override
  public byte[] sequence() {
    return sequence.clone();
  }

  /**
   * {@code in} with the sequence taken out: reading ends (-1) right after the sequence, and {@link
   * Watcher#detached()} then says so. Bytes that only began the sequence pass through unchanged.
   */
  public Watcher watch(InputStream in) {
    return new Watcher(in, sequence);
  }

  /** A client's input, watched for the detach sequence. */
  public static final class Watcher extends ChunkedInputStream {
    private final InputStream in;
    private final byte[] sequence;
    private final byte[] buffer = new byte[8192];
    private int matched;
    private boolean detached;
    private boolean ended;

    private Watcher(InputStream in, byte[] sequence) {
      this.in = in;
      this.sequence = sequence;
    }

    /** Whether the client typed the sequence. */
    public boolean detached() {
      return detached;
    }

    /** Reads once from the client and keeps what is data, holding back a possible start of the sequence. */
    @Override
    protected byte[] nextChunk() throws IOException {
      if (detached || ended) {
        return null;
      }
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      int n = in.read(buffer);
      if (n < 0) {
        // a partial sequence at the end of input was the client's data after all
        data.write(sequence, 0, matched);
        matched = 0;
        ended = true;
      }
      for (int i = 0; i < n && !detached; i++) {
        byte b = buffer[i];
        if (b != sequence[matched] && matched > 0) {
          data.write(sequence, 0, matched);
          matched = 0;
        }
        if (b == sequence[matched]) {
          matched++;
          detached = matched == sequence.length;
        } else {
          data.write(b);
        }
      }
      return data.toByteArray();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
