package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {

  @TempDir Path dir;
  private final List<Path> mounted = new ArrayList<>();

  @AfterEach
  void unmountLeftovers() throws Exception {
    for (Path target : mounted.reversed()) {
      if (Mounts.isMountPoint(target)) {
        Mounts.unmount(target, Mounts.MNT_DETACH);
      }
    }
  }

  @Test
  void mountsAndUnmountsTmpfs() throws Exception {
    Path target = Files.createDirectory(dir.resolve("tmpfs"));
    Mounts.mount("berth-test", target, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, "size=1m");
    mounted.add(target);

    assertThat(Mounts.isMountPoint(target)).isTrue();
    Files.writeString(target.resolve("inside"), "x");
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .contains(target + " ")
        .contains("berth-test");

    Mounts.unmount(target, 0);
    assertThat(Mounts.isMountPoint(target)).isFalse();
    assertThat(target.resolve("inside")).doesNotExist();
  }

  @Test
  void bindMountShowsSourceAndReadOnlyRemountRefusesWrites() throws Exception {
    Path source = Files.createDirectory(dir.resolve("source"));
    Files.writeString(source.resolve("file"), "from source");
    Path target = Files.createDirectory(dir.resolve("with space"));

    Mounts.mount(source.toString(), target, null, Mounts.MS_BIND, null);
    mounted.add(target);
    assertThat(Mounts.isMountPoint(target)).isTrue();
    assertThat(Mounts.isMountPoint(source)).isFalse();
    assertThat(Files.readString(target.resolve("file"))).isEqualTo("from source");

    Mounts.mount(null, target, null, Mounts.MS_REMOUNT | Mounts.MS_BIND | Mounts.MS_RDONLY, null);
    assertThatThrownBy(() -> Files.writeString(target.resolve("new"), "x"))
        .hasMessageContaining("Read-only file system");

    Mounts.unmount(target, Mounts.MNT_DETACH);
    assertThat(Mounts.isMountPoint(target)).isFalse();
  }

  @Test
  void failureCarriesCallPathAndErrno() throws Exception {
    Path notMounted = Files.createDirectory(dir.resolve("plain"));

    assertThatThrownBy(() -> Mounts.unmount(notMounted, 0))
        .isInstanceOfSatisfying(
            NativeIoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
        .hasMessage("umount2 " + notMounted + ": Invalid argument (errno 22)");
  }

  @Test
  void mountConfiguredTakesOptionsBeyondOnePage() throws Exception {
    Path upper = Files.createDirectory(dir.resolve("upper"));
    Path work = Files.createDirectory(dir.resolve("work"));
    Path target = Files.createDirectory(dir.resolve("merged"));
    List<Mounts.Option> options = new ArrayList<>();
    options.add(new Mounts.Option("source", "berth-test"));
    int total = 0;
    for (int i = 0; total <= Mounts.MOUNT_DATA_MAX; i++) {
      Path lower = Files.createDirectories(dir.resolve("lower-" + "x".repeat(80) + "-" + i));
      Files.writeString(lower.resolve("file-" + i), "layer " + i);
      Files.writeString(lower.resolve("shared"), "layer " + i);
      options.add(new Mounts.Option("lowerdir+", lower.toString()));
      total += lower.toString().length() + 1;
    }
    options.add(new Mounts.Option("upperdir", upper.toString()));
    options.add(new Mounts.Option("workdir", work.toString()));

    Mounts.mountConfigured("overlay", options, target);
    mounted.add(target);

    assertThat(Mounts.isMountPoint(target)).isTrue();
    assertThat(target.resolve("file-0")).exists();
    assertThat(Files.readString(target.resolve("shared"))).isEqualTo("layer 0");
    Mounts.unmount(target, 0);
  }

  @Test
  void mountConfiguredNamesTheRefusedOption() throws Exception {
    Path target = Files.createDirectory(dir.resolve("merged"));
    Path missing = dir.resolve("missing");
    List<Mounts.Option> options = List.of(new Mounts.Option("lowerdir+", missing.toString()));

    assertThatThrownBy(() -> Mounts.mountConfigured("overlay", options, target))
        .isInstanceOfSatisfying(
            NativeIoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
        .hasMessageStartingWith("fsconfig lowerdir+=" + missing + " " + target + ": ");
  }

  @Test
  void mountConfiguredAppendsTheKernelsOwnExplanation() throws Exception {
    Path target = Files.createDirectory(dir.resolve("merged"));
    List<Mounts.Option> options = List.of(new Mounts.Option("bogus", "x"));

    assertThatThrownBy(() -> Mounts.mountConfigured("overlay", options, target))
        .isInstanceOfSatisfying(
            NativeIoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
        .hasMessage(
            "fsconfig bogus=x "
                + target
                + ": Invalid argument (errno 22): overlay: Unknown parameter 'bogus'");
  }

  @Test
  void unescapesMountinfoOctal() {
    assertThat(Mounts.unescapeMountinfo("/a\\040b\\134c\\011d")).isEqualTo("/a b\\c\td");
  }
}
