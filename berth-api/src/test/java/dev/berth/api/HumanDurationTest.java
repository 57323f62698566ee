package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

  @Test
  void usesDockersBuckets() {
    assertThat(HumanDuration.of(Duration.ofMillis(300))).isEqualTo("Less than a second");
    assertThat(HumanDuration.of(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(HumanDuration.of(Duration.ofSeconds(59))).isEqualTo("59 seconds");
    assertThat(HumanDuration.of(Duration.ofSeconds(90))).isEqualTo("About a minute");
    assertThat(HumanDuration.of(Duration.ofMinutes(59))).isEqualTo("59 minutes");
    assertThat(HumanDuration.of(Duration.ofMinutes(65))).isEqualTo("About an hour");
    assertThat(HumanDuration.of(Duration.ofMinutes(150))).isEqualTo("3 hours");
    assertThat(HumanDuration.of(Duration.ofHours(47))).isEqualTo("47 hours");
    assertThat(HumanDuration.of(Duration.ofDays(3))).isEqualTo("3 days");
    assertThat(HumanDuration.of(Duration.ofDays(20))).isEqualTo("2 weeks");
    assertThat(HumanDuration.of(Duration.ofDays(90))).isEqualTo("3 months");
    assertThat(HumanDuration.of(Duration.ofDays(800))).isEqualTo("2 years");
  }
}
