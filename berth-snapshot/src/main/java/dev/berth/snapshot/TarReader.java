package dev.berth.snapshot;

import dev.berth.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads ustar, GNU and PAX tar archives the way Go's archive/tar does, since Go tools write nearly
 * every image layer. Written here rather than taken from commons-compress because that reader
 * decodes PAX values as UTF-8 text, which corrupts binary extended attributes such as {@code
 * security.capability}. Global PAX headers are skipped, as Docker does; sparse files are refused
 * (no image tool writes them).
 */
final class TarReader {

  private static final int BLOCK = 512;

  /** Bound on a PAX header or GNU long name, so a hostile layer cannot make us buffer gigabytes. */
  private static final int MAX_META_SIZE = 1 << 20;

  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private final byte[] scratch = new byte[BLOCK * 16];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private long position;
  private long remaining;
  private long padding;
  private boolean ended;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null once the end-of-archive block (or a clean end of input) is read. */
  TarEntry next() throws IOException {
    if (ended) {
      return null;
    }
    discard(remaining + padding);
    remaining = 0;
    padding = 0;
    Map<String, byte[]> pax = Map.of();
    String longName = null;
    String longLink = null;
    while (true) {
      long headerAt = position;
      if (!readHeader()) {
        ended = true;
        return null;
      }
      verifyChecksum(headerAt);
      char flag = (char) (header[156] & 0xff);
      long size = number(124, 12, headerAt);
      switch (flag) {
        case 'x' -> pax = parsePax(meta(size, "PAX header", headerAt), headerAt);
        case 'g' -> discard(size + padTo(size));
        case 'L' -> longName = cString(meta(size, "GNU long name", headerAt), headerAt);
        case 'K' -> longLink = cString(meta(size, "GNU long link name", headerAt), headerAt);
        default -> {
          return entry(flag, size, headerAt, pax, longName, longLink);
        }
      }
    }
  }

