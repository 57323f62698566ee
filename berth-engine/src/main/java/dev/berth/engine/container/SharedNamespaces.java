package dev.berth.engine.container;

import dev.berth.api.container.HostConfig;
import dev.berth.api.errors.BerthException;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.MountSpec;
import dev.berth.runtime.NamespaceMode;
import dev.berth.sys.Mounts;
import dev.berth.sys.NativeIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Docker's {@code --ipc}, {@code --pid} and {@code --uts}: a container's IPC, PID and UTS
 * namespaces of its own (the default), the host's, or (IPC and PID) another running container's.
 *
 * <p>IPC modes, as Docker has them: {@code private} (own namespace and /dev/shm), {@code none} (own
 * namespace, no /dev/shm), {@code shareable} (like private, but its /dev/shm is a tmpfs mounted on the
 * host in the container's directory, so others can mount it too), {@code host}, and {@code
 * container:<name|id>} (the other container's namespace and /dev/shm; it must be shareable or use the
 * host's). A name is resolved to the ID at create, so a rename does not break the link.
 */
final class SharedNamespaces {

  private static final Logger LOG = Logger.getLogger(SharedNamespaces.class.getName());
  private static final String CONTAINER = "container:";
  private static final String SHM_DIR = "shm";
  private static final Path HOST_SHM = Path.of("/dev/shm");

  private final ContainerStore store;

  SharedNamespaces(ContainerStore store) {
    this.store = store;
  }

  /**
   * Checks the modes of a new container and names the containers it shares with by ID.
   *
   * @param hostname the hostname the user asked for ("" if none), which the host's UTS namespace excludes
   * @return {@code [ipcMode, pidMode]} as inspect shows them
   */
  List<String> settle(HostConfig config, String hostname) {
    String ipc = config.ipcMode() == null || config.ipcMode().isEmpty() ? "private" : config.ipcMode();
    if (!List.of("private", "none", "shareable", "host").contains(ipc) && !isContainer(ipc)) {
      throw new InvalidArgumentException("invalid IPC mode: " + ipc);
    }
    String pid = config.pidMode() == null ? "" : config.pidMode();
    if (!pid.isEmpty() && !pid.equals("host") && !isContainer(pid)) {
      throw new InvalidArgumentException("invalid PID mode: " + pid);
    }
    String uts = config.utsMode() == null ? "" : config.utsMode();
    if (!uts.isEmpty() && !uts.equals("host")) {
      throw new InvalidArgumentException("invalid UTS mode: " + uts);
    }
    if (uts.equals("host") && hostname != null && !hostname.isEmpty()) {
      throw new InvalidArgumentException("conflicting options: hostname and the UTS mode");
    }
    return List.of(withId(ipc), withId(pid));
  }

  /**
   * Sets the container's namespaces and its /dev/shm on {@code spec}, mounting a shareable
   * container's /dev/shm on the host first. Call {@link #release} when the run ends.
   */
  void configure(ContainerSpec.Builder spec, ContainerRecord record) {
    HostConfig config = record.hostConfig();
    String ipc = config.ipcMode() == null || config.ipcMode().isEmpty() ? "private" : config.ipcMode();
    NamespaceMode ipcMode = NamespaceMode.PRIVATE;
    long shmSize = config.shmSize() > 0 ? config.shmSize() : ContainerSpec.DEFAULT_SHM_SIZE;
    switch (ipc) {
      case "none" -> shmSize = 0;
      case "host" -> {
        ipcMode = NamespaceMode.HOST;
        spec.mount(MountSpec.bind(HOST_SHM.toString(), HOST_SHM.toString(), false));
      }
      case "shareable" -> spec.mount(MountSpec.bind(mountShm(record.id(), shmSize).toString(),
          HOST_SHM.toString(), false));
      case "private" -> { }
      default -> {
        ContainerRecord donor = ipcDonor(ipc.substring(CONTAINER.length()));
        ipcMode = NamespaceMode.joinProcess(donor.pid(), "ipc");
        spec.mount(MountSpec.bind(shmOf(donor).toString(), HOST_SHM.toString(), false));
      }
    }
    String pid = config.pidMode() == null ? "" : config.pidMode();
    NamespaceMode pidMode = switch (pid) {
      case "" -> NamespaceMode.PRIVATE;
      case "host" -> NamespaceMode.HOST;
      default -> NamespaceMode.joinProcess(running(pid.substring(CONTAINER.length()), "").pid(), "pid");
    };
    boolean hostUts = "host".equals(config.utsMode());
    if (hostUts) {
      spec.hostname("");
    }
    spec.namespaces(ipcMode, pidMode, hostUts ? NamespaceMode.HOST : NamespaceMode.PRIVATE).shmSize(shmSize);
  }

  /** Unmounts the container's shareable /dev/shm, if it has one mounted. */
  void release(String id) {
    Path shm = store.dir(id).resolve(SHM_DIR);
    try {
      if (Mounts.isMountPoint(shm)) {
        Mounts.unmount(shm, Mounts.MNT_DETACH);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot unmount the /dev/shm of container " + id, e);
    }
  }

  private Path mountShm(String id, long size) {
    Path shm = store.dir(id).resolve(SHM_DIR);
    try {
      Files.createDirectories(shm);
      if (!Mounts.isMountPoint(shm)) {
        Mounts.mount("shm", shm, "tmpfs", Mounts.MS_NOEXEC | Mounts.MS_NOSUID | Mounts.MS_NODEV,
            "mode=1777,size=" + size);
      }
      return shm;
    } catch (NativeIoException e) {
      throw new InternalException("container " + id + ": mounting its /dev/shm: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InternalException("container " + id + ": preparing its /dev/shm: " + e.getMessage(), e);
    }
  }

  /** The donor of an IPC namespace: running, and with a /dev/shm others can mount. */
  private ContainerRecord ipcDonor(String id) {
    String prefix = "can't join IPC of container " + id + ": ";
    ContainerRecord donor = running(id, prefix);
    String mode = donor.hostConfig().ipcMode();
    if (!"shareable".equals(mode) && !"host".equals(mode)) {
      throw new ConflictException(prefix + "non-shareable IPC (hint: use IpcMode:shareable for the donor container)");
    }
    return donor;
  }

  private Path shmOf(ContainerRecord donor) {
    return "host".equals(donor.hostConfig().ipcMode()) ? HOST_SHM : store.dir(donor.id()).resolve(SHM_DIR);
  }

  private ContainerRecord running(String id, String prefix) {
    ContainerRecord record;
    try {
      record = store.resolve(id).record();
    } catch (BerthException e) {
      throw new InvalidArgumentException(prefix + e.getMessage(), e);
    }
    if (!record.isRunning()) {
      throw new ConflictException(prefix + "container " + record.id() + " is not running");
    }
    return record;
  }

  /** {@code container:<name>} as {@code container:<id>}; a missing container is the user's mistake. */
  private String withId(String mode) {
    if (!isContainer(mode)) {
      return mode;
    }
    try {
      return CONTAINER + store.resolve(mode.substring(CONTAINER.length())).record().id();
    } catch (BerthException e) {
      throw new InvalidArgumentException(e.getMessage(), e);
    }
  }

  private static boolean isContainer(String mode) {
    return mode.startsWith(CONTAINER) && mode.length() > CONTAINER.length();
  }
}
