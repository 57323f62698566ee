package dev.berth.engine.container;

import dev.berth.api.errors.InvalidArgumentException;
import dev.berth.runtime.RuntimeDriver;
import java.util.Map;

/** The OCI runtimes berthd was configured with ({@code --default-runtime}, {@code --add-runtime}). */
public record Runtimes(String defaultName, Map<String, RuntimeDriver> drivers) {

  public RuntimeDriver driver(String name) {
    RuntimeDriver driver = drivers.get(name);
    if (driver == null) {
      throw new InvalidArgumentException("Unknown runtime specified " + name);
    }
    return driver;
  }
}
