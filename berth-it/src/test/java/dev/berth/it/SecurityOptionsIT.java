package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security options through the docker CLI: capabilities, privileged mode, no-new-privileges,
 * seccomp, read-only roots and tmpfs, devices, users and groups, the init process, and shared
 * namespaces; each checked from inside the container.
 */
class SecurityOptionsIT extends DaemonTest {

  /** CapEff of a container with Docker's 14 default capabilities. */
  private static final String DEFAULT_CAPS = "00000000a80425fb";

  private Docker.Result run(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("run", "--rm"));
    all.addAll(List.of(args));
    return docker.run(all.toArray(String[]::new));
  }

  private String out(String... args) throws Exception {
    Docker.Result result = run(args);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.out();
  }

  private static String field(String status, String name) {
    return status.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow()
        .substring(name.length() + 1).strip();
  }

  @Test
  void aContainerGetsDockersDefaultCapabilitiesAndFilter() throws Exception {
    String status = out("busybox", "cat", "/proc/self/status");

    assertThat(field(status, "CapEff")).isEqualTo(DEFAULT_CAPS);
    assertThat(field(status, "CapBnd")).isEqualTo(DEFAULT_CAPS);
    assertThat(field(status, "Seccomp")).isEqualTo("2");
    assertThat(field(status, "NoNewPrivs")).isEqualTo("0");
  }

  @Test
  void capabilitiesAreAddedAndDroppedInAnySpelling() throws Exception {
    long added = Long.parseLong(field(out("--cap-add", "sys_admin", "--cap-drop", "CAP_CHOWN", "busybox", "cat",
        "/proc/self/status"), "CapEff"), 16);
    String onlyChown = field(out("--cap-drop", "ALL", "--cap-add", "Chown", "busybox", "cat", "/proc/self/status"),
        "CapEff");
    long allButKill = Long.parseLong(field(out("--cap-add", "all", "--cap-drop", "kill", "busybox", "cat",
        "/proc/self/status"), "CapEff"), 16);

    assertThat(added & (1L << 21)).as("CAP_SYS_ADMIN").isNotZero();
    assertThat(added & 1L).as("CAP_CHOWN").isZero();
    assertThat(onlyChown).isEqualTo("0000000000000001");
    assertThat(allButKill & (1L << 5)).as("CAP_KILL").isZero();
    assertThat(allButKill & (1L << 21)).as("CAP_SYS_ADMIN").isNotZero();
    assertThat(out("--cap-add", "sys_admin", "busybox", "sh", "-c", "unshare -n true && echo unshared"))
        .isEqualTo("unshared");
  }

  @Test
  void privilegedGetsEveryCapabilityAndDeviceAndNoFilterOrMasks() throws Exception {
    String status = out("--privileged", "busybox", "cat", "/proc/self/status");
    String ownBounding = field(Files.readString(Path.of("/proc/self/status")), "CapBnd");
    String mounts = out("--privileged", "busybox", "cat", "/proc/mounts");
    String devices = out("--privileged", "busybox", "ls", "/dev");
    docker.run("create", "--name", "priv", "--privileged", "busybox", "true");

    assertThat(field(status, "CapEff")).isEqualTo(ownBounding);
    assertThat(field(status, "Seccomp")).isEqualTo("0");
    assertThat(mounts.lines().filter(l -> l.contains(" /sys sysfs ")).findFirst().orElseThrow()).contains(" rw,");
    assertThat(devices.lines()).contains("null", "zero").hasSizeGreaterThan(20);
    assertThat(docker.run("inspect", "-f", "{{json .HostConfig.MaskedPaths}} {{json .HostConfig.SecurityOpt}}",
        "priv").out()).isEqualTo("null [\"label=disable\"]");
    docker.run("rm", "priv");
  }

  @Test
  void noNewPrivilegesInBothSpellings() throws Exception {
    assertThat(field(out("--security-opt", "no-new-privileges", "busybox", "cat", "/proc/self/status"),
        "NoNewPrivs")).isEqualTo("1");
    assertThat(field(out("--security-opt", "no-new-privileges:true", "busybox", "cat", "/proc/self/status"),
        "NoNewPrivs")).isEqualTo("1");
    assertThat(field(out("--security-opt", "no-new-privileges=false", "busybox", "cat", "/proc/self/status"),
        "NoNewPrivs")).isEqualTo("0");
  }

  @Test
  void theDefaultFilterBlocksWhatUnconfinedAllows() throws Exception {
    Docker.Result blocked = run("busybox", "unshare", "-U", "true");
    Docker.Result unconfined = run("--security-opt", "seccomp=unconfined", "busybox", "unshare", "-U", "true");

    assertThat(blocked.exitCode()).isNotZero();
    assertThat(blocked.stderr()).contains("Operation not permitted");
    assertThat(unconfined.exitCode()).as(unconfined.stderr()).isZero();
  }

  @Test
  void aProfileFileIsSentAndApplied() throws Exception {
    Path profile = Files.createTempFile("seccomp-", ".json");
    Files.writeString(profile, """
        {
          "defaultAction": "SCMP_ACT_ALLOW",
          "syscalls": [ { "names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO" } ]
        }
        """);
    try {
      Docker.Result result = run("--security-opt", "seccomp=" + profile, "busybox", "mkdir", "/made");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr()).contains("Operation not permitted");
      assertThat(out("--security-opt", "seccomp=" + profile, "busybox", "sh", "-c", "unshare -U true && echo free"))
          .isEqualTo("free");
    } finally {
      Files.delete(profile);
    }
  }

  @Test
  void aReadOnlyRootStillHasItsTmpfsMounts() throws Exception {
    Docker.Result touch = run("--read-only", "busybox", "touch", "/x");
    String tmpfs = out("--read-only", "--tmpfs", "/run:size=1m,exec", "--tmpfs", "/scratch", "busybox", "sh", "-c",
        "touch /run/x /scratch/y && grep -E ' /(run|scratch) ' /proc/mounts");

    assertThat(touch.exitCode()).isEqualTo(1);
    assertThat(touch.stderr()).contains("Read-only file system");
    List<String> lines = tmpfs.lines().toList();
    assertThat(lines.get(0)).startsWith("tmpfs /run tmpfs rw,nosuid,nodev,").contains("size=1024k")
        .doesNotContain("noexec");
    assertThat(lines.get(1)).startsWith("tmpfs /scratch tmpfs rw,nosuid,nodev,noexec");
  }

  @Test
  void aHostDeviceAppearsWhereAsked() throws Exception {
    String device = out("--device", "/dev/null:/dev/mynull", "busybox", "sh", "-c",
        "stat -c '%F %t:%T' /dev/mynull; echo gone > /dev/mynull && echo written");

    assertThat(device.lines()).containsExactly("character special file 1:3", "written");
    Docker.Result missing = run("--device", "/dev/no-such-device", "busybox", "true");
    assertThat(missing.exitCode()).as("the docker CLI's code for \"no such file\"").isEqualTo(127);
    assertThat(missing.stderr()).contains("error gathering device information while adding custom device "
        + "\"/dev/no-such-device\": no such file or directory");
  }

  @Test
  void usersAndGroupsAreResolvedInTheImage() throws Exception {
    assertThat(out("-u", "daemon:bin", "busybox", "id")).isEqualTo("uid=1(daemon) gid=2(bin) groups=2(bin)");
    assertThat(out("-u", "1:2", "busybox", "id")).isEqualTo("uid=1(daemon) gid=2(bin) groups=2(bin)");
    assertThat(out("-u", "nobody", "--group-add", "10", "--group-add", "daemon", "busybox", "id"))
        .isEqualTo("uid=65534(nobody) gid=65534(nogroup) groups=1(daemon),10(wheel),65534(nogroup)");
    Docker.Result unknown = run("--group-add", "nosuchgroup", "busybox", "true");
    assertThat(unknown.stderr()).contains("Unable to find group nosuchgroup: no matching entries in group file");
  }

  @Test
  void initRunsAsPidOneAndReapsTheCommand() throws Exception {
    String ps = out("--init", "busybox", "ps", "-o", "pid,args");
    docker.run("create", "--name", "inited", "--init", "busybox", "true");

    assertThat(ps.lines().skip(1).findFirst().orElseThrow().strip()).isEqualTo("1 /sbin/docker-init -- ps -o pid,args");
    assertThat(docker.run("inspect", "-f", "{{.HostConfig.Init}} {{.Path}}", "inited").out()).isEqualTo("true true");
    assertThat(docker.run("start", "-a", "inited").exitCode()).isZero();
    docker.run("rm", "inited");
  }

  @Test
  void ipcModesShareOrWithholdDevShm() throws Exception {
    docker.run("run", "-d", "--name", "donor", "--ipc", "shareable", "busybox", "sleep", "100");
    docker.run("exec", "donor", "sh", "-c", "echo shared > /dev/shm/note");
    docker.run("run", "-d", "--name", "loner", "busybox", "sleep", "100");
    String donorId = docker.run("inspect", "-f", "{{.Id}}", "donor").out();

    assertThat(out("--ipc", "container:donor", "busybox", "cat", "/dev/shm/note")).isEqualTo("shared");
    assertThat(docker.run("inspect", "-f", "{{.HostConfig.IpcMode}}",
        docker.run("create", "--ipc", "container:donor", "busybox", "true").out()).out())
        .isEqualTo("container:" + donorId);
    assertThat(run("--ipc", "container:loner", "busybox", "true").stderr())
        .contains("non-shareable IPC (hint: use IpcMode:shareable for the donor container)");
    assertThat(run("--ipc", "none", "busybox", "ls", "/dev/shm").stderr()).contains("No such file or directory");
    assertThat(out("--ipc", "host", "busybox", "grep", " /dev/shm ", "/proc/mounts")).doesNotContain("size=65536k");
    docker.run("rm", "-f", "donor", "loner");
    docker.run("container", "prune", "-f");
  }

  @Test
  void pidAndUtsNamespacesCanBeShared() throws Exception {
    docker.run("run", "-d", "--name", "sleeper", "busybox", "sleep", "100");
    String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();

    assertThat(out("--pid", "container:sleeper", "busybox", "ps", "-o", "pid,args").lines())
        .anyMatch(line -> line.strip().equals("1 sleep 100"));
    assertThat(out("--pid", "host", "busybox", "cat", "/proc/1/cmdline")).doesNotStartWith("cat");
    assertThat(out("--uts", "host", "busybox", "hostname")).isEqualTo(hostName);
    docker.run("rm", "-f", "sleeper");
  }

  @Test
  void badSecurityInputGetsDockersErrorsAndCreatesNothing() throws Exception {
    List<CreateRefusals.Case> cases = List.of(
        new CreateRefusals.Case(List.of("--cap-add", "foo"), "invalid CapAdd: unknown capability: \"CAP_FOO\""),
        new CreateRefusals.Case(List.of("--cap-drop", "bar"), "invalid CapDrop: unknown capability: \"CAP_BAR\""),
        new CreateRefusals.Case(List.of("--security-opt", "foo=bar"), "invalid --security-opt 2: \"foo=bar\""),
        new CreateRefusals.Case(List.of("--security-opt", "no-new-privileges:maybe"),
            "invalid --security-opt 2: \"no-new-privileges:maybe\""),
        new CreateRefusals.Case(List.of("--ipc", "container:missing"), "No such container: missing"),
        new CreateRefusals.Case(List.of("--pid", "container:missing"), "No such container: missing"),
        new CreateRefusals.Case(List.of("--ipc", "bogus"), "invalid IPC mode: bogus"),
        new CreateRefusals.Case(List.of("--uts", "host", "-h", "named"), "conflicting options: hostname and the UTS mode"),
        new CreateRefusals.Case(List.of("--tmpfs", "relative"), "invalid mount path: 'relative' mount path must be absolute"),
        new CreateRefusals.Case(List.of("--tmpfs", "/run:bogus=1"), "invalid tmpfs option \"bogus\""));
    CreateRefusals.assertRefused(docker, cases);
    Path badProfile = Files.createTempFile("seccomp-", ".json");
    Files.writeString(badProfile, "{\"defaultAction\": 5, \"syscalls\": {}}");
    try {
      assertThat(docker.run("create", "--security-opt", "seccomp=" + badProfile, "busybox", "true").stderr())
          .contains("Decoding seccomp profile failed");
    } finally {
      Files.delete(badProfile);
    }
    assertThat(docker.run("create", "--security-opt", "bogus", "busybox", "true").stderr())
        .contains("Invalid --security-opt: \"bogus\"");
    assertThat(docker.run("ps", "-aq").out()).isEmpty();
  }
}
