package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void createsAndReplacesContentLeavingNoTempFiles() throws Exception {
    Path target = dir.resolve("meta.json");

    AtomicFiles.writeString(target, "{\"v\":1}");
    assertThat(target).hasContent("{\"v\":1}");
    long inode = (long) Files.getAttribute(target, "unix:ino");

    AtomicFiles.write(target, "{\"v\":2, \"longer\":true}".getBytes());
    assertThat(target).hasContent("{\"v\":2, \"longer\":true}");
    assertThat((long) Files.getAttribute(target, "unix:ino"))
        .as("replaced by rename, not rewritten in place")
        .isNotEqualTo(inode);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
    try (var entries = Files.list(dir)) {
      assertThat(entries).containsExactly(target);
    }
  }
}
