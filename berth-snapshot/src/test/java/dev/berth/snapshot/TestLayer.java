package dev.berth.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds layer tars in memory, the way image tools write them (PAX, numeric ids). */
final class TestLayer {

  static final Instant MTIME = Instant.parse("2020-02-02T02:02:02Z");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  TestLayer() {
    tar = new TarArchiveOutputStream(bytes);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  TestLayer dir(String name) {
    return dir(name, e -> {});
  }

  TestLayer dir(String name, Consumer<TarArchiveEntry> tweak) {
    TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setMode(0755);
    return put(entry, null, tweak);
  }

  TestLayer file(String name, String content) {
    return file(name, content, e -> {});
  }

  TestLayer file(String name, String content, Consumer<TarArchiveEntry> tweak) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), tweak);
  }

  TestLayer file(String name, byte[] content, Consumer<TarArchiveEntry> tweak) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0644);
    entry.setSize(content.length);
    return put(entry, content, tweak);
  }

  TestLayer symlink(String name, String target) {
    return symlink(name, target, e -> {});
  }

  TestLayer symlink(String name, String target, Consumer<TarArchiveEntry> tweak) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    entry.setLinkName(target);
    entry.setMode(0777);
    return put(entry, null, tweak);
  }

  TestLayer hardlink(String name, String target) {
    return hardlink(name, target, e -> {});
  }

  /** A hardlink; like tar and Go, give it the target's metadata, which applying it sets again. */
  TestLayer hardlink(String name, String target, Consumer<TarArchiveEntry> tweak) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
    entry.setLinkName(target);
    entry.setMode(0644);
    return put(entry, null, tweak);
  }

  TestLayer fifo(String name) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
    entry.setMode(0640);
    return put(entry, null, e -> {});
  }

  TestLayer charDevice(String name, int major, int minor) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR);
    entry.setMode(0666);
    entry.setDevMajor(major);
    entry.setDevMinor(minor);
    return put(entry, null, e -> {});
  }

  /** An entry of type 'x' with hand-made records, applying to the entry added next. */
  TestLayer rawPax(byte[] records) {
    TarArchiveEntry entry =
        new TarArchiveEntry("PaxHeaders/next", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
    entry.setSize(records.length);
    return put(entry, records, e -> {});
  }

  /** One PAX record, "<length> <key>=<value>\n", the value byte for byte. */
  static byte[] paxRecord(String key, byte[] value) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    int body = 1 + keyBytes.length + 1 + value.length + 1;
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(value);
    out.write('\n');
    return out.toByteArray();
  }

  byte[] tar() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var gz = new GzipCompressorOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var bz = new BZip2CompressorOutputStream(out)) {
      bz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] xz(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var xz = new XZCompressorOutputStream(out)) {
      xz.write(data);
    }
    return out.toByteArray();
  }

  private TestLayer put(TarArchiveEntry entry, byte[] content, Consumer<TarArchiveEntry> tweak) {
    entry.setModTime(Date.from(MTIME));
    tweak.accept(entry);
    try {
      tar.putArchiveEntry(entry);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
