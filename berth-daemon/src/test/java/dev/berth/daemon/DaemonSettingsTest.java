package dev.berth.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonSettingsTest {

  @TempDir
  Path dir;

  @Test
  void defaultsAreBerthsOwnPaths() {
    DaemonSettings settings = DaemonSettings.combine(Map.of(), dir.resolve("absent.json"), false);

    assertThat(settings.hosts()).containsExactly("unix:///run/berth/berth.sock");
    assertThat(settings.dataRoot()).isEqualTo(Path.of("/var/lib/berth"));
    assertThat(settings.execRoot()).isEqualTo(Path.of("/run/berth"));
    assertThat(settings.defaultRuntime()).isEqualTo("runc");
  }

  @Test
  void theConfigFileAndFlagsCombine() throws Exception {
    Path file = Files.writeString(dir.resolve("daemon.json"), """
        {"data-root": "/srv/berth", "log-level": "warn", "runtimes": {"alt": {"path": "/opt/alt-runc"}}}
        """);

    DaemonSettings settings = DaemonSettings.combine(Map.of("default-runtime", "alt"), file, true);

    assertThat(settings.dataRoot()).isEqualTo(Path.of("/srv/berth"));
    assertThat(settings.logLevel()).isEqualTo("warn");
    assertThat(settings.runtimes()).containsKeys("runc", "alt");
    assertThat(settings.defaultRuntime()).isEqualTo("alt");
  }

  @Test
  void aSettingGivenTwiceIsRefusedAsDockerdDoes() throws Exception {
    Path file = Files.writeString(dir.resolve("daemon.json"), "{\"data-root\": \"/a\"}");

    assertThatThrownBy(() -> DaemonSettings.combine(Map.of("data-root", "/b"), file, true))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("specified both as a flag and in the configuration file: data-root");
  }

  @Test
  void unknownKeysAndBadValuesAreRefused() throws Exception {
    Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"colour\": \"blue\"}");
    assertThatThrownBy(() -> DaemonSettings.combine(Map.of(), unknown, true))
        .hasMessage("the following directives don't match any configuration option: colour");

    assertThatThrownBy(() -> DaemonSettings.combine(Map.of("log-level", "loud"), dir.resolve("x"), false))
        .hasMessage("unable to parse logging level: loud");
    assertThatThrownBy(() -> DaemonSettings.combine(Map.of("default-runtime", "ghost"), dir.resolve("x"), false))
        .hasMessage("default runtime ghost does not exist");
  }

  @Test
  void tcpNeedsMutualTls() {
    assertThatThrownBy(() -> DaemonSettings.combine(Map.of("hosts", List.of("tcp://127.0.0.1:2376")),
        dir.resolve("x"), false)).hasMessageContaining("requires --tlsverify");

    DaemonSettings settings = DaemonSettings.combine(Map.of("hosts", List.of("tcp://127.0.0.1:2376"),
        "tlsverify", true, "tlscacert", "/ca.pem", "tlscert", "/cert.pem", "tlskey", "/key.pem"), dir.resolve("x"),
        false);
    assertThat(settings.tlsVerify()).isTrue();
  }

  @Test
  void aMissingConfigFileThatWasNamedIsAnError() {
    assertThatThrownBy(() -> DaemonSettings.combine(Map.of(), dir.resolve("missing.json"), true))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("missing.json");
  }
}
