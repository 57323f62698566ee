package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.HealthConfig;
import dev.berth.api.errors.InvalidArgumentException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  @Test
  void theContainersSettingsOverrideTheImagesFieldByField() {
    HealthConfig image = new HealthConfig(List.of("CMD", "check"), 5, 6, 7, 8, 9);
    HealthConfig requested = new HealthConfig(null, 50, 0, 0, 0, 0);

    assertThat(HealthChecks.merge(requested, image)).isEqualTo(new HealthConfig(List.of("CMD", "check"), 50, 6, 7,
        8, 9));
    assertThat(HealthChecks.merge(null, image)).isEqualTo(image);
    assertThat(HealthChecks.merge(requested, null)).isEqualTo(requested);
  }

  @Test
  void probesRunTheCommandOrTheShellAndNoneDisables() {
    assertThat(HealthChecks.command(new HealthConfig(List.of("CMD", "a", "b"), 0, 0, 0, 0, 0), null))
        .contains(List.of("a", "b"));
    assertThat(HealthChecks.command(new HealthConfig(List.of("CMD-SHELL", "x && y"), 0, 0, 0, 0, 0),
        List.of("/bin/bash", "-c"))).contains(List.of("/bin/bash", "-c", "x && y"));
    assertThat(HealthChecks.command(new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0), null)).isEmpty();
    assertThat(HealthChecks.command(null, null)).isEmpty();
  }

  @Test
  void durationsPrintAsGoPrintsThem() {
    assertThat(HealthChecks.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(HealthChecks.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(HealthChecks.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(HealthChecks.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(HealthChecks.format(Duration.ofHours(2))).isEqualTo("2h0m0s");
    assertThat(HealthChecks.format(Duration.ofNanos(1500))).isEqualTo("1.5µs");
  }

  @Test
  void dockerdsLimitsAreKept() {
    assertThatThrownBy(() -> HealthChecks.validate(new HealthConfig(null, 10, 0, 0, 0, 0)))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("Interval in Healthcheck cannot be less than 1ms");
    assertThatThrownBy(() -> HealthChecks.validate(new HealthConfig(null, 0, 0, -1, 0, 0)))
        .hasMessage("Retries in Healthcheck cannot be negative");
  }
}
