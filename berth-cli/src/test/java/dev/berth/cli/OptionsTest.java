package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.DeviceMapping;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Ulimit;
import dev.berth.client.Json;
import dev.berth.client.RecordCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flags to the create request, the way the docker CLI maps them. */
class OptionsTest {

  @TempDir
  Path dir;

  static ContainerCreateRequest parse(boolean detach, String... args) throws Exception {
    RunCommand run = new RunCommand();
    CommandLine cl = new CommandLine(run);
    cl.setStopAtPositional(true);
    cl.parseArgs(args);
    return run.opts.toRequest(run.args.get(0), run.args.subList(1, run.args.size()), detach,
        Map.of("HOME", "/root")::get);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(ContainerCreateRequest r) throws Exception {
    return (Map<String, Object>) Json.parse(RecordCodec.write(r));
  }

  @Test
  void defaultsMatchDockers() throws Exception {
    Map<String, Object> j = json(parse(false, "busybox"));
    // what docker 28 sends for `docker create busybox` (captured), for the fields berth-api has
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("Hostname", "");
    expected.put("Domainname", "");
    expected.put("User", "");
    expected.put("AttachStdin", false);
    expected.put("AttachStdout", true);
    expected.put("AttachStderr", true);
    expected.put("Tty", false);
    expected.put("OpenStdin", false);
    expected.put("StdinOnce", false);
    expected.put("Env", null);
    expected.put("Cmd", null);
    expected.put("Image", "busybox");
    expected.put("Volumes", Map.of());
    expected.put("WorkingDir", "");
    expected.put("Entrypoint", null);
    expected.put("OnBuild", null);
    expected.put("Labels", Map.of());
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      assertThat(j).as(e.getKey()).containsEntry(e.getKey(), e.getValue());
    }
    Map<String, Object> h = Json.obj(j.get("HostConfig"));
    assertThat(h).containsEntry("NetworkMode", "default").containsEntry("ConsoleSize", List.of(0L, 0L))
        .containsEntry("MemorySwappiness", -1L).containsEntry("AutoRemove", false)
        .containsEntry("LogConfig", Map.of("Type", "", "Config", Map.of()))
        .containsEntry("RestartPolicy", Map.of("Name", "no", "MaximumRetryCount", 0L))
        .containsEntry("Dns", List.of()).containsEntry("Binds", null);
  }

  @Test
  void interactiveAndDetach() throws Exception {
    var i = parse(false, "-i", "busybox").config();
    assertThat(i.attachStdin()).isTrue();
    assertThat(i.openStdin()).isTrue();
    assertThat(i.stdinOnce()).isTrue();
    var d = parse(true, "-d", "-i", "busybox").config();
    assertThat(d.attachStdout()).isFalse();
    assertThat(d.attachStdin()).isFalse();
    assertThat(d.openStdin()).isTrue();
    assertThat(d.stdinOnce()).isFalse();
    assertThat(parse(false, "-t", "busybox").config().tty()).isTrue();
    var a = parse(false, "-a", "stderr", "busybox").config();
    assertThat(a.attachStdout()).isFalse();
    assertThat(a.attachStderr()).isTrue();
  }

  @Test
  void processFlags() throws Exception {
    var r = parse(false, "-e", "A=1", "-e", "HOME", "-e", "UNSET", "--entrypoint", "", "-w", "/w", "-u", "nobody",
        "-h", "h1", "--name", "n", "-l", "a=b", "-l", "flag", "busybox", "echo", "-n", "x");
    assertThat(r.config().env()).containsExactly("A=1", "HOME=/root", "UNSET");
    assertThat(r.config().entrypoint()).containsExactly("");
    assertThat(r.config().cmd()).containsExactly("echo", "-n", "x");
    assertThat(r.config().labels()).containsEntry("a", "b").containsEntry("flag", "");
    assertThat(r.config().workingDir()).isEqualTo("/w");
    assertThat(r.config().user()).isEqualTo("nobody");
    assertThat(r.config().hostname()).isEqualTo("h1");
  }

