package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeMessagesTest {

  @Test
  void logrusErrorLinesAreUnquoted() {
    String runc =
        "time=\"2024-01-01T00:00:00Z\" level=warning msg=\"ignored\"\n"
            + "time=\"2024-01-01T00:00:00Z\" level=error msg=\"runc create failed: unable to start"
            + " container process: exec: \\\"nope\\\": executable file not found in $PATH\"\n";

    assertThat(RuntimeMessages.errorText(runc))
        .isEqualTo(
            "runc create failed: unable to start container process: exec: \"nope\": executable"
                + " file not found in $PATH");
  }

  @Test
  void otherOutputIsKeptAsItIs() {
    assertThat(RuntimeMessages.errorText("crun: something failed\n"))
        .isEqualTo("crun: something failed");
    assertThat(RuntimeMessages.unquote("a\\tb\\x41\\u00e9")).isEqualTo("a\tbAé");
  }

  @Test
  void startFailuresGetDockersExitCodes() {
    assertThat(StartFailures.exitCode("nope", "exec: \"nope\": executable file not found in $PATH"))
        .hasValue(127);
    assertThat(StartFailures.exitCode("/x", "exec: \"/x\": stat /x: no such file or directory"))
        .hasValue(127);
    assertThat(StartFailures.exitCode("/x", "exec: \"/x\": permission denied")).hasValue(126);
    assertThat(StartFailures.exitCode("sh", "cgroup: device or resource busy")).isEmpty();
  }
}
