package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which limits this host's cgroups can enforce, as dockerd's sysinfo finds out: a limit the kernel
 * cannot apply is dropped with a warning rather than failing the container.
 *
 * @param swapLimit whether memory plus swap can be limited (v1: swap accounting is on)
 * @param blkioWeight whether block I/O weight can be set (v1 CFQ or BFQ weight files, v2 the io
 *     controller)
 * @param cpus the CPUs a container may be pinned to, as cpuset.cpus lists them ("0-1")
 * @param mems the memory nodes, as cpuset.mems lists them
 * @param cpuCount how many CPUs berthd may use, the upper bound of {@code --cpus}
 */
public record CgroupSupport(boolean swapLimit, boolean blkioWeight, String cpus, String mems, int cpuCount) {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  /** What the host's cgroup file systems offer now. */
  public static CgroupSupport detect() {
    int cpuCount = Runtime.getRuntime().availableProcessors();
    if (Cgroups.unified()) {
      List<String> controllers = List.of(read(ROOT.resolve("cgroup.controllers")).split("\\s+"));
      return new CgroupSupport(controllers.contains("memory"), controllers.contains("io"),
          read(ROOT.resolve("cpuset.cpus.effective")), read(ROOT.resolve("cpuset.mems.effective")), cpuCount);
    }
    Path blkio = ROOT.resolve("blkio");
    return new CgroupSupport(Files.exists(ROOT.resolve("memory/memory.memsw.limit_in_bytes")),
        Files.exists(blkio.resolve("blkio.weight")) || Files.exists(blkio.resolve("blkio.bfq.weight")),
        read(ROOT.resolve("cpuset/cpuset.cpus")), read(ROOT.resolve("cpuset/cpuset.mems")), cpuCount);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
