package dev.berth.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A busybox root filesystem for real containers: static busybox, its applets, users, groups. */
final class TestRootfs {

  static final String PASSWD =
      """
      root:x:0:0:root:/root:/bin/sh
      alice:x:1000:1000:Alice:/home/alice:/bin/sh
      nobody:x:65534:65534:nobody:/nonexistent:/bin/false
      """;

  static final String GROUP =
      """
      root:x:0:
      wheel:x:10:root,alice
      audio:x:29:alice
      alice:x:1000:
      nogroup:x:65534:
      """;

  private TestRootfs() {}

  static Path build(Path dir) throws IOException, InterruptedException {
    Path rootfs = dir.resolve("rootfs");
    for (String d :
        new String[] {"bin", "etc", "proc", "sys", "dev", "tmp", "root", "home/alice"}) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Path busybox = rootfs.resolve("bin/busybox");
    Files.copy(Path.of("/usr/bin/busybox"), busybox);
    Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwxr-xr-x"));
    // Relative links: `busybox --install -s` in a chroot without /proc links to the host path.
    Process list = new ProcessBuilder("/usr/bin/busybox", "--list").start();
    String applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (list.waitFor() != 0) {
      throw new IOException("busybox --list failed");
    }
    for (String applet : applets.split("\n")) {
      Path link = rootfs.resolve("bin").resolve(applet.strip());
      if (!applet.isBlank() && !Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of("busybox"));
      }
    }
    Files.writeString(rootfs.resolve("etc/passwd"), PASSWD, StandardCharsets.UTF_8);
    Files.writeString(rootfs.resolve("etc/group"), GROUP, StandardCharsets.UTF_8);
    Path notExecutable = rootfs.resolve("bin/not-executable");
    Files.writeString(notExecutable, "#!/bin/sh\necho never\n");
    Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
    return rootfs;
  }
}
