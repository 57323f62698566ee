package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {

  private static List<String> names(OciSpec.Seccomp filter) {
    return filter.syscalls().stream().flatMap(s -> s.names().stream()).toList();
  }

  @Test
  void theDefaultAllowsCallsByCapabilityAndReportsEnosysForClone3() {
    OciSpec.Seccomp plain = DefaultSeccompProfile.get().resolve(Capabilities.DEFAULT);
    OciSpec.Seccomp admin = DefaultSeccompProfile.get().resolve(List.of("CAP_SYS_ADMIN", "CAP_SYS_PTRACE"));

    assertThat(plain.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(plain.defaultErrnoRet()).isEqualTo(1);
    assertThat(names(plain)).contains("read", "chroot", "clone", "clone3", "ptrace").doesNotContain("mount", "reboot");
    assertThat(plain.syscalls().stream().filter(s -> s.names().contains("clone3")).findFirst().orElseThrow()
        .errnoRet()).isEqualTo(38);
    assertThat(plain.syscalls().stream().filter(s -> s.names().equals(List.of("clone"))).findFirst().orElseThrow()
        .args()).containsExactly(new OciSpec.SeccompArg(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ"));
    assertThat(names(admin)).contains("mount", "unshare", "setns", "kcmp").doesNotContain("reboot");
    assertThat(admin.syscalls().stream().filter(s -> s.names().equals(List.of("clone"))).findFirst()).isEmpty();
  }

  @Test
  void aProfileFileIsReadAsDockerReadsIt() {
    SeccompProfile profile = SeccompProfile.parse("""
        {"DefaultAction": "SCMP_ACT_ALLOW", "unknownField": 1,
         "syscalls": [{"name": "mkdir", "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                      {"names": ["reboot"], "action": "SCMP_ACT_KILL", "includes": {"caps": ["CAP_SYS_BOOT"]}},
                      {"names": ["sync"], "action": "SCMP_ACT_ERRNO", "includes": {"minKernel": "99.0"}}]}
        """);

    OciSpec.Seccomp filter = profile.resolve(Capabilities.DEFAULT);

    assertThat(filter.defaultAction()).isEqualTo("SCMP_ACT_ALLOW");
    assertThat(filter.syscalls()).containsExactly(new OciSpec.Syscall(List.of("mkdir"), "SCMP_ACT_ERRNO", 13, null));
    assertThat(SeccompProfile.parse("{}").resolve(List.of())).isNull();
  }

  @Test
  void profilesDockerRefusesAreRefusedWhenRead() {
    assertThatThrownBy(() -> SeccompProfile.parse("{\"defaultAction\": [1]}"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("Decoding seccomp profile failed: ");
    assertThatThrownBy(() -> SeccompProfile.parse("{\"architectures\": [\"SCMP_ARCH_X86\"], "
        + "\"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}"))
        .hasMessage("'architectures' and 'archMap' were specified in the seccomp profile, use either "
            + "'architectures' or 'archMap'");
    assertThatThrownBy(() -> SeccompProfile.parse("{\"syscalls\": [{\"name\": \"a\", \"names\": [\"b\"]}]}"))
        .hasMessage("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
  }
}
