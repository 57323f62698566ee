package dev.berth.engine.container;

import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.HostConfig;
import java.time.Instant;
import java.util.List;

/**
 * Everything berth knows about one container, as persisted in {@code containers/<id>/config.json}.
 * Immutable: every change makes a new record, written atomically before it becomes the current one.
 */
public record ContainerRecord(
    String id,
    String name,
    Instant created,
    String path,
    List<String> args,
    ContainerConfig config,
    HostConfig hostConfig,
    String imageId,
    String runtime,
    List<String> layerChain,
    ContainerStatus status,
    int pid,
    int exitCode,
    String error,
    Instant startedAt,
    Instant finishedAt,
    int restartCount,
    boolean stoppedByUser,
    boolean oomKilled) {

  public ContainerRecord withName(String newName) {
    return new ContainerRecord(id, newName, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        status, pid, exitCode, error, startedAt, finishedAt, restartCount, stoppedByUser, oomKilled);
  }

  public ContainerRecord started(int newPid, Instant at) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        ContainerStatus.RUNNING, newPid, 0, "", at, finishedAt, restartCount, false, false);
  }

  /** The run ended with {@code code} at {@code at}; {@code killedForMemory} when the OOM killer struck. */
  public ContainerRecord exited(int code, Instant at, boolean killedForMemory) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        ContainerStatus.EXITED, 0, code, error, startedAt, at, restartCount, stoppedByUser, killedForMemory);
  }

  /** A start that failed leaves the container as it was, or exited if a restart policy was starting it. */
  public ContainerRecord failedToStart(int code, String message) {
    ContainerStatus after = status == ContainerStatus.RESTARTING ? ContainerStatus.EXITED : status;
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        after, 0, code, message, startedAt, finishedAt, restartCount, stoppedByUser, oomKilled);
  }

  /** A restart policy is about to start the container again. */
  public ContainerRecord restarted() {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        ContainerStatus.RESTARTING, 0, exitCode, error, startedAt, finishedAt, restartCount + 1, stoppedByUser,
        oomKilled);
  }

  public ContainerRecord stopRequested() {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        status, pid, exitCode, error, startedAt, finishedAt, restartCount, true, oomKilled);
  }

  public ContainerRecord withHostConfig(HostConfig newHostConfig) {
    return new ContainerRecord(id, name, created, path, args, config, newHostConfig, imageId, runtime, layerChain,
        status, pid, exitCode, error, startedAt, finishedAt, restartCount, stoppedByUser, oomKilled);
  }

  public ContainerRecord withStatus(ContainerStatus newStatus) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        newStatus, pid, exitCode, error, startedAt, finishedAt, restartCount, stoppedByUser, oomKilled);
  }

  public boolean isRunning() {
    return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
  }

  /** The name without Docker's leading slash. */
  public String shortName() {
    return name.substring(1);
  }
}
