package dev.berth.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.sys.FileNodes;
import dev.berth.sys.Mounts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlaySnapshotterTest {

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path dataRoot;
  private OverlaySnapshotter snapshotter;

  private final byte[] lowerTar =
      new TestLayer()
          .dir("etc")
          .file("etc/hosts", "127.0.0.1 lower")
          .file("etc/keep", "kept")
          .dir("var/cache")
          .file("var/cache/old1", "old")
          .file("var/cache/old2", "old")
          .dir("bin")
          .file(
              "bin/tool",
              "#!/bin/sh",
              e -> {
                e.setMode(04750);
                e.setIds(1000, 2000);
              })
          .symlink("bin/sh", "tool")
          .fifo("run/fifo")
          .tar();

  private final byte[] upperTar =
      new TestLayer()
          .file("etc/.wh.hosts", "")
          .file("etc/added", "added")
          .dir("var/cache")
          .file("var/cache/.wh..wh..opq", "")
          .file("var/cache/new", "new")
          .hardlink("etc/added-link", "etc/added")
          .tar();

  @BeforeEach
  void open() {
    snapshotter = OverlaySnapshotter.open(dataRoot);
    snapshotter.recover();
  }

  @AfterEach
  void unmountEverythingBelowTheTempDir() throws Exception {
    List<Path> mounted = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dataRoot.resolve("snapshots/containers"), 2)) {
      all.filter(p -> p.getFileName().toString().equals("merged")).forEach(mounted::add);
    }
    for (Path merged : mounted) {
      while (Mounts.isMountPoint(merged)) {
        Mounts.unmount(merged, Mounts.MNT_DETACH);
      }
    }
  }

  @Test
  void unpacksAChainAndShowsItThroughAContainerRoot() throws Exception {
    Snapshot lower = unpack(lowerTar, Optional.empty());
    Snapshot upper = unpack(upperTar, Optional.of(lower.chainId()));

    assertThat(lower.diffId()).isEqualTo(LayerApplierTest.sha256(lowerTar));
    assertThat(lower.chainId()).isEqualTo(lower.diffId());
    assertThat(lower.parent()).isEmpty();
    assertThat(lower.size()).isEqualTo("127.0.0.1 lowerkeptoldold#!/bin/sh".length());
    assertThat(upper.diffId()).isEqualTo(LayerApplierTest.sha256(upperTar));
    assertThat(upper.chainId())
        .isEqualTo(
            LayerApplierTest.sha256(
                (lower.chainId() + " " + upper.diffId()).getBytes(StandardCharsets.UTF_8)));
    assertThat(upper.parent()).contains(lower.chainId());
    assertThat(snapshotter.get(upper.chainId())).isEqualTo(upper);
    assertThat(snapshotter.list()).containsExactlyInAnyOrder(lower, upper);
    assertThat(snapshotter.path(lower.chainId()).resolve("etc/hosts"))
        .hasContent("127.0.0.1 lower");

    snapshotter.prepareContainer("c1", List.of(upper.chainId(), lower.chainId()));
    Path merged = snapshotter.mountContainer("c1");

    assertThat(Mounts.isMountPoint(merged)).isTrue();
    assertThat(merged.resolve("etc/hosts")).doesNotExist();
    assertThat(merged.resolve("etc/keep")).hasContent("kept");
    assertThat(merged.resolve("etc/added-link")).hasContent("added");
    try (Stream<Path> cache = Files.list(merged.resolve("var/cache"))) {
      assertThat(cache).containsExactly(merged.resolve("var/cache/new"));
    }
    Path tool = merged.resolve("bin/tool");
    assertThat((int) Files.getAttribute(tool, "unix:mode") & 07777).isEqualTo(04750);
    assertThat(Files.getAttribute(tool, "unix:uid")).isEqualTo(1000);
    assertThat(Files.getAttribute(tool, "unix:gid")).isEqualTo(2000);
    assertThat(Files.getLastModifiedTime(tool).toInstant()).isEqualTo(TestLayer.MTIME);
    assertThat(Files.getLastModifiedTime(merged.resolve("var/cache")).toInstant())
        .isEqualTo(TestLayer.MTIME);
    assertThat(Files.readSymbolicLink(merged.resolve("bin/sh"))).hasToString("tool");
    assertThat((int) Files.getAttribute(merged.resolve("run/fifo"), "unix:mode", NOFOLLOW))
        .isEqualTo(FileNodes.S_IFIFO | 0640);
    try (Stream<Path> all = Files.walk(merged)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".wh."));
    }

    Files.writeString(merged.resolve("etc/written"), "by the container");
    Files.delete(merged.resolve("etc/keep"));
    Path upperDir = snapshotter.upperDir("c1");
    assertThat(upperDir.resolve("etc/written")).hasContent("by the container");
    assertThat(Files.getAttribute(upperDir.resolve("etc/keep"), "unix:mode", NOFOLLOW))
        .as("deletion recorded as a whiteout")
        .isEqualTo(FileNodes.S_IFCHR);
    assertThat(snapshotter.path(lower.chainId()).resolve("etc/keep")).hasContent("kept");

    assertThat(snapshotter.mountContainer("c1")).isEqualTo(merged);
    assertThat(mountCount(merged)).as("mounting twice mounts once").isEqualTo(1);
    snapshotter.unmountContainer("c1");
    assertThat(Mounts.isMountPoint(merged)).isFalse();
    snapshotter.unmountContainer("c1");
    assertThat(snapshotter.mountContainer("c1").resolve("etc/written")).exists();

    snapshotter.removeContainer("c1");
    assertThat(mountCount(merged)).isZero();
    assertThat(dataRoot.resolve("snapshots/containers/c1")).doesNotExist();
    assertThatThrownBy(() -> snapshotter.upperDir("c1")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void unpackingAgainGivesTheExistingSnapshotAndCompressionDoesNotMatter() throws Exception {
    Snapshot first = unpack(lowerTar, Optional.empty());
    Snapshot again = unpack(lowerTar, Optional.empty());
    Snapshot gzipped = unpack(TestLayer.gzip(lowerTar), Optional.empty());

    assertThat(again).isEqualTo(first);
    assertThat(gzipped).isEqualTo(first);
    assertThat(snapshotter.list()).containsExactly(first);
    assertThat(tmpContents()).isEmpty();
  }

  @Test
  void keepsTheUncompressedTarWhoseDigestIsTheDiffId() throws Exception {
    Snapshot gzipped = unpack(TestLayer.gzip(lowerTar), Optional.empty());

    Path tar = snapshotter.layerTar(gzipped.chainId()).orElseThrow();
    assertThat(Files.readAllBytes(tar)).isEqualTo(lowerTar);
    assertThat(LayerApplierTest.sha256(Files.readAllBytes(tar))).isEqualTo(gzipped.diffId());
  }

  @Test
  void aFailedUnpackLeavesNothingBehind() {
    byte[] hostile =
        new TestLayer().file("ok", "x").symlink("evil", "/etc").file("evil/x", "x").tar();

    assertThatThrownBy(() -> unpack(hostile, Optional.empty()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("layer entry \"evil/x\" escapes the root");
    assertThatThrownBy(() -> unpack(new byte[] {1, 2, 3}, Optional.empty()))
        .isInstanceOf(InvalidArgumentException.class);

    assertThat(snapshotter.list()).isEmpty();
    assertThat(tmpContents()).isEmpty();
  }

  @Test
  void refusesAParentThatDoesNotExist() {
    String missing = "sha256:" + "a".repeat(64);

    assertThatThrownBy(() -> unpack(lowerTar, Optional.of(missing)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("snapshot " + missing + " not found");
    assertThatThrownBy(() -> snapshotter.get("sha256:../../etc"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void removeRefusesASnapshotInUse() {
    Snapshot lower = unpack(lowerTar, Optional.empty());
    Snapshot upper = unpack(upperTar, Optional.of(lower.chainId()));
    snapshotter.prepareContainer("c1", List.of(upper.chainId(), lower.chainId()));

    assertThatThrownBy(() -> snapshotter.remove(lower.chainId()))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "snapshot " + lower.chainId() + " is the parent of snapshot " + upper.chainId());
    assertThatThrownBy(() -> snapshotter.remove(upper.chainId()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("snapshot " + upper.chainId() + " is in use by container c1");

    snapshotter.removeContainer("c1");
    snapshotter.remove(upper.chainId());
    snapshotter.remove(lower.chainId());

    assertThat(snapshotter.list()).isEmpty();
    assertThat(snapshotter.exists(lower.chainId())).isFalse();
    assertThatThrownBy(() -> snapshotter.get(lower.chainId()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> snapshotter.remove(lower.chainId()))
        .isInstanceOf(NotFoundException.class);
    assertThat(tmpContents()).isEmpty();
  }

  @Test
  void prepareContainerChecksItsArguments() {
    Snapshot lower = unpack(lowerTar, Optional.empty());
    Snapshot upper = unpack(upperTar, Optional.of(lower.chainId()));

    assertThatThrownBy(
            () -> snapshotter.prepareContainer("c1", List.of(lower.chainId(), upper.chainId())))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not a chain, top first");
    assertThatThrownBy(() -> snapshotter.prepareContainer("c1", List.of(upper.chainId())))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> snapshotter.prepareContainer("../c1", List.of()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () -> snapshotter.prepareContainer("c1", List.of("sha256:" + "b".repeat(64))))
        .isInstanceOf(NotFoundException.class);

    snapshotter.prepareContainer("c1", List.of(lower.chainId()));
    assertThatThrownBy(() -> snapshotter.prepareContainer("c1", List.of()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> snapshotter.mountContainer("nope"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aContainerOfAnImageWithoutLayersGetsAnEmptyRoot() throws Exception {
    snapshotter.prepareContainer("scratch", List.of());

    Path merged = snapshotter.mountContainer("scratch");

    try (Stream<Path> entries = Files.list(merged)) {
      assertThat(entries).isEmpty();
    }
    Files.writeString(merged.resolve("hello"), "world");
    assertThat(snapshotter.upperDir("scratch").resolve("hello")).hasContent("world");
    try (Stream<Path> empty = Files.list(dataRoot.resolve("snapshots/empty"))) {
      assertThat(empty).isEmpty();
    }
  }

  @Test
  void mountsStacksWhoseOptionsExceedOnePage() throws Exception {
    List<String> topFirst = new ArrayList<>();
    Optional<String> parent = Optional.empty();
    int layers = 50;
    for (int i = 0; i < layers; i++) {
      byte[] tar = new TestLayer().file("layer-" + i, "x").file("shared", "from " + i).tar();
      Snapshot snapshot = unpack(tar, parent);
      topFirst.addFirst(snapshot.chainId());
      parent = Optional.of(snapshot.chainId());
    }
    int lowerdirLength =
        topFirst.stream().mapToInt(id -> snapshotter.path(id).toString().length() + 1).sum();
    assertThat(lowerdirLength).isGreaterThan(Mounts.MOUNT_DATA_MAX);
    snapshotter.prepareContainer("deep", topFirst);

    Path merged = snapshotter.mountContainer("deep");

    assertThat(merged.resolve("shared")).hasContent("from " + (layers - 1));
    for (int i = 0; i < layers; i++) {
      assertThat(merged.resolve("layer-" + i)).exists();
    }
  }

  @Test
  void recoverDeletesLeftoversAndKeepsWhatIsComplete() throws Exception {
    Snapshot lower = unpack(lowerTar, Optional.empty());
    Path leftover = Files.createDirectories(dataRoot.resolve("snapshots/tmp/unpack-123/fs/etc"));
    Files.writeString(leftover.resolve("half"), "written");

    OverlaySnapshotter reopened = OverlaySnapshotter.open(dataRoot);
    reopened.recover();

    assertThat(tmpContents()).isEmpty();
    assertThat(reopened.list()).containsExactly(lower);
  }

  private Snapshot unpack(byte[] layer, Optional<String> parent) {
    return snapshotter.unpack(new ByteArrayInputStream(layer), parent);
  }

  private List<Path> tmpContents() {
    try (Stream<Path> entries = Files.list(dataRoot.resolve("snapshots/tmp"))) {
      return entries.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long mountCount(Path target) throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(line -> line.split(" ")[4].equals(target.toString()))
        .count();
  }
}
