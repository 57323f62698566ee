package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
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
        .contains("nosuid", "nodev", "noexec", "mode=1777", "size=67108864");
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
  void limitsGoToTheCgroupAndTheProcess() throws Exception {
    LinuxResources limits = new LinuxResources(new LinuxResources.Memory(33554432L, null, 67108864L, null, true),
        new LinuxResources.Cpu(512L, 50000L, 100000L, null, null, "1", null), new LinuxResources.Pids(20), null);
    JsonNode spec = generate(builder().resources(limits)
        .rlimits(List.of(Rlimit.ofUlimit("nofile", 100, 200), Rlimit.ofUlimit("nproc", 10, 10))).build());

    JsonNode resources = spec.get("linux").get("resources");
    assertThat(resources.get("memory").get("limit").asLong()).isEqualTo(33554432L);
    assertThat(resources.get("memory").get("swap").asLong()).isEqualTo(67108864L);
    assertThat(resources.get("memory").get("disableOOMKiller").asBoolean()).isTrue();
    assertThat(resources.get("memory").has("reservation")).isFalse();
    assertThat(resources.get("cpu").get("quota").asLong()).isEqualTo(50000L);
    assertThat(resources.get("cpu").get("cpus").asText()).isEqualTo("1");
    assertThat(resources.get("pids").get("limit").asLong()).isEqualTo(20);
    assertThat(resources.has("blockIO")).isFalse();
    JsonNode rlimits = spec.get("process").get("rlimits");
    assertThat(rlimits.findValuesAsText("type")).containsExactly("RLIMIT_NOFILE", "RLIMIT_NPROC");
    assertThat(rlimits.get(0).get("soft").asLong()).isEqualTo(100);
    assertThat(rlimits.get(0).get("hard").asLong()).isEqualTo(200);
  }

  @Test
  void theDefaultSeccompFilterAllowsWhatTheCapabilitiesAllow() throws Exception {
    JsonNode seccomp = generate(builder().build()).get("linux").get("seccomp");
    JsonNode sysAdmin = generate(builder().capabilities(List.of("CAP_SYS_ADMIN")).build()).get("linux").get("seccomp");

    assertThat(seccomp.get("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(seccomp.get("defaultErrnoRet").asInt()).isEqualTo(1);
    assertThat(texts(seccomp.get("architectures"))).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
        "SCMP_ARCH_X32");
    assertThat(texts(seccomp.get("syscalls").get(0).get("names"))).contains("read", "execve", "chown")
        .doesNotContain("mount", "unshare", "keyctl");
    assertThat(seccomp.get("syscalls").findValuesAsText("names").toString()).doesNotContain("unshare");
    assertThat(sysAdmin.toString()).contains("\"unshare\"");
    assertThat(seccomp.toString()).contains("\"clone3\"");
    assertThat(generate(builder().seccomp(null).build()).get("linux").has("seccomp")).isFalse();
  }

  @Test
  void aPrivilegedContainerGetsEveryDeviceAndAWritableSys() throws Exception {
    DeviceNode nullDevice = new DeviceNode("/dev/mynull", 'c', 1, 3, 0666, 0, 0, "rwm");
    JsonNode linux = generate(builder().privileged(true).devices(List.of(nullDevice))
        .systemPaths(List.of(), List.of()).build()).get("linux");
    JsonNode mounts = generate(builder().privileged(true).build()).get("mounts");

    assertThat(linux.get("resources").get("devices")).hasSize(1);
    assertThat(linux.get("resources").get("devices").get(0).get("allow").asBoolean()).isTrue();
    assertThat(linux.get("devices").get(0).get("path").asText()).isEqualTo("/dev/mynull");
    assertThat(linux.has("maskedPaths")).isFalse();
    assertThat(texts(mounts.get(3).get("options"))).doesNotContain("ro");
    assertThat(texts(mounts.get(4).get("options"))).contains("rw").doesNotContain("ro");
  }

  @Test
  void aDeviceIsMadeAndAllowed() throws Exception {
    DeviceNode nullDevice = new DeviceNode("/dev/mynull", 'c', 1, 3, 0666, 0, 0, "r");
    JsonNode linux = generate(builder().devices(List.of(nullDevice)).build()).get("linux");

    JsonNode device = linux.get("devices").get(0);
    assertThat(device.get("type").asText()).isEqualTo("c");
    assertThat(device.get("major").asLong()).isEqualTo(1);
    assertThat(device.get("minor").asLong()).isEqualTo(3);
    JsonNode rules = linux.get("resources").get("devices");
    JsonNode last = rules.get(rules.size() - 1);
    assertThat(last.get("allow").asBoolean()).isTrue();
    assertThat(last.get("access").asText()).isEqualTo("r");
    assertThat(last.get("minor").asLong()).isEqualTo(3);
  }

  @Test
  void sharedNamespacesAreLeftOutOrJoined() throws Exception {
    JsonNode linux = generate(builder().hostname("").namespaces(NamespaceMode.joinProcess(42, "ipc"),
        NamespaceMode.HOST, NamespaceMode.HOST).shmSize(0).build()).get("linux");
    JsonNode spec = generate(builder().hostname("").namespaces(NamespaceMode.PRIVATE, NamespaceMode.PRIVATE,
        NamespaceMode.HOST).shmSize(0).build());

    assertThat(linux.get("namespaces").findValuesAsText("type")).containsExactly("mount", "network", "ipc");
    assertThat(linux.get("namespaces").get(2).get("path").asText()).isEqualTo("/proc/42/ns/ipc");
    assertThat(spec.has("hostname")).isFalse();
    assertThat(spec.get("mounts").findValuesAsText("destination")).doesNotContain("/dev/shm");
    assertThatThrownBy(() -> builder().namespaces(NamespaceMode.PRIVATE, NamespaceMode.PRIVATE, NamespaceMode.HOST)
        .build()).hasMessageContaining("a hostname needs a UTS namespace of its own");
  }

  @Test
  void aMountOfTheContainersReplacesTheDefaultAtTheSamePlace() throws Exception {
    JsonNode mounts = generate(builder().mount(new MountSpec("/dev/shm", "bind", "/somewhere",
        List.of("rbind"))).build()).get("mounts");

    assertThat(mounts.findValuesAsText("destination")).containsOnlyOnce("/dev/shm");
    assertThat(mounts.get(mounts.size() - 1).get("source").asText()).isEqualTo("/somewhere");
  }

  /** A container's config.json as the generator writes it, for an exec to start from. */
  private static final String CONTAINER = """
      {"ociVersion":"1.0.2","process":{"terminal":false,"user":{"uid":0,"gid":0},"args":["sleep","600"],
      "env":["PATH=/bin"],"cwd":"/","capabilities":{"bounding":["CAP_CHOWN"],"effective":["CAP_CHOWN"],
      "permitted":["CAP_CHOWN"]},"rlimits":[{"type":"RLIMIT_NPROC","hard":50,"soft":50}],
      "noNewPrivileges":true}}""";

  @Test
  void anExecRunsTheContainersProcessWithItsOwnCommand() throws Exception {
    JsonNode process = JSON.readTree(OciSpecGenerator.execProcess(new ExecSpec("b".repeat(64), List.of("ps"),
        List.of("A=1"), "/tmp", new ProcessUser(1000, 1000, List.of(), "/home/u"), false, null, false),
        CONTAINER.getBytes(StandardCharsets.UTF_8)));

    assertThat(texts(process.get("args"))).containsExactly("ps");
    assertThat(texts(process.get("env"))).containsExactly("A=1", "HOME=/home/u");
    assertThat(process.get("cwd").asText()).isEqualTo("/tmp");
    assertThat(process.get("user").get("uid").asInt()).isEqualTo(1000);
    assertThat(texts(process.get("capabilities").get("bounding"))).containsExactly("CAP_CHOWN");
    assertThat(process.get("rlimits").findValuesAsText("type")).containsExactly("RLIMIT_NPROC");
    assertThat(process.get("noNewPrivileges").asBoolean()).isTrue();
    assertThat(process.has("consoleSize")).isFalse();
  }

  @Test
  void aPrivilegedExecWithATerminalGetsEveryCapabilityAndTheClientsSize() throws Exception {
    JsonNode process = JSON.readTree(OciSpecGenerator.execProcess(new ExecSpec("c".repeat(64), List.of("sh"),
        List.of(), "/", ProcessUser.ROOT, true, new TerminalSize(40, 120), true),
        CONTAINER.getBytes(StandardCharsets.UTF_8)));

    assertThat(process.get("terminal").asBoolean()).isTrue();
    assertThat(process.get("consoleSize").get("height").asInt()).isEqualTo(40);
    assertThat(process.get("consoleSize").get("width").asInt()).isEqualTo(120);
    assertThat(texts(process.get("capabilities").get("effective"))).containsExactlyElementsOf(Capabilities.all());
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
