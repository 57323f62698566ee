package dev.berth.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.errors.InternalException;
import dev.berth.api.stream.ChunkedInputStream;
import dev.berth.sys.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An exec with a terminal, run by its own conmon ({@code conmon --exec --terminal}): conmon receives
 * the terminal from the runtime, holds it, and serves it on an attach socket in the exec's
 * directory; resizes go through the {@code ctl} fifo next to it.
 *
 * <p>conmon reports on its sync pipe (our stdout) as JSON lines: {@code {"data": 0}} once the attach
 * socket is ready, then the process's pid, or a negative number and the runtime's error, then its
 * exit code. It waits on its start pipe (our stdin) before it runs the runtime, so the attach
 * connection is in place before the process writes anything.
 */
final class TerminalExecProcess implements ExecProcess {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process conmon;
  private final BufferedReader reports;
  private final AttachConnection attach;
  private final Path execDir;
  private final Path processFile;
  private final String owner;
  private final Optional<String> runtimeError;

  private TerminalExecProcess(Process conmon, BufferedReader reports, AttachConnection attach, Path execDir,
      Path processFile, String owner, Optional<String> runtimeError) {
    this.conmon = conmon;
    this.reports = reports;
    this.attach = attach;
    this.execDir = execDir;
    this.processFile = processFile;
    this.owner = owner;
    this.runtimeError = runtimeError;
  }

  /**
   * Takes over a conmon just started for an exec: waits for its attach socket, connects, lets it
   * run the process, and reads whether the process started.
   */
  static TerminalExecProcess attach(Process conmon, Path execDir, Path processFile, String owner)
      throws IOException {
    BufferedReader reports = conmon.inputReader(StandardCharsets.UTF_8);
    OutputStream startPipe = conmon.getOutputStream();
    try {
      // the first go-ahead lets conmon set up; it then answers with "attach socket ready"
      startPipe.write('\n');
      startPipe.flush();
      report(reports, owner);
      AttachConnection attach = AttachConnection.open(execDir.resolve("attach"), owner);
      startPipe.write('\n');
      startPipe.close();
      JsonNode started = report(reports, owner);
      Optional<String> error = Optional.empty();
      if (started.path("data").asInt(-1) <= 0) {
        error = Optional.of(RuntimeMessages.errorText(started.path("message").asText("the runtime did not start it")));
      }
      return new TerminalExecProcess(conmon, reports, attach, execDir, processFile, owner, error);
    } catch (IOException | RuntimeException e) {
      conmon.destroy();
      throw e;
    }
  }

  private static JsonNode report(BufferedReader reports, String owner) throws IOException {
    String line = reports.readLine();
    if (line == null) {
      throw new InternalException(owner + ": conmon ended without a report");
    }
    return JSON.readTree(line);
  }

  @Override
  public OutputStream stdin() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        attach.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        attach.closeInput();
      }
    };
  }

  @Override
  public InputStream stdout() {
    return new ChunkedInputStream() {
      @Override
      protected byte[] nextChunk() throws IOException {
        AttachConnection.Output output = attach.receive();
        return output == null ? null : output.bytes();
      }
    };
  }

  @Override
  public InputStream stderr() {
    return InputStream.nullInputStream();
  }

  @Override
  public Exit waitFor() throws InterruptedException {
    try {
      if (runtimeError.isPresent()) {
        return new Exit(-1, runtimeError);
      }
      JsonNode exit = report(reports, owner);
      return new Exit(exit.path("data").asInt(-1), Optional.empty());
    } catch (IOException e) {
      throw new InternalException(owner + ": reading the exit from conmon: " + e.getMessage(), e);
    } finally {
      conmon.waitFor();
      attach.close();
      removeFiles();
    }
  }

  /** conmon is gone: its socket, fifos and pid file, and the process file, are of no more use. */
  private void removeFiles() {
    try {
      Trees.delete(execDir);
      Files.deleteIfExists(processFile);
    } catch (IOException e) {
      // what is left goes with the container's state directory when the container is deleted
    }
  }

  @Override
  public void destroy() {
    attach.close();
    conmon.destroy();
  }

  @Override
  public void resize(int height, int width) {
    ControlFifo.resize(ControlFifo.of(execDir), height, width, owner);
  }
}
