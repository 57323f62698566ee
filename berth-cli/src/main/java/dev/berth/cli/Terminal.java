package dev.berth.cli;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controlling terminal, for {@code run -it}: raw mode while attached (through {@code stty},
 * restored afterwards), its size, and forwarding of Ctrl-C and friends to the container
 * ({@code --sig-proxy}) through the JDK's signal hook.
 */
final class Terminal implements AutoCloseable {

  private final String saved;

  private Terminal(String saved) {
    this.saved = saved;
  }

  /** True when stdin and stdout are a terminal. */
  static boolean isTerminal() {
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  /** Puts the terminal in raw mode; {@link #close()} restores it. Null when there is no terminal. */
  static Terminal raw() {
    if (!isTerminal()) {
      return null;
    }
    String saved = stty("-g");
    if (saved == null) {
      return null;
    }
    stty("raw", "-echo");
    return new Terminal(saved.strip());
  }

  /** {@code [rows, columns]}, or null. */
  static int[] size() {
    if (!isTerminal()) {
      return null;
    }
    String s = stty("size");
    if (s == null) {
      return null;
    }
    String[] p = s.strip().split("\\s+");
    try {
      return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String stty(String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    stty(saved);
  }

  /** Takes a terminal size, {@code [rows, columns]}. */
  interface SizeConsumer {
    void accept(int[] size) throws IOException;
  }

  /**
   * Calls {@code forward} with the signal name (INT, TERM, HUP, QUIT) when the JVM receives one,
   * instead of exiting.
   */
  static void proxySignals(Consumer<String> forward) {
    handle(List.of("INT", "TERM", "HUP", "QUIT"), forward);
  }

  /** Calls {@code changed} when the terminal's window changes size (SIGWINCH). */
  static void onWindowChange(Runnable changed) {
    handle(List.of("WINCH"), signal -> changed.run());
  }

  /**
   * Routes the named signals to {@code handler}. Uses {@code sun.misc.Signal} reflectively; does
   * nothing where it is missing.
   */
  private static void handle(List<String> names, Consumer<String> onSignal) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handler);
      Method getName = signal.getMethod("getName");
      InvocationHandler ih = (proxy, m, args) -> {
        if (m.getName().equals("handle") && args != null && args.length == 1) {
          onSignal.accept((String) getName.invoke(args[0]));
        }
        return null;
      };
      Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, ih);
      for (String name : names) {
        try {
          handle.invoke(null, signal.getConstructor(String.class).newInstance(name), h);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // this signal cannot be handled here
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no signal support: the JVM's defaults apply
    }
  }
}
