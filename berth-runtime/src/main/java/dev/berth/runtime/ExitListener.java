package dev.berth.runtime;

/** Told when a container's init process has exited. */
@FunctionalInterface
public interface ExitListener {

  /**
   * Called on the watcher's thread, so it should hand slow work off. It may be called for an id the
   * caller no longer knows (a container removed while its monitor was writing the exit).
   */
  void exited(String id, ExitStatus status);
}
