package dev.berth.engine;

import dev.berth.api.errors.InternalException;
import dev.berth.content.ContentStore;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.Runtimes;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.system.SystemService;
import dev.berth.image.ImageStore;
import dev.berth.runtime.ConmonRuncDriver;
import dev.berth.runtime.ExitWatcher;
import dev.berth.runtime.RuntimeDriver;
import dev.berth.snapshot.OverlaySnapshotter;
import dev.berth.sys.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The one place the engine's parts are chosen and wired together (containerd's builtins). */
final class Builtins {

  private Builtins() {}

  static Engine wire(EngineConfig config, FileLock dataRootLock) {
    Path data = config.dataRoot();
    ContentStore content = new ContentStore(data.resolve("content"));
    ImageStore imageStore = new ImageStore(data.resolve("image"), content);
    OverlaySnapshotter snapshotter = OverlaySnapshotter.open(data);
    snapshotter.recover();
    EventBus events = new EventBus();
    ImageService images = new ImageService(imageStore, snapshotter, data.resolve("image").resolve("tmp"),
        EngineConfig.VERSION, events);

    Map<String, RuntimeDriver> drivers = new LinkedHashMap<>();
    config.runtimes().forEach((name, binary) -> drivers.put(name, new ConmonRuncDriver(new ConmonRuncDriver.Config(
        name, binary, config.conmon(), config.execRoot().resolve("runtime").resolve(name)))));
    ContainerService containers = new ContainerService(data.resolve("containers"), images, snapshotter,
        new Runtimes(config.defaultRuntime(), Map.copyOf(drivers)), events);
    images.setUsers(containers);
    containers.recover();

    List<ExitWatcher> watchers = new ArrayList<>();
    try {
      for (RuntimeDriver driver : drivers.values()) {
        // The watcher's thread must not wait on container locks: each exit is handled on its own thread.
        ExitWatcher watcher = driver.watchExits((id, status) ->
            Thread.ofVirtual().name("exit-" + id.substring(0, 12)).start(() -> containers.exited(id, status)));
        watchers.add(watcher);
        watcher.scan();
      }
    } catch (IOException e) {
      throw new InternalException("cannot watch container exits under " + config.execRoot(), e);
    }
    containers.restartAfterDaemonStart();
    SystemService system = new SystemService(config, containers, images, engineId(data));
    return new Engine(dataRootLock, images, containers, system, events, () -> {
      for (ExitWatcher watcher : watchers) {
        watcher.close();
      }
    });
  }

  /** A stable identity for this engine, made once per data root. */
  private static String engineId(Path dataRoot) {
    Path file = dataRoot.resolve("engine-id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      String id = UUID.randomUUID().toString();
      AtomicFiles.writeString(file, id);
      return id;
    } catch (IOException e) {
      throw new InternalException("cannot read or write the engine id " + file, e);
    }
  }
}
