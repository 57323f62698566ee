package dev.berth.snapshot;

import dev.berth.api.errors.InvalidArgumentException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * How a layer blob is compressed, told by its first bytes rather than by a media type: Docker
 * archives and some registries label layers loosely, and Docker itself sniffs the same way.
 */
enum Compression {
  NONE,
  GZIP,
  BZIP2,
  XZ,
  ZSTD;

  private static final int BUFFER = 1 << 16;
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
  // "BZh", a block size digit, then the magic of a first block (pi) or of an empty stream's end
  // (sqrt(pi)): three letters alone could be the start of a tar entry's file name.
  private static final byte[] BZIP2_BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
  private static final byte[] BZIP2_END = {0x17, 0x72, 0x45, 0x38, 0x50, (byte) 0x90};

  static Compression detect(byte[] h) {
    if (startsWith(h, GZIP_MAGIC)) {
      return GZIP;
    }
    if (startsWith(h, XZ_MAGIC)) {
      return XZ;
    }
    if (startsWith(h, ZSTD_MAGIC)) {
      return ZSTD;
    }
    if (h.length >= 10
        && h[0] == 'B'
        && h[1] == 'Z'
        && h[2] == 'h'
        && h[3] >= '1'
        && h[3] <= '9'
        && (regionEquals(h, 4, BZIP2_BLOCK) || regionEquals(h, 4, BZIP2_END))) {
      return BZIP2;
    }
    return NONE;
  }

  /**
   * The uncompressed, buffered content of {@code layer}. Closing the result does not close {@code
   * layer}, which stays its caller's. Data the decompressor cannot decode is reported as an {@link
   * InvalidArgumentException} (the layer's fault); a failure to read {@code layer} itself stays an
   * IOException.
   */
  static InputStream decompress(InputStream layer) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(new Source(layer), BUFFER);
    Compression compression = NONE;
    try {
      raw.mark(16);
      byte[] head = raw.readNBytes(10);
      raw.reset();
      compression = detect(head);
      return compression == NONE
          ? new Decoded(raw, NONE)
          : new BufferedInputStream(new Decoded(compression.decoder(raw), compression), BUFFER);
    } catch (IOException e) {
      throw compression.failure(e);
    }
  }

  private InputStream decoder(InputStream raw) throws IOException {
    // Concatenated streams are decoded whole (as Go's readers do): pigz and some registries
    // produce multi-member gzip.
    return switch (this) {
      case NONE -> raw;
      case GZIP ->
          GzipCompressorInputStream.builder()
              .setInputStream(raw)
              .setDecompressConcatenated(true)
              .get();
      case BZIP2 -> new BZip2CompressorInputStream(raw, true);
      case XZ ->
          XZCompressorInputStream.builder()
              .setInputStream(raw)
              .setDecompressConcatenated(true)
              .get();
      case ZSTD ->
          throw new InvalidArgumentException(
              "layer is zstd-compressed, which this build of berth cannot decompress");
    };
  }

  /**
   * What a failure while reading this kind of stream is, for the caller to throw: the source's own
   * IOException if reading the layer failed, else the decoder's complaint about the data, thrown
   * here as an InvalidArgumentException.
   */
  private IOException failure(IOException e) {
    if (e instanceof SourceFailure failure) {
      return failure.getCause();
    }
    if (this == NONE) {
      return e;
    }
    throw new InvalidArgumentException(
        "layer is not valid " + name().toLowerCase(Locale.ROOT) + " data: " + e.getMessage(), e);
  }

  private static boolean startsWith(byte[] h, byte[] magic) {
    return regionEquals(h, 0, magic);
  }

  private static boolean regionEquals(byte[] h, int offset, byte[] magic) {
    return h.length >= offset + magic.length
        && Arrays.equals(h, offset, offset + magic.length, magic, 0, magic.length);
  }

  /** A failure to read the layer itself, told apart from the decompressor's own complaints. */
  private static final class SourceFailure extends IOException {
    SourceFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /**
   * The caller's stream, marking its read failures and shielded from the close of the decompressors
   * wrapped around it.
   */
  private static final class Source extends FilterInputStream {
    Source(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw new SourceFailure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw new SourceFailure(e);
      }
    }

    @Override
    public void close() {}
  }

  /** A decompressor whose failures say whether the layer or the reading of it is at fault. */
  private static final class Decoded extends FilterInputStream {
    private final Compression compression;

    Decoded(InputStream decoder, Compression compression) {
      super(decoder);
      this.compression = compression;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw compression.failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw compression.failure(e);
      }
    }
  }
}
