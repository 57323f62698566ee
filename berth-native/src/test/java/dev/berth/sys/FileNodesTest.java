package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileNodesTest {

  @TempDir Path dir;

  @Test
  void makesAWhiteoutCharDevice() throws Exception {
    Path node = dir.resolve("whiteout");
    FileNodes.mknod(node, FileNodes.S_IFCHR, FileNodes.makedev(0, 0));

    assertThat(Files.getAttribute(node, "unix:mode", LinkOption.NOFOLLOW_LINKS))
        .satisfies(mode -> assertThat((int) mode & 0170000).isEqualTo(FileNodes.S_IFCHR));
    assertThat(Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
  }

  @Test
  void makesFifoAndDeviceWithNumbers() throws Exception {
    Path fifo = dir.resolve("fifo");
    FileNodes.mknod(fifo, FileNodes.S_IFIFO | 0644, 0);
    Path null0 = dir.resolve("null");
    FileNodes.mknod(null0, FileNodes.S_IFCHR | 0666, FileNodes.makedev(1, 3));

    assertThat((int) Files.getAttribute(fifo, "unix:mode") & 0170000).isEqualTo(FileNodes.S_IFIFO);
    assertThat(Files.getAttribute(null0, "unix:rdev")).isEqualTo(FileNodes.makedev(1, 3));
    assertThat(FileNodes.makedev(1, 3)).isEqualTo(0x103L);
    assertThat(FileNodes.makedev(259, 70000)).isEqualTo(0x11110370L);
  }

  @Test
  void mknodOverExistingFileFailsWithEexist() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThatThrownBy(() -> FileNodes.mknod(file, FileNodes.S_IFIFO | 0600, 0))
        .isInstanceOfSatisfying(
            NativeIoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST))
        .hasMessage("mknod " + file + ": File exists (errno 17)");
  }

  @Test
  void lchownChangesTheSymlinkNotItsTarget() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "x");
    Path link = dir.resolve("link");
    FileNodes.symlink("target", link);

    FileNodes.lchown(link, 1234, 5678);

    assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
    assertThat(Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(5678);
    assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
  }

  @Test
  void symlinkKeepsTheTargetTextVerbatim() throws Exception {
    Path link = dir.resolve("link");
    FileNodes.symlink("a//b/", link);

    assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("a//b/");
  }

  @Test
  @Timeout(10)
  void lutimesSetsTimesOfFifosAndSymlinksWithoutOpeningThem() throws Exception {
    Path fifo = dir.resolve("fifo");
    FileNodes.mknod(fifo, FileNodes.S_IFIFO | 0600, 0);
    Path link = dir.resolve("link");
    FileNodes.symlink("fifo", link);
    FileTime mtime = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));
    FileTime atime = FileTime.from(Instant.parse("1999-01-01T00:00:00Z"));

    FileNodes.lutimes(fifo, mtime, atime);
    FileNodes.lutimes(link, atime, atime);

    assertThat(Files.getLastModifiedTime(fifo)).isEqualTo(mtime);
    assertThat(Files.getAttribute(fifo, "lastAccessTime")).isEqualTo(atime);
    assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS)).isEqualTo(atime);
  }

  @Test
  void xattrsInTrustedAndUserNamespaces() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    byte[] binary = {0, 1, (byte) 0x80, (byte) 0xff};

    FileNodes.lsetxattr(file, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
    FileNodes.lsetxattr(file, "user.binary", binary);
    FileNodes.lsetxattr(file, "user.empty", new byte[0]);

    assertThat(FileNodes.lgetxattr(file, "trusted.overlay.opaque")).hasValue("y".getBytes());
    assertThat(FileNodes.lgetxattr(file, "user.binary")).hasValue(binary);
    assertThat(FileNodes.lgetxattr(file, "user.empty")).hasValue(new byte[0]);
    assertThat(FileNodes.lgetxattr(file, "user.absent")).isEmpty();
    assertThat(FileNodes.llistxattr(file))
        .contains("trusted.overlay.opaque", "user.binary", "user.empty");
    assertThat(FileNodes.llistxattr(Files.createDirectory(dir.resolve("bare")))).isEmpty();
  }

  @Test
  void userXattrOnSymlinkIsRefusedByTheKernel() throws Exception {
    Path link = dir.resolve("link");
    FileNodes.symlink("nowhere", link);

    FileNodes.lsetxattr(link, "trusted.note", new byte[] {1});
    assertThat(FileNodes.lgetxattr(link, "trusted.note")).hasValue(new byte[] {1});
    assertThatThrownBy(() -> FileNodes.lsetxattr(link, "user.note", new byte[] {1}))
        .isInstanceOfSatisfying(
            NativeIoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM))
        .hasMessageContaining("lsetxattr user.note " + link);
  }
}
