package dev.berth.engine.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.api.ApiJson;
import dev.berth.api.errors.ConflictException;
import dev.berth.api.errors.InternalException;
import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.api.errors.NotFoundException;
import dev.berth.sys.Trees;
import dev.berth.sys.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The containers on disk ({@code <dataRoot>/containers/<id>/}) and in memory, with the name index.
 * A container directory without a readable {@code config.json} is a create that a crash interrupted:
 * it is never visible and is deleted at load.
 */
final class ContainerStore {

  private static final Logger LOG = Logger.getLogger(ContainerStore.class.getName());
  private static final String RECORD_FILE = "config.json";

  private final ObjectMapper json = ApiJson.mapper().copy().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final Path root;
  private final Map<String, Container> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByName = new ConcurrentHashMap<>();

  ContainerStore(Path root) {
    this.root = root;
  }

  /** Loads every complete container; returns them. */
  Collection<Container> load() {
    try {
      Files.createDirectories(root);
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.toList()) {
          Path file = dir.resolve(RECORD_FILE);
          if (!Files.isRegularFile(file)) {
            LOG.warning("removing container dir left by an interrupted create: " + dir);
            Trees.delete(dir);
            continue;
          }
          ContainerRecord record = json.readValue(file.toFile(), ContainerRecord.class);
          Container container = new Container(record);
          byId.put(record.id(), container);
          idByName.put(record.name(), record.id());
        }
      }
    } catch (IOException e) {
      throw new InternalException("cannot load containers from " + root, e);
    }
    return List.copyOf(byId.values());
  }

  Path dir(String id) {
    return root.resolve(id);
  }

  /** Claims a name for an ID, failing with Docker's conflict message if another container has it. */
  void reserveName(String name, String id) {
    String holder = idByName.putIfAbsent(name, id);
    if (holder != null && !holder.equals(id)) {
      throw new ConflictException("Conflict. The container name \"" + name + "\" is already in use by container \""
          + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
  }

  void releaseName(String name, String id) {
    idByName.remove(name, id);
  }

  boolean nameTaken(String name) {
    return idByName.containsKey(name);
  }

  void add(Container container) {
    byId.put(container.record().id(), container);
  }

  void persist(ContainerRecord record) {
    try {
      AtomicFiles.write(dir(record.id()).resolve(RECORD_FILE), json.writeValueAsBytes(record));
    } catch (IOException e) {
      throw new InternalException("cannot save container " + record.id(), e);
    }
  }

  void remove(ContainerRecord record) {
    byId.remove(record.id());
    idByName.remove(record.name(), record.id());
    try {
      Trees.delete(dir(record.id()));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete the directory of removed container " + record.id(), e);
    }
  }

  Collection<Container> all() {
    return byId.values();
  }

  /** Finds a container by full ID, name (with or without the leading slash) or unique ID prefix. */
  Container resolve(String idOrName) {
    if (idOrName == null || idOrName.isEmpty()) {
      throw new NotFoundException("No such container: " + idOrName);
    }
    Container exact = byId.get(idOrName);
    if (exact != null) {
      return exact;
    }
    String byName = idByName.get(idOrName.startsWith("/") ? idOrName : "/" + idOrName);
    if (byName != null && byId.containsKey(byName)) {
      return byId.get(byName);
    }
    List<Container> matches = byId.values().stream().filter(c -> c.record().id().startsWith(idOrName)).toList();
    if (matches.size() > 1) {
      throw new InvalidArgumentException("Multiple IDs found with provided prefix: " + idOrName);
    }
    if (matches.isEmpty()) {
      throw new NotFoundException("No such container: " + idOrName);
    }
    return matches.getFirst();
  }
}
