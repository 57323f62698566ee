package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.api.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceNodeTest {

  @TempDir Path tmp;

  @Test
  void aHostDeviceIsReadWithItsNumbersAndMode() {
    assertThat(DeviceNode.fromHostPath("/dev/null", "/dev/mynull", "r"))
        .containsExactly(new DeviceNode("/dev/mynull", 'c', 1, 3, 0666, 0, 0, "r"));
  }

  @Test
  void aDirectoryBringsTheDevicesUnderIt() throws Exception {
    Files.createSymbolicLink(tmp.resolve("link"), Path.of("/dev/zero"));

    assertThat(DeviceNode.fromHostPath(tmp.resolve("link").toString(), "/dev/z", "rwm"))
        .extracting(DeviceNode::path, DeviceNode::minor).containsExactly(tuple("/dev/z", 5L));
    assertThat(DeviceNode.hostDevices()).extracting(DeviceNode::path).contains("/dev/null", "/dev/zero")
        .doesNotContain("/dev/console").noneMatch(p -> p.startsWith("/dev/pts/"));
  }

  @Test
  void somethingElseIsDockersError() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> DeviceNode.fromHostPath("/dev/no-such", "/dev/x", "rwm"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("error gathering device information while adding custom device \"/dev/no-such\": "
            + "no such file or directory");
    assertThatThrownBy(() -> DeviceNode.fromHostPath(file.toString(), "/dev/x", "rwm"))
        .hasMessageEndingWith(": not a device node");
  }
}
