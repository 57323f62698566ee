package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-py, Debian's python3-docker, drives berthd: run, exec with and without a TTY, attach, wait, kill. */
class DockerPyIT extends DaemonTest {

  @Test
  void aPythonUserRunsExecsAndAttaches() throws Exception {
    Path script = Files.createTempFile("docker-py-", ".py");
    try (var in = getClass().getResourceAsStream("/docker_py_containers.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), daemon.host())
        .redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Files.delete(script);

    assertThat(python.exitValue()).as(output).isZero();
    assertThat(output.lines()).containsExactly(
        "api: 1.47",
        "run: b'out\\nerr\\n'",
        "exec: 3 b'exec-3\\n'",
        "exec-tty: 0 True",
        "exec-demux: 0 (b'o\\n', b'e\\n')",
        "attach: b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\thello-py\\n'",
        "wait: 0",
        "left: []");
  }
}
