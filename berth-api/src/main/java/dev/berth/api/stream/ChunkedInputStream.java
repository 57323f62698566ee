package dev.berth.api.stream;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream over a source that yields bytes a chunk at a time (socket messages, filtered
 * reads): each chunk is handed out across as many reads as it takes before the next is fetched.
 */
public abstract class ChunkedInputStream extends InputStream {

  private byte[] chunk = new byte[0];
  private int position;

  /** The next chunk, possibly empty; null at the end of the stream. */
  protected abstract byte[] nextChunk() throws IOException;

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (position == chunk.length) {
      byte[] next = nextChunk();
      if (next == null) {
        return -1;
      }
      chunk = next;
      position = 0;
    }
    int n = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, into, offset, n);
    position += n;
    return n;
  }
}
