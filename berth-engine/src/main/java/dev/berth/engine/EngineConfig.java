package dev.berth.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How an engine is set up: where its state lives and which OCI runtimes (name → executable) it may use.
 * Built by berthd from its flags and daemon.json, or by an embedder directly.
 */
public record EngineConfig(
    Path dataRoot,
    Path execRoot,
    String defaultRuntime,
    Map<String, Path> runtimes,
    Path conmon,
    boolean debug,
    List<String> labels) {

  public static final String VERSION = "28.2.2-berth";
}
