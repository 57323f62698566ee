package dev.berth.engine;

import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.UnavailableException;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.system.SystemService;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The container engine as an embeddable object: images, containers and system information over one
 * data root. berthd serves it over HTTP; an embedder may use it in-process. Only one engine may own a
 * data root at a time.
 */
public final class Engine implements AutoCloseable {

  private final FileLock dataRootLock;
  private final ImageService images;
  private final ContainerService containers;
  private final SystemService system;
  private final EventBus events;
  private final AutoCloseable exitWatch;

  Engine(FileLock dataRootLock, ImageService images, ContainerService containers, SystemService system,
      EventBus events, AutoCloseable exitWatch) {
    this.dataRootLock = dataRootLock;
    this.images = images;
    this.containers = containers;
    this.system = system;
    this.events = events;
    this.exitWatch = exitWatch;
  }

  /** Opens the engine: locks the data root, loads its state and reconciles it with the running containers. */
  public static Engine open(EngineConfig config) {
    return Builtins.wire(config, lockDataRoot(config.dataRoot()));
  }

  private static FileLock lockDataRoot(Path dataRoot) {
    try {
      Files.createDirectories(dataRoot);
      FileChannel channel = FileChannel.open(dataRoot.resolve("berthd.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new UnavailableException("data root " + dataRoot + " is in use by another berthd");
      }
      return lock;
    } catch (IOException e) {
      throw new InternalException("cannot lock data root " + dataRoot, e);
    }
  }

  public ImageService images() {
    return images;
  }

  public ContainerService containers() {
    return containers;
  }

  public SystemService system() {
    return system;
  }

  public EventBus events() {
    return events;
  }

  /** Stops watching containers; they keep running under their monitors. */
  @Override
  public void close() throws Exception {
    exitWatch.close();
    dataRootLock.channel().close();
  }
}
