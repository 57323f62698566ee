package dev.berth.engine.container;

/** The states of a container, named as the API's {@code State.Status} names them. */
public enum ContainerStatus {
  CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

  public String apiName() {
    return name().toLowerCase();
  }
}
