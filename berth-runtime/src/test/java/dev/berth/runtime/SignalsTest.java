package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class SignalsTest {

  @Test
  void namesNumbersAndPrefixesAreAccepted() {
    assertThat(Signals.parse("SIGTERM")).isEqualTo(15);
    assertThat(Signals.parse("TERM")).isEqualTo(15);
    assertThat(Signals.parse("term")).isEqualTo(15);
    assertThat(Signals.parse("15")).isEqualTo(15);
    assertThat(Signals.parse("KILL")).isEqualTo(9);
    assertThat(Signals.parse("SIGUSR1")).isEqualTo(10);
    assertThat(Signals.parse("RTMIN+3")).isEqualTo(37);
    assertThat(Signals.parse("SIGRTMAX-1")).isEqualTo(63);
    assertThat(Signals.parse("64")).isEqualTo(64);
  }

  @Test
  void anythingElseIsAnInvalidSignal() {
    for (String bad : new String[] {"FOO", "0", "65", "-9", "", "SIG", "RTMIN+16", "SIG15"}) {
      assertThatThrownBy(() -> Signals.parse(bad))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("Invalid signal: " + bad);
    }
  }
}
