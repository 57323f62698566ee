package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** {@code docker create} flags the daemon must refuse with Docker's words. */
final class CreateRefusals {

  /** Flags and the daemon's error for them. */
  record Case(List<String> flags, String error) {}

  private CreateRefusals() {}

  /** Each case's create fails with exit code 1 and the daemon's error. */
  static void assertRefused(Docker docker, List<Case> cases) throws Exception {
    for (Case c : cases) {
      List<String> args = new ArrayList<>(List.of("create"));
      args.addAll(c.flags());
      args.addAll(List.of("busybox", "true"));
      Docker.Result result = docker.run(args.toArray(String[]::new));

      assertThat(result.exitCode()).as(c.flags().toString()).isEqualTo(1);
      assertThat(result.stderr()).as(c.flags().toString()).contains("Error response from daemon: " + c.error());
    }
  }
}
