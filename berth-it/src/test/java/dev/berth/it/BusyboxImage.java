package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The busybox:latest base image every test builds for itself from the host's busybox-static. */
final class BusyboxImage {

  private static byte[] tar;

  private BusyboxImage() {}

  /** The rootfs tar that bin/busybox-rootfs-tar makes, made once per test JVM. */
  static synchronized byte[] rootfsTar() throws IOException, InterruptedException {
    if (tar == null) {
      Process process = new ProcessBuilder(Berthd.project().resolve("bin/busybox-rootfs-tar").toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      byte[] bytes = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("bin/busybox-rootfs-tar exit code").isZero();
      tar = bytes;
    }
    return tar;
  }

  /** Imports busybox:latest into the daemon behind {@code docker}, as the README does. */
  static String importInto(Docker docker) throws Exception {
    Docker.Result result = docker.runWithInput(new ByteArrayInputStream(rootfsTar()),
        "import", "--change", "CMD [\"sh\"]", "-", "busybox:latest");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.out();
  }
}