  @Test
  void envAndLabelFiles() throws Exception {
    Path env = dir.resolve("env");
    Files.writeString(env, "\uFEFF# comment\n\nA=1\n  B=two words\nHOME\nMISSING\n");
    Path labels = dir.resolve("labels");
    Files.writeString(labels, "x=1\n# no\ny\n");
    var r = parse(false, "--env-file", env.toString(), "-e", "C=3", "--label-file", labels.toString(), "-l", "x=2",
        "busybox");
    assertThat(r.config().env()).containsExactly("A=1", "B=two words", "HOME=/root", "C=3");
    assertThat(r.config().labels()).isEqualTo(Map.of("x", "2", "y", ""));
    Files.writeString(env, "BAD VAR=1\n");
    assertThatThrownBy(() -> parse(false, "--env-file", env.toString(), "busybox"))
        .hasMessageContaining("variable 'BAD VAR' contains whitespaces");
  }

  @Test
  void hostFlags() throws Exception {
    var h = parse(false, "--read-only", "--runtime", "crun", "--restart", "on-failure:3", "-m", "64m",
        "--shm-size", "1g", "--cap-add", "net_admin", "--cap-drop", "ALL", "-v", "/a:/b:ro", "-p", "8080:80",
        "-p", "127.0.0.1:53:53/udp", "--init", "--privileged", "--network", "host", "busybox").hostConfig();
    assertThat(h.autoRemove()).isFalse();
    assertThat(h.readonlyRootfs()).isTrue();
    assertThat(h.runtime()).isEqualTo("crun");
    assertThat(h.restartPolicy()).isEqualTo(new HostConfig.RestartPolicy("on-failure", 3));
    assertThat(h.memory()).isEqualTo(64L << 20);
    assertThat(h.shmSize()).isEqualTo(1L << 30);
    assertThat(h.capAdd()).containsExactly("CAP_NET_ADMIN");
    assertThat(h.capDrop()).containsExactly("ALL");
    assertThat(h.binds()).containsExactly("/a:/b:ro");
    assertThat(h.portBindings()).containsEntry("80/tcp", List.of(new HostConfig.PortBinding("", "8080")))
        .containsEntry("53/udp", List.of(new HostConfig.PortBinding("127.0.0.1", "53")));
    assertThat(h.init()).isTrue();
    assertThat(h.privileged()).isTrue();
    assertThat(h.networkMode()).isEqualTo("host");
  }

  @Test
  void badFlagValues() {
    assertThatThrownBy(() -> parse(false, "--restart", "sometimes", "busybox"))
        .hasMessage("invalid restart policy format: unknown policy 'sometimes'");
    assertThatThrownBy(() -> parse(false, "--restart", "always:3", "busybox"))
        .hasMessageContaining("maximum retry count can only be used with 'on-failure'");
    assertThatThrownBy(() -> parse(false, "--rm", "--restart", "always", "busybox"))
        .hasMessageContaining("Conflicting options: --restart and --rm");
    assertThatThrownBy(() -> parse(false, "-m", "lots", "busybox")).hasMessageContaining("invalid size: 'lots'");
    assertThatThrownBy(() -> parse(false, "-e", "=x", "busybox")).hasMessageContaining("invalid environment variable");
  }

  @Test
  void resourceFlags() throws Exception {
    var h = parse(false, "--memory-swap", "-1", "--memory-reservation", "16m", "--cpus", "1.5", "-c", "512",
        "--cpu-period", "50000", "--cpuset-cpus", "0-1", "--pids-limit", "20", "--blkio-weight", "300",
        "--oom-kill-disable", "--ulimit", "nofile=100:200", "--ulimit", "nproc=10", "--ulimit", "nofile=5",
        "busybox").hostConfig();
    assertThat(h.memorySwap()).isEqualTo(-1);
    assertThat(h.memoryReservation()).isEqualTo(16L << 20);
    assertThat(h.nanoCpus()).isEqualTo(1_500_000_000L);
    assertThat(h.cpuShares()).isEqualTo(512);
    assertThat(h.cpuPeriod()).isEqualTo(50000);
    assertThat(h.cpusetCpus()).isEqualTo("0-1");
    assertThat(h.pidsLimit()).isEqualTo(20);
    assertThat(h.blkioWeight()).isEqualTo(300);
    assertThat(h.oomKillDisable()).isTrue();
    assertThat(h.ulimits()).containsExactly(new Ulimit("nofile", 5, 5), new Ulimit("nproc", 10, 10));
    assertThat(parse(false, "busybox").hostConfig().pidsLimit()).isZero();
  }

