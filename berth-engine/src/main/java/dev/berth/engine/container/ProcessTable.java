package dev.berth.engine.container;

import dev.berth.api.container.ContainerTopResponse;
import dev.berth.api.errors.InternalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code docker top}: the host's {@code ps} with the user's arguments, cut down to a container's
 * processes. The last column (the command) keeps its spaces, as Docker splits it.
 */
final class ProcessTable {

  private static final String DEFAULT_ARGS = "-ef";

  private ProcessTable() {}

  static ContainerTopResponse of(Set<Integer> pids, String psArgs) {
    List<String> command = new ArrayList<>(List.of("ps"));
    String args = psArgs == null || psArgs.isBlank() ? DEFAULT_ARGS : psArgs;
    command.addAll(Arrays.asList(args.strip().split("\\s+")));
    try {
      Process ps = new ProcessBuilder(command).start();
      CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(ps.getErrorStream()),
          Thread::startVirtualThread);
      String output = readAll(ps.getInputStream());
      if (ps.waitFor() != 0) {
        // procps follows its complaint with a usage text; dockerd reports the complaint alone
        throw new InternalException("ps: " + errors.join().strip().lines().findFirst().orElse("failed"));
      }
      return parse(output, pids);
    } catch (IOException e) {
      throw new InternalException("Error running ps: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalException("interrupted while running ps", e);
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ContainerTopResponse parse(String output, Set<Integer> pids) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new InternalException("ps printed nothing");
    }
    List<String> titles = List.of(lines.getFirst().strip().split("\\s+"));
    int pidColumn = titles.indexOf("PID");
    if (pidColumn < 0) {
      throw new InternalException("Couldn't find PID field in ps output");
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.strip().split("\\s+", titles.size());
      if (fields.length > pidColumn && isPidOf(fields[pidColumn], pids)) {
        rows.add(List.of(fields));
      }
    }
    return new ContainerTopResponse(titles, rows);
  }

  private static boolean isPidOf(String field, Set<Integer> pids) {
    try {
      return pids.contains(Integer.parseInt(field));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
