package dev.berth.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.container.ContainerTopResponse;
import dev.berth.api.errors.InternalException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTableTest {

  private static final String PS = """
      UID          PID    PPID  C STIME TTY          TIME CMD
      root           1       0  0 10:00 ?        00:00:01 /sbin/init
      root        4242    4200  0 10:01 ?        00:00:00 sleep 2000 --with spaces
      nobody      4243    4242  0 10:01 ?        00:00:00 sh -c echo hi
      """;

  @Test
  void keepsTheContainersRowsAndTheCommandsSpaces() {
    ContainerTopResponse top = ProcessTable.parse(PS, Set.of(4242, 4243));

    assertThat(top.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    assertThat(top.processes()).containsExactly(
        List.of("root", "4242", "4200", "0", "10:01", "?", "00:00:00", "sleep 2000 --with spaces"),
        List.of("nobody", "4243", "4242", "0", "10:01", "?", "00:00:00", "sh -c echo hi"));
  }

  @Test
  void psOutputWithoutAPidColumnIsAnError() {
    assertThatThrownBy(() -> ProcessTable.parse("USER COMMAND\nroot init\n", Set.of(1)))
        .isInstanceOf(InternalException.class).hasMessage("Couldn't find PID field in ps output");
  }

  @Test
  void psItselfRunsWithTheUsersArguments() {
    ContainerTopResponse top = ProcessTable.of(Set.of((int) ProcessHandle.current().pid()), "-o pid,comm");

    assertThat(top.titles()).containsExactly("PID", "COMMAND");
    assertThat(top.processes()).hasSize(1);
    assertThatThrownBy(() -> ProcessTable.of(Set.of(1), "bogus")).isInstanceOf(InternalException.class)
        .hasMessageStartingWith("ps: ");
  }
}
