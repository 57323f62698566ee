package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {

  @TempDir Path tmp;
  private Path rootfs;

  @BeforeEach
  void writeUsers() throws Exception {
    rootfs = tmp.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("etc/passwd"), TestRootfs.PASSWD);
    Files.writeString(rootfs.resolve("etc/group"), TestRootfs.GROUP);
  }

  @Test
  void emptyIsRootWithItsGroupsAndHome() {
    assertThat(UserResolver.resolve(rootfs, ""))
        .isEqualTo(new ProcessUser(0, 0, List.of(0, 10), "/root"));
  }

  @Test
  void nameGivesItsUidGidSupplementaryGroupsAndHome() {
    assertThat(UserResolver.resolve(rootfs, "alice"))
        .isEqualTo(new ProcessUser(1000, 1000, List.of(1000, 10, 29), "/home/alice"));
  }

  @Test
  void numericUserIsLookedUpByUid() {
    assertThat(UserResolver.resolve(rootfs, "1000"))
        .isEqualTo(new ProcessUser(1000, 1000, List.of(1000, 10, 29), "/home/alice"));
  }

  @Test
  void numericUserWithoutPasswdEntryIsAllowedWithGroupZero() {
    assertThat(UserResolver.resolve(rootfs, "4242"))
        .isEqualTo(new ProcessUser(4242, 0, List.of(0), "/"));
  }

  @Test
  void explicitGroupReplacesPrimaryAndDropsSupplementaryGroups() {
    assertThat(UserResolver.resolve(rootfs, "alice:wheel"))
        .isEqualTo(new ProcessUser(1000, 10, List.of(10), "/home/alice"));
    assertThat(UserResolver.resolve(rootfs, "alice:4242"))
        .isEqualTo(new ProcessUser(1000, 4242, List.of(4242), "/home/alice"));
    assertThat(UserResolver.resolve(rootfs, "1000:29"))
        .isEqualTo(new ProcessUser(1000, 29, List.of(29), "/home/alice"));
    assertThat(UserResolver.resolve(rootfs, "4242:nogroup"))
        .isEqualTo(new ProcessUser(4242, 65534, List.of(65534), "/"));
  }

  @Test
  void unknownNamesGiveDockersErrors() {
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "bob"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("unable to find user bob: no matching entries in passwd file");
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "alice:staff"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("unable to find group staff: no matching entries in group file");
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "-1"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("uids and gids must be in range 0-2147483647");
  }

  @Test
  void imageWithoutPasswdAllowsOnlyNumbers() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));

    assertThat(UserResolver.resolve(empty, "")).isEqualTo(ProcessUser.ROOT);
    assertThat(UserResolver.resolve(empty, "123:456"))
        .isEqualTo(new ProcessUser(123, 456, List.of(456), "/"));
    assertThatThrownBy(() -> UserResolver.resolve(empty, "root"))
        .hasMessage("unable to find user root: no matching entries in passwd file");
  }

  @Test
  void symlinksAreFollowedInsideTheRootfsOnly() throws Exception {
    // A host file an image's symlink might aim at, by relative or absolute path.
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "evil:x:0:0::/:/bin/sh\n");
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../outside/passwd"));
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "evil"))
        .hasMessageContaining("unable to find user evil");

    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), outside.resolve("passwd"));
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "evil"))
        .hasMessageContaining("unable to find user evil");

    // The same kind of link aimed inside the rootfs is followed there.
    Files.createDirectories(rootfs.resolve("data"));
    Files.writeString(rootfs.resolve("data/passwd"), "carol:x:7:8::/c:/bin/sh\n");
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/data/passwd"));
    assertThat(UserResolver.resolve(rootfs, "carol").uid()).isEqualTo(7);
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../../data/passwd"));
    assertThat(UserResolver.resolve(rootfs, "carol").uid()).isEqualTo(7);
  }

  @Test
  void aFifoInPlaceOfPasswdIsNotOpened() throws Exception {
    Files.delete(rootfs.resolve("etc/passwd"));
    Process mkfifo = new ProcessBuilder("mkfifo", rootfs.resolve("etc/passwd").toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(UserResolver.resolve(rootfs, "42").uid()).isEqualTo(42);
  }

  @Test
  void addedGroupsAreNamesFromTheGroupFileOrNumbers() {
    ProcessUser nobody = new ProcessUser(65534, 65534, List.of(65534), "/");

    assertThat(UserResolver.withGroups(nobody, rootfs, List.of("audio", "4242", "nogroup")).additionalGids())
        .containsExactly(65534, 29, 4242);
    assertThat(UserResolver.withGroups(nobody, rootfs, List.of())).isSameAs(nobody);
    assertThatThrownBy(() -> UserResolver.withGroups(nobody, rootfs, List.of("nosuch")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Unable to find group nosuch: no matching entries in group file");
  }
}
