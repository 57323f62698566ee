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
    boolean stoppedByUser) {

  public ContainerRecord withName(String newName) {
    return new ContainerRecord(id, newName, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        status, pid, exitCode, error, startedAt, finishedAt, restartCount, stoppedByUser);
  }

  public ContainerRecord started(int newPid, Instant at) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        ContainerStatus.RUNNING, newPid, 0, "", at, finishedAt, restartCount, false);
  }

  public ContainerRecord exited(int code, Instant at) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        ContainerStatus.EXITED, 0, code, error, startedAt, at, restartCount, stoppedByUser);
  }

  public ContainerRecord failedToStart(int code, String message) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        status, 0, code, message, startedAt, finishedAt, restartCount, stoppedByUser);
  }

  public ContainerRecord stopRequested() {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        status, pid, exitCode, error, startedAt, finishedAt, restartCount, true);
  }

  public ContainerRecord withStatus(ContainerStatus newStatus) {
    return new ContainerRecord(id, name, created, path, args, config, hostConfig, imageId, runtime, layerChain,
        newStatus, pid, exitCode, error, startedAt, finishedAt, restartCount, stoppedByUser);
  }

  public boolean isRunning() {
    return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
  }

  /** The name without Docker's leading slash. */
  public String shortName() {
    return name.substring(1);
  }
}
