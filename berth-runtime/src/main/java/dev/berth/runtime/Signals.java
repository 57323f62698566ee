package dev.berth.runtime;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers, parsed the way Docker parses {@code --signal} values. */
public final class Signals {

  /** SIGRTMIN as glibc reports it to programs (the kernel's 32 and 33 are taken by NPTL). */
  private static final int RTMIN = 34;

  private static final int RTMAX = 64;

  private static final Map<String, Integer> NAMES =
      Map.ofEntries(
          Map.entry("ABRT", 6),
          Map.entry("ALRM", 14),
          Map.entry("BUS", 7),
          Map.entry("CHLD", 17),
          Map.entry("CLD", 17),
          Map.entry("CONT", 18),
          Map.entry("FPE", 8),
          Map.entry("HUP", 1),
          Map.entry("ILL", 4),
          Map.entry("INT", 2),
          Map.entry("IO", 29),
          Map.entry("IOT", 6),
          Map.entry("KILL", 9),
          Map.entry("PIPE", 13),
          Map.entry("POLL", 29),
          Map.entry("PROF", 27),
          Map.entry("PWR", 30),
          Map.entry("QUIT", 3),
          Map.entry("SEGV", 11),
          Map.entry("STKFLT", 16),
          Map.entry("STOP", 19),
          Map.entry("SYS", 31),
          Map.entry("TERM", 15),
          Map.entry("TRAP", 5),
          Map.entry("TSTP", 20),
          Map.entry("TTIN", 21),
          Map.entry("TTOU", 22),
          Map.entry("URG", 23),
          Map.entry("USR1", 10),
          Map.entry("USR2", 12),
          Map.entry("VTALRM", 26),
          Map.entry("WINCH", 28),
          Map.entry("XCPU", 24),
          Map.entry("XFSZ", 25),
          Map.entry("RTMIN", RTMIN),
          Map.entry("RTMAX", RTMAX));

  private Signals() {}

  /**
   * The number of a signal given as a number ("15"), a name ("TERM", "term") or a SIG-prefixed name
   * ("SIGTERM"), including the real-time forms "RTMIN+3" and "RTMAX-2".
   *
   * @throws InvalidArgumentException "Invalid signal: X" for anything else, including 0
   */
  public static int parse(String signal) {
    Integer number = number(signal.strip());
    if (number == null || number < 1 || number > RTMAX) {
      throw new InvalidArgumentException("Invalid signal: " + signal);
    }
    return number;
  }

  private static Integer number(String signal) {
    Integer number = parseInt(signal);
    if (number != null) {
      return number;
    }
    String name = signal.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    if (name.startsWith("RTMIN+")) {
      Integer offset = parseInt(name.substring(6));
      return offset != null && offset >= 1 && offset <= 15 ? RTMIN + offset : null;
    }
    if (name.startsWith("RTMAX-")) {
      Integer offset = parseInt(name.substring(6));
      return offset != null && offset >= 1 && offset <= 14 ? RTMAX - offset : null;
    }
    return NAMES.get(name);
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
