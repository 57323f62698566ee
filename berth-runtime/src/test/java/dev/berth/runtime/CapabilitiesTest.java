package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void namesAreDockersSpellingInAnyCaseWithOrWithoutThePrefix() {
    assertThat(Capabilities.normalize(List.of("chown", "CAP_Kill", "all", " net_admin "), "CapAdd"))
        .containsExactly("CAP_CHOWN", "CAP_KILL", "ALL", "CAP_NET_ADMIN");
    assertThat(Capabilities.normalize(null, "CapAdd")).isEmpty();
  }

  @Test
  void anUnknownCapabilityIsDockersError() {
    assertThatThrownBy(() -> Capabilities.normalize(List.of("foo"), "CapDrop"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("invalid CapDrop: unknown capability: \"CAP_FOO\"");
  }

  @Test
  void addsAndDropsChangeTheDefaultSet() {
    List<String> caps = Capabilities.effective(List.of("sys_admin"), List.of("chown", "kill"), false);

    assertThat(caps).contains("CAP_SYS_ADMIN", "CAP_NET_RAW").doesNotContain("CAP_CHOWN", "CAP_KILL")
        .hasSize(Capabilities.DEFAULT.size() - 1);
    assertThat(Capabilities.effective(null, null, false)).isEqualTo(Capabilities.DEFAULT);
  }

  @Test
  void allIsEveryCapabilityBerthdHolds() {
    assertThat(Capabilities.effective(List.of("ALL"), List.of("kill"), false))
        .containsExactlyElementsOf(Capabilities.all().stream().filter(c -> !c.equals("CAP_KILL")).toList());
    assertThat(Capabilities.effective(List.of("chown"), List.of("ALL"), false)).containsExactly("CAP_CHOWN");
    assertThat(Capabilities.effective(List.of(), List.of("ALL"), true)).isEqualTo(Capabilities.all());
    assertThat(Capabilities.all()).contains("CAP_CHOWN").allMatch(c -> c.startsWith("CAP_"));
  }
}