  @Test
  void securityFlags() throws Exception {
    Path profile = dir.resolve("profile.json");
    Files.writeString(profile, "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"note\": \"a b\"\n}\n");
    var h = parse(false, "--security-opt", "seccomp=" + profile, "--security-opt", "no-new-privileges",
        "--security-opt", "systempaths=unconfined", "--device", "/dev/null:/dev/x:r", "--device", "/dev/zero",
        "--tmpfs", "/run:size=1m", "--tmpfs", "/cache", "busybox").hostConfig();
    assertThat(h.securityOpt()).containsExactly("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"note\":\"a b\"}",
        "no-new-privileges");
    assertThat(h.maskedPaths()).isEmpty();
    assertThat(h.readonlyPaths()).isEmpty();
    assertThat(h.devices()).containsExactly(new DeviceMapping("/dev/null", "/dev/x", "r"),
        new DeviceMapping("/dev/zero", "/dev/zero", "rwm"));
    assertThat(h.tmpfs()).containsEntry("/run", "size=1m").containsEntry("/cache", "");
    assertThat(parse(false, "busybox").hostConfig().maskedPaths()).isNull();
  }

  @Test
  void badResourceAndSecurityValues() {
    assertThatThrownBy(() -> parse(false, "--cpus", "abc", "busybox"))
        .hasMessage("invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number");
    assertThatThrownBy(() -> parse(false, "--cpus", "0.0000000001", "busybox")).hasMessageContaining("value is too precise");
    assertThatThrownBy(() -> parse(false, "--ulimit", "nofile", "busybox"))
        .hasMessageContaining("invalid ulimit argument: nofile");
    assertThatThrownBy(() -> parse(false, "--ulimit", "nofile=1:2:3", "busybox"))
        .hasMessageContaining("too many limit value arguments");
    assertThatThrownBy(() -> parse(false, "--blkio-weight", "70000", "busybox"))
        .hasMessageContaining("strconv.ParseUint: parsing \"70000\": value out of range");
    assertThatThrownBy(() -> parse(false, "--device", "/dev/null:/dev/x:rwx", "busybox"))
        .hasMessageContaining("bad mode specified: rwx");
    assertThatThrownBy(() -> parse(false, "--device", "/dev/null:relative", "busybox"))
        .hasMessageContaining("relative is not an absolute path");
    assertThatThrownBy(() -> parse(false, "--security-opt", "bogus", "busybox"))
        .hasMessageContaining("Invalid --security-opt: \"bogus\"");
    assertThatThrownBy(() -> parse(false, "--security-opt", "seccomp=" + dir.resolve("none.json"), "busybox"))
        .hasMessageContaining("opening seccomp profile (" + dir.resolve("none.json") + ") failed");
  }

  @Test
  void timestamps() {
    Instant now = Instant.parse("2024-05-01T12:00:00Z");
    assertThat(TimeArgs.timestamp("42m", now, ZoneOffset.UTC)).isEqualTo(Long.toString(now.getEpochSecond() - 2520));
    assertThat(TimeArgs.timestamp("1h30m", now, ZoneOffset.UTC)).isEqualTo(Long.toString(now.getEpochSecond() - 5400));
    assertThat(TimeArgs.timestamp("2013-01-02T13:23:37Z", now, ZoneOffset.UTC)).isEqualTo("1357133017.000000000");
    assertThat(TimeArgs.timestamp("2013-01-02T13:23:37.5+01:00", now, ZoneOffset.UTC)).isEqualTo("1357129417.500000000");
    assertThat(TimeArgs.timestamp("2013-01-02T13:23", now, ZoneOffset.UTC)).isEqualTo("1357132980.000000000");
    assertThat(TimeArgs.timestamp("2013-01-02", now, ZoneOffset.UTC)).isEqualTo("1357084800.000000000");
    assertThat(TimeArgs.timestamp("1357133017", now, ZoneOffset.UTC)).isEqualTo("1357133017");
    assertThat(TimeArgs.timestamp("1357133017.25", now, ZoneOffset.UTC)).isEqualTo("1357133017.25");
    assertThatThrownBy(() -> TimeArgs.timestamp("soon", now, ZoneOffset.UTC))
        .hasMessage("failed to parse value as time or duration: \"soon\"");
    assertThat(TimeArgs.parseGoDuration("1.5s").toMillis()).isEqualTo(1500);
    assertThat(TimeArgs.parseGoDuration("300ms").toMillis()).isEqualTo(300);
    assertThat(TimeArgs.parseGoDuration("abc")).isNull();
  }
}
