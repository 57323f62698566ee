package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciSpecGeneratorTest {

  private static final String ID = "a".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private ContainerSpec.Builder builder() {
    return ContainerSpec.builder(ID, tmp.resolve("rootfs"), tmp.resolve("bundle"))
        .args("sh", "-c", "echo hi")
        .env(List.of("PATH=/usr/bin:/bin"))
        .hostname("a1b2c3");
  }

  private JsonNode generate(ContainerSpec spec) throws Exception {
    return JSON.readTree(OciSpecGenerator.generate(spec));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void namespacesAreDockersWithoutAUserNamespace() throws Exception {
    JsonNode linux = generate(builder().build()).get("linux");

    assertThat(linux.get("namespaces").findValuesAsText("type"))
        .containsExactly("mount", "network", "uts", "pid", "ipc");
    assertThat(linux.get("namespaces").findValues("path")).isEmpty();
    assertThat(linux.get("cgroupsPath").asText()).isEqualTo("/berth/" + ID);
    assertThat(linux.get("sysctl").get("net.ipv4.ip_unprivileged_port_start").asText())
        .isEqualTo("0");
  }

  @Test
  void processGetsDockersDefaultCapabilitiesAndLimits() throws Exception {
    JsonNode spec = generate(builder().build());
    JsonNode process = spec.get("process");

    assertThat(spec.get("ociVersion").asText()).isEqualTo("1.0.2");
    assertThat(process.get("terminal").asBoolean()).isFalse();
    assertThat(texts(process.get("args"))).containsExactly("sh", "-c", "echo hi");
    assertThat(process.get("cwd").asText()).isEqualTo("/");
    assertThat(process.get("noNewPrivileges").asBoolean()).isFalse();
    assertThat(process.get("oomScoreAdj").asInt()).isZero();
    for (String set : List.of("bounding", "effective", "permitted")) {
      assertThat(texts(process.get("capabilities").get(set)))
          .containsExactlyElementsOf(ContainerSpec.DEFAULT_CAPABILITIES)
          .hasSize(14)
          .contains("CAP_NET_RAW", "CAP_AUDIT_WRITE")
          .doesNotContain("CAP_SYS_ADMIN");
    }
    assertThat(process.get("capabilities").has("inheritable")).isFalse();
    JsonNode nofile = process.get("rlimits").get(0);
    assertThat(nofile.get("type").asText()).isEqualTo("RLIMIT_NOFILE");
    // 1048576 unless berthd may not raise its own hard limit that far (no CAP_SYS_RESOURCE)
    assertThat(nofile.get("soft").asLong())
        .isEqualTo(HostLimits.NOFILE)
        .isLessThanOrEqualTo(1048576);
    assertThat(nofile.get("hard").asLong()).isEqualTo(HostLimits.NOFILE);
  }

  @Test
  void capabilitiesCanBeOverriddenInEitherSpelling() throws Exception {
    JsonNode caps =
        generate(builder().capabilities(List.of("chown", "CAP_KILL")).build())
            .get("process")
            .get("capabilities");

    assertThat(texts(caps.get("bounding"))).containsExactly("CAP_CHOWN", "CAP_KILL");
    assertThat(texts(caps.get("permitted"))).containsExactly("CAP_CHOWN", "CAP_KILL");
  }

  @Test
  void maskedAndReadonlyPathsAreDockers() throws Exception {
    JsonNode linux = generate(builder().build()).get("linux");

    assertThat(texts(linux.get("maskedPaths")))
        .containsExactly(
            "/proc/asound",
            "/proc/acpi",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/proc/scsi",
            "/sys/firmware",
            "/sys/devices/virtual/powercap");
    assertThat(texts(linux.get("readonlyPaths")))
        .containsExactly("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
  }

  @Test
  void devicesAreDeniedExceptDockersDefaults() throws Exception {
    JsonNode devices = generate(builder().build()).get("linux").get("resources").get("devices");

    JsonNode denyAll = devices.get(0);
    assertThat(denyAll.get("allow").asBoolean()).isFalse();
    assertThat(denyAll.get("access").asText()).isEqualTo("rwm");
    assertThat(denyAll.has("type")).isFalse();
    assertThat(denyAll.has("major")).isFalse();
    List<String> allowed = new ArrayList<>();
    devices.forEach(
        d -> {
          if (d.get("allow").asBoolean()) {
            allowed.add(
                d.get("major").asInt() + ":" + (d.has("minor") ? d.get("minor").asInt() : "*"));
          }
        });
    // zero, null, urandom, random, tty, console, full, ptmx, pts
    assertThat(allowed)
        .containsExactlyInAnyOrder("1:5", "1:3", "1:9", "1:8", "5:0", "5:1", "1:7", "5:2", "136:*");
  }

  @Test
  void defaultMountsComeFirstThenTheContainersOwn() throws Exception {
    ContainerSpec spec =
        builder()
            .mount(MountSpec.bind("/var/lib/berth/containers/x/hosts", "/etc/hosts", false))
            .mount(MountSpec.bind("/data", "/data", true))
            .build();
    JsonNode mounts = generate(spec).get("mounts");

    assertThat(mounts.findValuesAsText("destination"))
        .containsExactly(
            "/proc",
            "/dev",
            "/dev/pts",
            "/sys",
            "/sys/fs/cgroup",
            "/dev/mqueue",
            "/dev/shm",
            "/etc/hosts",
            "/data");
    assertThat(texts(mounts.get(1).get("options")))
        .contains("mode=755", "size=65536k", "nosuid", "strictatime");
    assertThat(texts(mounts.get(2).get("options")))
        .contains("newinstance", "ptmxmode=0666", "mode=0620", "gid=5");
    assertThat(texts(mounts.get(3).get("options"))).contains("ro", "nosuid", "noexec", "nodev");
    assertThat(mounts.get(4).get("type").asText()).isEqualTo("cgroup");
    assertThat(texts(mounts.get(4).get("options"))).contains("ro");
    assertThat(texts(mounts.get(6).get("options")))
        .contains("nosuid", "nodev", "noexec", "mode=1777", "size=65536k");
    assertThat(mounts.get(7).get("type").asText()).isEqualTo("bind");
    assertThat(texts(mounts.get(7).get("options"))).containsExactly("rbind", "rprivate");
    assertThat(texts(mounts.get(8).get("options"))).containsExactly("rbind", "rprivate", "ro");
  }

  @Test
  void userRootTtyAndHostnameFollowTheSpec() throws Exception {
    ProcessUser alice = new ProcessUser(1000, 1000, List.of(1000, 10), "/home/alice");
    JsonNode spec =
        generate(
            builder()
                .user(alice)
                .tty(true)
                .readonlyRootfs(true)
                .annotations(Map.of("org.example", "yes"))
                .build());

    JsonNode user = spec.get("process").get("user");
    assertThat(user.get("uid").asInt()).isEqualTo(1000);
    assertThat(user.get("gid").asInt()).isEqualTo(1000);
    assertThat(texts(user.get("additionalGids"))).containsExactly("1000", "10");
    assertThat(spec.get("process").get("terminal").asBoolean()).isTrue();
    assertThat(texts(spec.get("process").get("env")))
        .containsExactly("PATH=/usr/bin:/bin", "HOME=/home/alice");
    assertThat(spec.get("root").get("path").asText()).isEqualTo(tmp.resolve("rootfs").toString());
    assertThat(spec.get("root").get("readonly").asBoolean()).isTrue();
    assertThat(spec.get("hostname").asText()).isEqualTo("a1b2c3");
    assertThat(spec.get("annotations").get("org.example").asText()).isEqualTo("yes");
  }

  @Test
  void anExplicitHomeIsKept() throws Exception {
    JsonNode env = generate(builder().env(List.of("HOME=/srv")).build()).get("process").get("env");

    assertThat(texts(env)).containsExactly("HOME=/srv");
  }

  @Test
  void writePutsConfigJsonInTheBundle() throws Exception {
    Path config = OciSpecGenerator.write(builder().build());

    assertThat(config).isEqualTo(tmp.resolve("bundle/config.json"));
    assertThat(JSON.readTree(Files.readAllBytes(config)).get("ociVersion").asText())
        .isEqualTo("1.0.2");
  }

  @Test
  void invalidSpecsAreRejectedAtConstruction() {
    assertThatThrownBy(() -> ContainerSpec.builder("abc", tmp, tmp).args("true").build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("invalid container id");
    assertThatThrownBy(() -> builder().args(List.of()).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no command specified");
    assertThatThrownBy(() -> builder().cwd("relative").build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("needs to be an absolute path");
  }
}
