package dev.berth.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sys.FileNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayChangesTest {

  @TempDir
  Path base;

  @Test
  void whiteoutsAreDeletionsLowerPathsModificationsAndTheRestAdditions() throws Exception {
    Path lower = Files.createDirectories(base.resolve("lower"));
    Files.createDirectories(lower.resolve("etc"));
    Files.writeString(lower.resolve("etc/passwd"), "root\n");
    Files.writeString(lower.resolve("etc/group"), "root\n");
    Path upper = Files.createDirectories(base.resolve("upper"));
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/passwd"), "root\nnobody\n");
    FileNodes.mknod(upper.resolve("etc/group"), FileNodes.S_IFCHR | 0, FileNodes.makedev(0, 0));
    Files.createDirectories(upper.resolve("srv/data"));

    List<Change> changes = OverlayChanges.of(List.of(lower), upper);

    assertThat(changes).containsExactly(
        new Change("/etc", Change.Kind.MODIFIED),
        new Change("/etc/group", Change.Kind.DELETED),
        new Change("/etc/passwd", Change.Kind.MODIFIED),
        new Change("/srv", Change.Kind.ADDED),
        new Change("/srv/data", Change.Kind.ADDED));
  }
}