  /** Copies the current entry's content to {@code out}, using {@code buffer} as the hop. */
  long copyContent(OutputStream out, byte[] buffer) throws IOException {
    long copied = 0;
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw truncated();
      }
      out.write(buffer, 0, n);
      position += n;
      remaining -= n;
      copied += n;
    }
    return copied;
  }

  /**
   * Reads whatever follows the end-of-archive block (tar pads archives to 10 KiB records), so that
   * a digest computed over the input covers every byte of it.
   */
  void drain() throws IOException {
    while (in.read(scratch) >= 0) {
      // Nothing to keep: reading is what feeds the digest.
    }
  }

  private TarEntry entry(
      char flag,
      long headerSize,
      long headerAt,
      Map<String, byte[]> pax,
      String longName,
      String longLink)
      throws IOException {
    String name = paxString(pax, "path", headerAt);
    if (name == null) {
      name = longName != null ? longName : headerName(headerAt);
    }
    String linkName = paxString(pax, "linkpath", headerAt);
    if (linkName == null) {
      linkName = longLink != null ? longLink : field(157, 100, headerAt);
    }
    TarEntry.Type type =
        switch (flag) {
          case '0', '7' -> TarEntry.Type.FILE;
          // Pre-POSIX archives mark directories only by a trailing slash.
          case '\0' -> name.endsWith("/") ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
          case '1' -> TarEntry.Type.HARDLINK;
          case '2' -> TarEntry.Type.SYMLINK;
          case '3' -> TarEntry.Type.CHAR_DEVICE;
          case '4' -> TarEntry.Type.BLOCK_DEVICE;
          case '5' -> TarEntry.Type.DIRECTORY;
          case '6' -> TarEntry.Type.FIFO;
          case 'S' -> throw refused(name, "is a GNU sparse file, which layers do not use");
          default -> throw refused(name, "has unsupported tar type '" + flag + "'");
        };
    if (pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
      throw refused(name, "is a PAX sparse file, which layers do not use");
    }
    long size = paxNumber(pax, "size", headerAt).orElse(headerSize);
    if (size < 0) {
      throw refused(name, "has negative size " + size);
    }
    int uid = id(paxNumber(pax, "uid", headerAt).orElse(number(108, 8, headerAt)), name, "uid");
    int gid = id(paxNumber(pax, "gid", headerAt).orElse(number(116, 8, headerAt)), name, "gid");
    FileTime mtime = paxTime(pax, "mtime", headerAt);
    if (mtime == null) {
      mtime = FileTime.from(Instant.ofEpochSecond(number(136, 12, headerAt)));
    }
    FileTime atime = paxTime(pax, "atime", headerAt);
    boolean ustar = isUstarOrGnu();
    int devMajor = ustar ? (int) number(329, 8, headerAt) : 0;
    int devMinor = ustar ? (int) number(337, 8, headerAt) : 0;
    Map<String, byte[]> xattrs = new LinkedHashMap<>();
    pax.forEach(
        (key, value) -> {
          if (key.startsWith(XATTR_PREFIX) && key.length() > XATTR_PREFIX.length()) {
            xattrs.put(key.substring(XATTR_PREFIX.length()), value);
          }
        });
    // Go's reader, which wrote most layers, gives these types no data whatever their size field.
    long dataSize = type == TarEntry.Type.FILE ? size : 0;
    remaining = dataSize;
    padding = padTo(dataSize);
    return new TarEntry(
        name,
        type,
        (int) number(100, 8, headerAt) & 07777,
        uid,
        gid,
        dataSize,
        mtime,
        atime == null ? mtime : atime,
        linkName,
        devMajor,
        devMinor,
        Map.copyOf(xattrs));
  }

  /**
   * Fills {@link #header}; false at a clean end of input or at the end-of-archive marker. That is
   * two zero blocks, as Go checks; the second may be missing, but must not be data: entries after a
   * lone zero block would be hidden from us yet counted in the diff id.
   */
  private boolean readHeader() throws IOException {
    int n = readBlock();
    if (n == 0) {
      return false;
    }
    if (!isZero(header)) {
      return true;
    }
    if (readBlock() > 0 && !isZero(header)) {
      throw new InvalidArgumentException(
          "layer tar has data after its end-of-archive block at byte " + (position - BLOCK * 2));
    }
    return false;
  }

  /** Reads one block into {@link #header}: its length, 0 at the end of input. */
  private int readBlock() throws IOException {
    int n = in.readNBytes(header, 0, BLOCK);
    position += n;
    if (n > 0 && n < BLOCK) {
      throw truncated();
    }
    return n;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private void verifyChecksum(long headerAt) {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    long stored;
    try {
      stored = number(148, 8, headerAt);
    } catch (InvalidArgumentException e) {
      stored = -1;
    }
    if (stored != unsigned && stored != signed) {
      throw new InvalidArgumentException(
          headerAt == 0
              ? "layer is not a tar archive (nor gzip, bzip2 or xz compressed)"
              : "layer tar has a corrupt header at byte " + headerAt);
    }
  }

  private boolean isUstarOrGnu() {
    // "ustar\0" (POSIX) or "ustar " (GNU); both carry device numbers.
    return header[257] == 'u'
        && header[258] == 's'
        && header[259] == 't'
        && header[260] == 'a'
        && header[261] == 'r';
  }

  private String headerName(long headerAt) {
    String name = field(0, 100, headerAt);
    // Only POSIX ustar has a prefix field; GNU keeps times in those bytes.
    if (isUstarOrGnu() && header[262] == 0) {
      String prefix = field(345, 155, headerAt);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private String field(int offset, int length, long headerAt) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return utf8(Arrays.copyOfRange(header, offset, end), headerAt);
  }

  private String cString(byte[] bytes, long headerAt) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return utf8(Arrays.copyOf(bytes, end), headerAt);
  }

  private String utf8(byte[] bytes, long headerAt) {
    try {
      return utf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException(
          "layer tar has a name that is not UTF-8 at byte " + headerAt, e);
    }
  }

  /**
   * A numeric header field: octal text, or GNU base-256 when the high bit of its first byte is set
   * (ported from Go's archive/tar, including negative values).
   */
  private long number(int offset, int length, long headerAt) {
    if ((header[offset] & 0x80) != 0) {
      int inv = (header[offset] & 0x40) != 0 ? 0xff : 0;
      long x = 0;
      for (int i = 0; i < length; i++) {
        int c = (header[offset + i] & 0xff) ^ inv;
        if (i == 0) {
          c &= 0x7f;
        }
        if ((x >>> 56) != 0) {
          throw corrupt(headerAt);
        }
        x = (x << 8) | c;
      }
      if (x < 0) {
        throw corrupt(headerAt);
      }
      return inv == 0xff ? ~x : x;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    long value = 0;
    for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
      int digit = header[i] - '0';
      if (digit < 0 || digit > 7 || (value >>> 60) != 0) {
        throw corrupt(headerAt);
      }
      value = (value << 3) | digit;
    }
    return value;
  }

  private byte[] meta(long size, String what, long headerAt) throws IOException {
    if (size < 0 || size > MAX_META_SIZE) {
      throw new InvalidArgumentException(
          "layer tar has a " + what + " of " + size + " bytes at byte " + headerAt);
    }
    byte[] data = in.readNBytes((int) size);
    position += data.length;
    if (data.length < size) {
      throw truncated();
    }
    discard(padTo(size));
    return data;
  }

  /** PAX records "<length> <key>=<value>\n", values kept as raw bytes. */
  private Map<String, byte[]> parsePax(byte[] data, long headerAt) {
    Map<String, byte[]> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      int length = 0;
      while (space < data.length && data[space] != ' ') {
        int digit = data[space] - '0';
        if (digit < 0 || digit > 9 || length > MAX_META_SIZE) {
          throw corruptPax(headerAt);
        }
        length = length * 10 + digit;
        space++;
      }
      int end = pos + length;
      if (space == pos
          || space >= data.length
          || end > data.length
          || end <= space + 1
          || data[end - 1] != '\n') {
        throw corruptPax(headerAt);
      }
      int equals = space + 1;
      while (equals < end - 1 && data[equals] != '=') {
        equals++;
      }
      if (equals == end - 1) {
        throw corruptPax(headerAt);
      }
      String key = utf8(Arrays.copyOfRange(data, space + 1, equals), headerAt);
      records.put(key, Arrays.copyOfRange(data, equals + 1, end - 1));
      pos = end;
    }
    return records;
  }

  private String paxString(Map<String, byte[]> pax, String key, long headerAt) {
    byte[] value = pax.get(key);
    return value == null || value.length == 0 ? null : utf8(value, headerAt);
  }

  private OptionalLong paxNumber(Map<String, byte[]> pax, String key, long headerAt) {
    String value = paxString(pax, key, headerAt);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw corruptPax(headerAt);
    }
  }

  /** A PAX time: decimal seconds since the epoch with an optional fraction, maybe negative. */
  private FileTime paxTime(Map<String, byte[]> pax, String key, long headerAt) {
    String value = paxString(pax, key, headerAt);
    if (value == null) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(value);
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      long nanos = seconds.subtract(whole).movePointRight(9).longValue();
      return FileTime.from(Instant.ofEpochSecond(whole.longValueExact(), nanos));
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      throw corruptPax(headerAt);
    }
  }

  private static int id(long value, String name, String what) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw refused(name, "has " + what + " " + value + " outside 0..4294967295");
    }
    return (int) value;
  }

  private void discard(long count) throws IOException {
    // Read rather than skip: skipping would bypass the digest the caller computes over the input.
    while (count > 0) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, count));
      if (n < 0) {
        throw truncated();
      }
      position += n;
      count -= n;
    }
  }

  private static long padTo(long size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
  }

  private InvalidArgumentException truncated() {
    return new InvalidArgumentException("layer tar is truncated at byte " + position);
  }

  private static InvalidArgumentException corrupt(long headerAt) {
    return new InvalidArgumentException("layer tar has a corrupt header at byte " + headerAt);
  }

  private static InvalidArgumentException corruptPax(long headerAt) {
    return new InvalidArgumentException("layer tar has a corrupt PAX header at byte " + headerAt);
  }

  private static InvalidArgumentException refused(String name, String why) {
    return new InvalidArgumentException("layer entry \"" + name + "\" " + why);
  }
}
