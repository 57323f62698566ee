package dev.berth.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs containers through an OCI runtime, with a monitor process per container that outlives
 * berthd.
 *
 * <p>Terms used by every implementation:
 *
 * <ul>
 *   <li><b>id</b>: the container's 64-hex-digit id, also its name in the runtime and the name of
 *       its exit file.
 *   <li><b>bundle</b>: the directory holding the container's config.json (see {@link
 *       ContainerSpec#bundle()}).
 *   <li><b>monitor</b>: the process that holds the container's stdio, writes its log and records
 *       its exit code; it is the parent of the container's init process and does not depend on
 *       berthd, so containers keep running, logging and exiting while berthd is down.
 *   <li><b>created</b>: the runtime has set up the namespaces, mounts and cgroup and the init
 *       process is waiting to exec the user's command; <b>started</b>: it has exec'd it.
 *   <li><b>exit file</b>: the file the monitor writes when the init process ends, holding the exit
 *       code; its modification time is the finish time. It stays until {@link #delete}.
 * </ul>
 *
 * <p>Everything needed to find a container again (pids, exit code, log) is on disk, so a new driver
 * on the same state directory takes over the containers of a previous berthd. Methods throw berth's
 * own exceptions: NotFoundException for an unknown id, ConflictException for an operation the
 * container's state forbids, InvalidArgumentException for bad input and InternalException when the
 * runtime or the monitor fails. Implementations are thread-safe; callers serialize operations on
 * one container.
 */
public interface RuntimeDriver {

  /**
   * Writes the bundle's config.json and creates the container, with its output logged to {@code
   * logPath} in conmon's k8s-file format (see {@link LogReader}).
   *
   * @return the host pid of the container's init process
   * @throws dev.berth.api.errors.InvalidArgumentException when the runtime rejects the config
   *     because of the user's input (command not found or not executable, bad mount, ...), with the
   *     runtime's own message; see {@link StartFailures}
   */
  int create(ContainerSpec spec, Path logPath);

  /** Starts a created container: its init process execs the user's command. */
  void start(String id);

  /**
   * Sends a signal to the container's init process.
   *
   * @param signal a number, a name or a SIG-prefixed name; see {@link Signals#parse}
   */
  void kill(String id, String signal);

  /** Starts a process in a running container ({@code docker exec}); see {@link ExecProcess}. */
  ExecProcess exec(String id, ExecSpec spec);

  /**
   * Connects to a created or running container's stdio, held by its monitor: its output from now
   * on, and its stdin if it was created with one.
   *
   * @throws dev.berth.api.errors.ConflictException when the container has no monitor (not running)
   */
  AttachConnection attach(String id);

  /** Sets the size of a container's terminal, in rows and columns. */
  void resize(String id, int height, int width);

  /** The host pids of every process in a running container. */
  List<Integer> processes(String id);

  /** Freezes every process of a running container (the freezer cgroup). */
  void pause(String id);

  /** Thaws a paused container. */
  void resume(String id);

  /**
   * Changes the cgroup limits of a running (or paused) container; parts left null keep their value.
   *
   * @throws dev.berth.api.errors.InvalidArgumentException when the kernel refuses a value
   */
  void update(String id, LinuxResources resources);

  /**
   * Whether the kernel's OOM killer killed any process of the container during its current run. It
   * can tell from the time the runtime created the container until {@link #delete}, so ask before.
   */
  boolean oomKilled(String id);

  /**
   * Removes the container from the runtime, killing it first if it still runs, and removes its
   * state files, exit file included. Deleting an unknown container does nothing.
   */
  void delete(String id);

  /** The container's state as the runtime sees it, with its exit once it has stopped. */
  RuntimeState state(String id);

  /** The container's exit, once its monitor has recorded one. */
  Optional<ExitStatus> exitStatus(String id);

  /**
   * Starts reporting exits to {@code listener}; call {@link ExitWatcher#scan()} on the result to
   * also hear of exits recorded while nobody was watching.
   */
  ExitWatcher watchExits(ExitListener listener);
}
