package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsPathsTest {

  @TempDir
  Path base;

  @Test
  void symlinksAreFollowedInsideTheRootAndDotDotStopsAtIt() throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Files.createDirectories(root.resolve("real/dir"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));

    assertThat(RootfsPaths.resolve(root, "/abs/dir")).isEqualTo(root.resolve("real/dir"));
    assertThat(RootfsPaths.resolve(root, "/../../etc")).isEqualTo(root.resolve("etc"));
    assertThat(RootfsPaths.resolve(root, "/up/etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
  }

  @Test
  void aWorkdirBehindAnEscapingSymlinkIsCreatedInsideTheRoot() throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Path outside = Files.createDirectories(base.resolve("outside"));
    Files.createSymbolicLink(root.resolve("evil"), outside);

    Path created = RootfsPaths.createDirectories(root, "/evil/work");

    assertThat(created).startsWith(root);
    assertThat(Files.isDirectory(created)).isTrue();
    assertThat(outside.resolve("work")).doesNotExist();
  }
}
