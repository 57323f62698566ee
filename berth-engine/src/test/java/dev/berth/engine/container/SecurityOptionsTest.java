package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.DefaultSeccompProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityOptionsTest {

  @Test
  void noNewPrivilegesAloneOrWithABoolean() {
    assertThat(SecurityOptions.parse(List.of("no-new-privileges")).noNewPrivileges()).isTrue();
    assertThat(SecurityOptions.parse(List.of("no-new-privileges:true")).noNewPrivileges()).isTrue();
    assertThat(SecurityOptions.parse(List.of("no-new-privileges=false")).noNewPrivileges()).isFalse();
    assertThat(SecurityOptions.parse(null).noNewPrivileges()).isFalse();
  }

  @Test
  void theFilterIsDockersDefaultUnlessUnconfinedPrivilegedOrGiven() {
    assertThat(SecurityOptions.parse(List.of()).filter(false)).isSameAs(DefaultSeccompProfile.get());
    assertThat(SecurityOptions.parse(List.of()).filter(true)).isNull();
    assertThat(SecurityOptions.parse(List.of("seccomp=unconfined")).filter(false)).isNull();
    assertThat(SecurityOptions.parse(List.of("seccomp=builtin")).filter(true)).isSameAs(DefaultSeccompProfile.get());
    assertThat(SecurityOptions.parse(List.of("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}")).filter(true)
        .defaultAction()).isEqualTo("SCMP_ACT_ALLOW");
    assertThat(SecurityOptions.parse(List.of("label=disable", "apparmor=unconfined", "label:user:x")).seccomp())
        .isEmpty();
  }

  @Test
  void badOptionsAreDockersErrors() {
    assertThatThrownBy(() -> SecurityOptions.parse(List.of("bogus"))).hasMessage("invalid --security-opt 1: \"bogus\"");
    assertThatThrownBy(() -> SecurityOptions.parse(List.of("foo=bar"))).hasMessage("invalid --security-opt 2: \"foo=bar\"");
    assertThatThrownBy(() -> SecurityOptions.parse(List.of("no-new-privileges=maybe")))
        .hasMessage("invalid --security-opt 2: \"no-new-privileges=maybe\"");
    assertThatThrownBy(() -> SecurityOptions.parse(List.of("seccomp={")))
        .hasMessageStartingWith("Decoding seccomp profile failed");
  }
}
