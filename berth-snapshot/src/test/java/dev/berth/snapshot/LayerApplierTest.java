package dev.berth.snapshot;

import dev.berth.sys.Trees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.sys.FileNodes;
import dev.berth.sys.Mounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path base;
  private Path root;
  private Path sentinel;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectory(base.resolve("root"));
    sentinel = Files.createDirectory(base.resolve("sentinel"));
    Files.writeString(sentinel.resolve("passwd"), "untouched");
  }

  @Test
  @Timeout(20)
  void writesEveryKindOfEntryWithItsMetadata() throws Exception {
    Instant symlinkTime = Instant.parse("2011-11-11T11:11:11Z");
    byte[] tar =
        new TestLayer()
            .dir("etc", e -> e.setMode(0750))
            .file("etc/passwd", "root:x:0:0", e -> e.setIds(0, 42))
            .dir("tmp", e -> e.setMode(01777))
            .file("bin/su", "binary", e -> e.setMode(04755))
            .dir("shared", e -> e.setMode(02775))
            .symlink(
                "bin/sh",
                "su",
                e -> {
                  e.setIds(1000, 1001);
                  e.setModTime(java.util.Date.from(symlinkTime));
                })
            .hardlink("bin/su2", "bin/su", e -> e.setMode(04755))
            .fifo("run/fifo")
            .charDevice("dev/null", 1, 3)
            .file(
                "big-ids",
                "x",
                e -> {
                  e.setUserId(3_000_000_000L);
                  e.setGroupId(70_000L);
                })
            .tar();

    AppliedLayer applied = LayerApplier.apply(new ByteArrayInputStream(tar), root);

    assertThat(applied.diffId()).isEqualTo(sha256(tar));
    assertThat(applied.size()).isEqualTo("root:x:0:0".length() + "binary".length() + 1);
    assertThat(mode(root.resolve("etc"))).isEqualTo(0750);
    assertThat(mode(root.resolve("tmp"))).isEqualTo(01777);
    assertThat(mode(root.resolve("bin/su"))).isEqualTo(04755);
    assertThat(mode(root.resolve("shared"))).isEqualTo(02775);
    assertThat(mode(root.resolve("bin"))).as("implied parent").isEqualTo(0755);
    assertThat(root.resolve("etc/passwd")).hasContent("root:x:0:0");
    assertThat(Files.getAttribute(root.resolve("etc/passwd"), "unix:gid")).isEqualTo(42);
    assertThat(Files.getAttribute(root.resolve("big-ids"), "unix:uid"))
        .isEqualTo((int) 3_000_000_000L);
    assertThat(Files.getAttribute(root.resolve("big-ids"), "unix:gid")).isEqualTo(70_000);

    Path sh = root.resolve("bin/sh");
    assertThat(Files.isSymbolicLink(sh)).isTrue();
    assertThat(Files.readSymbolicLink(sh)).hasToString("su");
    assertThat(Files.getAttribute(sh, "unix:uid", NOFOLLOW)).isEqualTo(1000);
    assertThat(Files.getAttribute(sh, "unix:gid", NOFOLLOW)).isEqualTo(1001);
    assertThat(Files.getLastModifiedTime(sh, NOFOLLOW).toInstant()).isEqualTo(symlinkTime);

    assertThat(Files.getAttribute(root.resolve("bin/su2"), "unix:ino"))
        .isEqualTo(Files.getAttribute(root.resolve("bin/su"), "unix:ino"));
    assertThat(Files.getAttribute(root.resolve("run/fifo"), "unix:mode", NOFOLLOW))
        .isEqualTo(FileNodes.S_IFIFO | 0640);
    assertThat(Files.getAttribute(root.resolve("dev/null"), "unix:rdev", NOFOLLOW))
        .isEqualTo(FileNodes.makedev(1, 3));

    for (String path : new String[] {"etc", "etc/passwd", "tmp", "shared", "bin/su", "dev/null"}) {
      assertThat(Files.getLastModifiedTime(root.resolve(path), NOFOLLOW).toInstant())
          .as("mtime of %s", path)
          .isEqualTo(TestLayer.MTIME);
    }
  }

  @Test
  void keepsBinaryXattrsIncludingFileCapabilities() throws Exception {
    // vfs_cap_data revision 2, effective, permitted CAP_SETUID | CAP_NET_RAW: has a 0x80 byte,
    // which a reader decoding PAX values as text would mangle.
    byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    ByteArrayOutputStream pax = new ByteArrayOutputStream();
    pax.writeBytes(TestLayer.paxRecord("SCHILY.xattr.security.capability", capability));
    pax.writeBytes(TestLayer.paxRecord("SCHILY.xattr.user.note", "hi".getBytes()));
    pax.writeBytes(TestLayer.paxRecord("SCHILY.xattr.trusted.overlay.redirect", "/x".getBytes()));
    pax.writeBytes(TestLayer.paxRecord("mtime", "1600000000.123456789".getBytes()));
    ByteArrayOutputStream linkPax = new ByteArrayOutputStream();
    linkPax.writeBytes(TestLayer.paxRecord("SCHILY.xattr.user.refused", "on a symlink".getBytes()));
    byte[] tar =
        new TestLayer()
            .rawPax(pax.toByteArray())
            .file("ping", "binary", e -> e.setIds(0, 0))
            .rawPax(linkPax.toByteArray())
            .symlink("link", "ping")
            .tar();

    LayerApplier.apply(new ByteArrayInputStream(tar), root);

    Path ping = root.resolve("ping");
    assertThat(FileNodes.lgetxattr(ping, "security.capability")).hasValue(capability);
    assertThat(FileNodes.lgetxattr(ping, "user.note")).hasValue("hi".getBytes());
    assertThat(FileNodes.lgetxattr(ping, "trusted.overlay.redirect")).isEmpty();
    assertThat(Files.getLastModifiedTime(ping))
        .isEqualTo(FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_789)));
    assertThat(FileNodes.llistxattr(root.resolve("link"))).isEmpty();
  }

  @Test
  void turnsWhiteoutsIntoOverlayWhiteoutsAndNeverWritesWhFiles() throws Exception {
    byte[] tar =
        new TestLayer()
            .file("etc/gone-earlier", "this layer's own, then deleted")
            .file("etc/.wh.gone-earlier", "")
            .file("etc/.wh.hosts", "")
            .dir("var/cache")
            .file("var/cache/.wh..wh..opq", "")
            .file("var/cache/fresh", "new")
            .file(".wh..wh.plnk/123", "aufs bookkeeping")
            .tar();

    LayerApplier.apply(new ByteArrayInputStream(tar), root);

    for (String path : new String[] {"etc/gone-earlier", "etc/hosts"}) {
      Path whiteout = root.resolve(path);
      assertThat(Files.getAttribute(whiteout, "unix:mode", NOFOLLOW))
          .as("%s is a whiteout", path)
          .isEqualTo(FileNodes.S_IFCHR);
      assertThat(Files.getAttribute(whiteout, "unix:rdev", NOFOLLOW)).isEqualTo(0L);
    }
    assertThat(FileNodes.lgetxattr(root.resolve("var/cache"), "trusted.overlay.opaque"))
        .hasValue("y".getBytes());
    assertThat(root.resolve("var/cache/fresh")).hasContent("new");
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".wh."));
    }
  }

  @Test
  void marksTheRootOpaqueAndRefusesEntriesBelowAWhiteoutName() throws Exception {
    LayerApplier.apply(
        new ByteArrayInputStream(new TestLayer().file(".wh..wh..opq", "").tar()), root);
    assertThat(FileNodes.lgetxattr(root, "trusted.overlay.opaque")).hasValue("y".getBytes());

    assertRefused(
        new TestLayer().file("a/.wh.b/c", "x"), "layer entry \"a/.wh.b/c\" is below whiteout name");
  }

  @Test
  void followsSymlinksThatStayInsideTheRoot() throws Exception {
    byte[] tar =
        new TestLayer()
            .dir("usr/lib")
            .symlink("lib", "usr/lib")
            .file("lib/libc.so", "libc")
            .symlink("usr/lib/self", "../lib")
            .file("usr/lib/self/again", "again")
            .tar();

    LayerApplier.apply(new ByteArrayInputStream(tar), root);

    assertThat(root.resolve("usr/lib/libc.so")).hasContent("libc");
    assertThat(root.resolve("usr/lib/again")).hasContent("again");
  }

  @Test
  void replacesWhatIsInTheWayWithoutFollowingIt() throws Exception {
    byte[] tar =
        new TestLayer()
            .symlink("passwd", sentinel.resolve("passwd").toString())
            .file("passwd", "replaced")
            .dir("was-dir/sub")
            .file("was-dir/sub/file", "x")
            .file("was-dir", "now a file")
            .file("was-file", "x")
            .dir("was-file")
            .tar();

    LayerApplier.apply(new ByteArrayInputStream(tar), root);

    assertThat(Files.isSymbolicLink(root.resolve("passwd"))).isFalse();
    assertThat(root.resolve("passwd")).hasContent("replaced");
    assertThat(root.resolve("was-dir")).isRegularFile().hasContent("now a file");
    assertThat(root.resolve("was-file")).isDirectory();
    assertSentinelUntouched();
  }

  @Test
  void refusesDotDotOutOfTheRoot() {
    assertRefused(new TestLayer().file("../x", "x"), "layer entry \"../x\" escapes the root");
    // Written through a PAX path: tar writers strip a leading slash from plain names.
    assertRefused(
        new TestLayer()
            .rawPax(TestLayer.paxRecord("path", "/../../x".getBytes(StandardCharsets.UTF_8)))
            .file("x", "x"),
        "layer entry \"/../../x\" escapes the root");
    assertRefused(
        new TestLayer().file("a/../../sentinel/passwd", "x"),
        "layer entry \"a/../../sentinel/passwd\" escapes the root");
  }

  @Test
  void refusesWritingThroughAnAbsoluteSymlink() {
    // The brief's "evil -> /etc", aimed at a sentinel so a regression cannot hurt the host.
    assertRefused(
        new TestLayer().symlink("evil", sentinel.toString()).file("evil/passwd", "pwned"),
        "layer entry \"evil/passwd\" escapes the root through symlink \"evil\" -> \""
            + sentinel
            + "\"");
    assertRefused(
        new TestLayer().symlink("etc", "/etc").file("etc/passwd", "pwned"),
        "layer entry \"etc/passwd\" escapes the root through symlink \"etc\" -> \"/etc\"");
  }

  @Test
  void refusesWritingThroughARelativeSymlinkThatClimbsOut() {
    assertRefused(
        new TestLayer().symlink("up", "../../..").file("up/x", "x"),
        "layer entry \"up/x\" escapes the root through symlink \"up\" -> \"../../..\"");
    assertRefused(
        new TestLayer()
            .dir("a/b")
            .symlink("a/b/up", "../../../sentinel")
            .file("a/b/up/passwd", "pwned"),
        "layer entry \"a/b/up/passwd\" escapes the root through symlink \"a/b/up\"");
  }

  @Test
  void refusesHardlinksToOutside() {
    assertRefused(
        new TestLayer().hardlink("shadow", "../../etc/shadow"),
        "layer entry \"shadow\": hardlink target \"../../etc/shadow\" escapes the root");
    assertRefused(
        new TestLayer().symlink("s", "../sentinel").hardlink("h", "s/passwd"),
        "layer entry \"h\" escapes the root through symlink \"s\" -> \"../sentinel\"");
    assertRefused(
        new TestLayer().hardlink("h", "etc/missing"),
        "layer entry \"h\": \"etc\" does not exist in this layer");
  }

  @Test
  void gzipBzip2AndXzGiveTheDiffIdOfTheUncompressedTar() throws Exception {
    byte[] tar = new TestLayer().dir("d").file("d/f", "content".repeat(1000)).tar();
    String expected = sha256(tar);

    for (byte[] layer :
        new byte[][] {tar, TestLayer.gzip(tar), TestLayer.bzip2(tar), TestLayer.xz(tar)}) {
      Path target = Files.createTempDirectory(base, "c");
      AppliedLayer applied = LayerApplier.apply(new ByteArrayInputStream(layer), target);
      assertThat(applied.diffId()).isEqualTo(expected);
      assertThat(target.resolve("d/f")).hasContent("content".repeat(1000));
    }
  }

  @Test
  void corruptCompressedDataIsTheLayersFaultAndAReadFailureIsNot() throws Exception {
    byte[] gzip = TestLayer.gzip(new TestLayer().file("f", "x".repeat(100_000)).tar());
    for (int i = 20; i < gzip.length - 8; i++) {
      gzip[i] ^= 0x55;
    }
    assertThatThrownBy(() -> LayerApplier.apply(new ByteArrayInputStream(gzip), root))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("layer is not valid gzip data: ");

    byte[] tar = new TestLayer().file("f", "x".repeat(5000)).tar();
    for (byte[] layer : new byte[][] {tar, TestLayer.gzip(tar)}) {
      assertThatThrownBy(
              () ->
                  LayerApplier.apply(failingAfter(layer, 20), Files.createTempDirectory(base, "r")))
          .isExactlyInstanceOf(java.io.IOException.class)
          .hasMessage("connection reset");
    }
  }

  /** The first {@code length} bytes of {@code data}, then a read failure. */
  private static java.io.InputStream failingAfter(byte[] data, int length) {
    return new java.io.FilterInputStream(new ByteArrayInputStream(data, 0, length)) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          throw new java.io.IOException("connection reset");
        }
        return n;
      }
    };
  }

  @Test
  void digestCoversPaddingAfterTheEndOfArchive() throws Exception {
    byte[] tar = new TestLayer().file("f", "x").tar();
    byte[] padded = java.util.Arrays.copyOf(tar, tar.length + 10240);

    AppliedLayer applied = LayerApplier.apply(new ByteArrayInputStream(padded), root);

    assertThat(applied.diffId()).isEqualTo(sha256(padded));
  }

  @Test
  void refusesEntriesHiddenAfterALoneEndOfArchiveBlock() {
    byte[] first = new TestLayer().file("f", "x").tar();
    byte[] hidden = new TestLayer().file("hidden", "x").tar();
    // The first archive's entry, one zero block, then the second archive.
    byte[] tar = java.util.Arrays.copyOf(first, 1024 + 512 + hidden.length);
    java.util.Arrays.fill(tar, 1024, 1536, (byte) 0);
    System.arraycopy(hidden, 0, tar, 1536, hidden.length);

    assertThatThrownBy(() -> LayerApplier.apply(new ByteArrayInputStream(tar), root))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("layer tar has data after its end-of-archive block at byte 1024");
  }

  @Test
  void emptyInputIsAnEmptyLayer() throws Exception {
    AppliedLayer applied = LayerApplier.apply(new ByteArrayInputStream(new byte[0]), root);

    assertThat(applied.diffId()).isEqualTo(sha256(new byte[0]));
    assertThat(applied.size()).isZero();
  }

  @Test
  void refusesTruncatedOrForeignInput() {
    byte[] tar = new TestLayer().file("f", "x".repeat(5000)).tar();
    assertThatThrownBy(() -> LayerApplier.apply(new ByteArrayInputStream(tar, 0, 2000), root))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("layer tar is truncated at byte");
    assertThatThrownBy(
            () ->
                LayerApplier.apply(
                    new ByteArrayInputStream("not a tar at all".repeat(100).getBytes()), root))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("layer is not a tar archive (nor gzip, bzip2 or xz compressed)");
    assertThatThrownBy(
            () ->
                LayerApplier.apply(
                    new ByteArrayInputStream(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
                    root))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("zstd");
  }

  @Test
  void readsGnuLongNamesAndBase256Numbers() throws Exception {
    String longName = "d/" + "n".repeat(150) + "/file";
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
      var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(longName);
      entry.setSize(2);
      entry.setMode(0600);
      entry.setIds(0, 0);
      entry.setUserId(9_000_000L);
      tar.putArchiveEntry(entry);
      tar.write("ok".getBytes());
      tar.closeArchiveEntry();
    }

    LayerApplier.apply(new ByteArrayInputStream(bytes.toByteArray()), root);

    assertThat(root.resolve(longName)).hasContent("ok");
    assertThat(Files.getAttribute(root.resolve(longName), "unix:uid")).isEqualTo(9_000_000);
  }

  /**
   * Timed on a tmpfs: on the test VM's disk each file creation alone costs about half a
   * millisecond, which would measure the disk, not the applier.
   */
  @Test
  void appliesABusyboxSizedLayerQuickly() throws Exception {
    TestLayer layer = new TestLayer().dir("bin");
    layer.file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), e -> e.setMode(0755));
    for (int i = 0; i < 400; i++) {
      layer.hardlink("bin/applet" + i, "bin/busybox");
    }
    byte[] noise = new byte[10_000];
    new Random(1).nextBytes(noise);
    for (int i = 0; i < 100; i++) {
      layer.file("etc/file" + i, noise, e -> {});
    }
    byte[] tar = TestLayer.gzip(layer.tar());
    Path scratch = Files.createDirectory(base.resolve("tmpfs"));
    Mounts.mount("berth-test", scratch, "tmpfs", 0, "size=64m");
    try {
      long best = Long.MAX_VALUE;
      for (int run = 0; run < 20; run++) {
        Path target = Files.createDirectory(scratch.resolve("run" + run));
        long start = System.nanoTime();
        LayerApplier.apply(new ByteArrayInputStream(tar), target);
        best = Math.min(best, System.nanoTime() - start);
        Trees.delete(target);
      }
      System.out.printf(
          "busybox-sized layer (%d KiB gzip, 3 MiB tar): best of 20 in %d ms%n",
          tar.length / 1024, best / 1_000_000);
      assertThat(best / 1_000_000).isLessThan(100);
    } finally {
      Mounts.unmount(scratch, Mounts.MNT_DETACH);
      Files.delete(scratch);
    }
  }

  /** Applies {@code layer} to a fresh root, expecting it refused and nothing outside touched. */
  private void assertRefused(TestLayer layer, String message) {
    byte[] tar = layer.tar();
    assertThatThrownBy(() -> LayerApplier.apply(new ByteArrayInputStream(tar), root))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(message);
    assertSentinelUntouched();
    try {
      // What the caller of a failed apply does; also spares JUnit following the hostile symlinks.
      Trees.delete(root);
      Files.createDirectory(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertSentinelUntouched() {
    try (Stream<Path> inBase = Files.list(base);
        Stream<Path> inSentinel = Files.list(sentinel)) {
      assertThat(inBase).containsExactlyInAnyOrder(root, sentinel);
      assertThat(inSentinel).containsExactly(sentinel.resolve("passwd"));
      assertThat(sentinel.resolve("passwd")).hasContent("untouched");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int mode(Path path) throws Exception {
    return (int) Files.getAttribute(path, "unix:mode", NOFOLLOW) & 07777;
  }

  static String sha256(byte[] data) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
