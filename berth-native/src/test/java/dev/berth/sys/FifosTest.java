package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FifosTest {

  @TempDir Path dir;

  @Test
  @Timeout(10)
  void writesAWholeMessageToTheReader() throws Exception {
    Path fifo = dir.resolve("ctl");
    FileNodes.mknod(fifo, FileNodes.S_IFIFO | 0600, 0);
    // O_RDWR opens a fifo without waiting for a writer, as conmon's reader is already there
    try (RandomAccessFile reader = new RandomAccessFile(fifo.toFile(), "rw")) {
      Fifos.write(fifo, "1 40 120\n".getBytes(StandardCharsets.US_ASCII));

      byte[] got = new byte[9];
      reader.readFully(got);
      assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("1 40 120\n");
    }
  }

  @Test
  @Timeout(10)
  void failsAtOnceWhenNobodyReads() throws Exception {
    Path fifo = dir.resolve("ctl");
    FileNodes.mknod(fifo, FileNodes.S_IFIFO | 0600, 0);

    assertThatThrownBy(() -> Fifos.write(fifo, new byte[] {'x'}))
        .isInstanceOfSatisfying(NativeIoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
  }
}
