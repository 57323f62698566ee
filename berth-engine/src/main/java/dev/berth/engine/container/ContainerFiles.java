package dev.berth.engine.container;

import dev.berth.api.errors.InternalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-container files berth bind-mounts over the image's: {@code /etc/hostname}, {@code /etc/hosts}
 * and {@code /etc/resolv.conf}, kept in the container's directory so they survive a restart. They are
 * written before the container's record, which is what makes the container exist, so plain writes
 * suffice: a crash before the record leaves a directory that the next start deletes.
 */
final class ContainerFiles {

  static final String HOSTNAME = "hostname";
  static final String HOSTS = "hosts";
  static final String RESOLV_CONF = "resolv.conf";
  private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
  /** Docker's fallback when the host only lists resolvers a container cannot reach (loopback ones). */
  private static final List<String> DEFAULT_NAMESERVERS = List.of("8.8.8.8", "8.8.4.4");

  private ContainerFiles() {}

  static void write(Path dir, String hostname) {
    try {
      Files.writeString(dir.resolve(HOSTNAME), hostname + "\n", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(HOSTS), hosts(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(RESOLV_CONF), resolvConf(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InternalException("cannot write the etc files of container dir " + dir, e);
    }
  }

  /** A container without a network of its own sees only the loopback names, as with Docker's {@code none}. */
  private static String hosts() {
    return """
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback
        fe00::\tip6-localnet
        ff00::\tip6-mcastprefix
        ff02::1\tip6-allnodes
        ff02::2\tip6-allrouters
        """;
  }

  private static String resolvConf() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean hasNameserver = false;
    if (Files.isReadable(HOST_RESOLV_CONF)) {
      for (String line : Files.readAllLines(HOST_RESOLV_CONF)) {
        String trimmed = line.strip();
        if (trimmed.startsWith("nameserver")) {
          String address = trimmed.substring("nameserver".length()).strip();
          if (address.startsWith("127.") || address.equals("::1")) {
            continue;
          }
          hasNameserver = true;
        }
        lines.add(line);
      }
    }
    if (!hasNameserver) {
      DEFAULT_NAMESERVERS.forEach(ns -> lines.add("nameserver " + ns));
    }
    return String.join("\n", lines) + "\n";
  }
}
