package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusTextTest {

  @Test
  void humanDurationsUseDockersBuckets() {
    assertThat(StatusText.humanDuration(Duration.ofMillis(300))).isEqualTo("Less than a second");
    assertThat(StatusText.humanDuration(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(StatusText.humanDuration(Duration.ofSeconds(42))).isEqualTo("42 seconds");
    assertThat(StatusText.humanDuration(Duration.ofSeconds(90))).isEqualTo("About a minute");
    assertThat(StatusText.humanDuration(Duration.ofMinutes(17))).isEqualTo("17 minutes");
    assertThat(StatusText.humanDuration(Duration.ofMinutes(65))).isEqualTo("About an hour");
    assertThat(StatusText.humanDuration(Duration.ofHours(5))).isEqualTo("5 hours");
    assertThat(StatusText.humanDuration(Duration.ofDays(3))).isEqualTo("3 days");
    assertThat(StatusText.humanDuration(Duration.ofDays(20))).isEqualTo("2 weeks");
    assertThat(StatusText.humanDuration(Duration.ofDays(100))).isEqualTo("3 months");
    assertThat(StatusText.humanDuration(Duration.ofDays(800))).isEqualTo("2 years");
  }
}
