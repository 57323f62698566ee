package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.MountSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TmpfsMountsTest {

  @Test
  void optionsAreDockersDefaultsWithTheUsersWinning() {
    List<MountSpec> mounts = TmpfsMounts.of(Map.of("/run", "size=1m,exec,size=2m", "/cache", ""));

    assertThat(mounts).containsExactly(
        new MountSpec("/cache", "tmpfs", "tmpfs", List.of("noexec", "nosuid", "nodev", "rprivate")),
        new MountSpec("/run", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "rprivate", "exec", "size=2m")));
  }

  @Test
  void badDestinationsAndOptionsAreDockersErrors() {
    assertThatThrownBy(() -> TmpfsMounts.of(Map.of("run", "")))
        .hasMessage("invalid mount path: 'run' mount path must be absolute");
    assertThatThrownBy(() -> TmpfsMounts.of(Map.of("/", ""))).hasMessage("invalid specification: destination can't be '/'");
    assertThatThrownBy(() -> TmpfsMounts.of(Map.of("/run", "bogus"))).hasMessage("invalid tmpfs option \"bogus\"");
  }
}
