package dev.berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

  @Test
  void execAndShellFormsOfCmdAndEntrypoint() {
    ContainerConfig config = ConfigChanges.apply(ContainerConfig.empty(),
        List.of("CMD [\"sh\", \"-c\", \"echo hi\"]", "ENTRYPOINT /bin/run --fast"));

    assertThat(config.cmd()).containsExactly("sh", "-c", "echo hi");
    assertThat(config.entrypoint()).containsExactly("/bin/sh", "-c", "/bin/run --fast");
  }

  @Test
  void envLabelExposeVolumeWorkdirUserStopsignal() {
    ContainerConfig config = ConfigChanges.apply(ContainerConfig.empty(), List.of(
        "ENV A=1 B=\"two words\"", "ENV C 3", "LABEL team=ops", "EXPOSE 80 53/udp", "VOLUME [\"/data\"]",
        "WORKDIR /srv", "USER nobody", "STOPSIGNAL SIGINT"));

    assertThat(config.env()).containsExactly("A=1", "B=two words", "C=3");
    assertThat(config.labels()).isEqualTo(Map.of("team", "ops"));
    assertThat(config.exposedPorts()).containsOnlyKeys("80/tcp", "53/udp");
    assertThat(config.volumes()).containsOnlyKeys("/data");
    assertThat(config.workingDir()).isEqualTo("/srv");
    assertThat(config.user()).isEqualTo("nobody");
    assertThat(config.stopSignal()).isEqualTo("SIGINT");
  }

  @Test
  void laterEnvOverridesEarlier() {
    ContainerConfig config = ConfigChanges.apply(ContainerConfig.empty(), List.of("ENV A=1", "ENV A=2"));

    assertThat(config.env()).containsExactly("A=2");
  }

  @Test
  void instructionsThatAreNotChangesAreRefused() {
    assertThatThrownBy(() -> ConfigChanges.apply(ContainerConfig.empty(), List.of("RUN rm -rf /")))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("RUN is not a valid change command");
  }
}
