package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every lifecycle action emits Docker's event; /events replays, filters and streams them. */
class EventsIT extends DaemonTest {

  private static String now() {
    Instant now = Instant.now();
    return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
  }

  private List<String> actions(String since, String until, String... filters) throws Exception {
    List<String> args = new ArrayList<>(List.of("events", "--since", since, "--until", until, "--format",
        "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"));
    for (String filter : filters) {
      args.add("--filter");
      args.add(filter);
    }
    return docker.run(args.toArray(String[]::new)).stdout().lines().toList();
  }

  @Test
  void aRunWithRmEmitsCreateAttachStartDieDestroy() throws Exception {
    String since = now();
    docker.run("run", "--rm", "--name", "ev-run", "busybox", "true");
    String until = now();

    assertThat(actions(since, until, "container=ev-run")).containsExactly("container create ev-run",
        "container attach ev-run", "container start ev-run", "container die ev-run", "container destroy ev-run");
    assertThat(docker.run("events", "--since", since, "--until", until, "--filter", "event=die", "--format",
        "{{.Actor.Attributes.exitCode}} {{.Status}} {{.From}}").out()).isEqualTo("0 die busybox");
  }

  @Test
  void stopKillRenameAndImageEventsAsDockerEmitsThem() throws Exception {
    String since = now();
    docker.run("run", "-d", "--name", "ev-stop", "-l", "team=ops", "busybox", "sleep", "100");
    docker.run("stop", "-t", "1", "ev-stop");
    docker.run("rename", "ev-stop", "ev-renamed");
    docker.run("rm", "ev-renamed");
    docker.run("tag", "busybox", "ev-tag:1");
    docker.run("rmi", "ev-tag:1");
    String until = now();

    assertThat(actions(since, until, "type=container", "event=kill", "event=die", "event=stop")).containsExactly(
        "container kill ev-stop", "container kill ev-stop", "container die ev-stop", "container stop ev-stop");
    assertThat(docker.run("events", "--since", since, "--until", until, "--filter", "event=kill", "--format",
        "{{.Actor.Attributes.signal}}").stdout().lines().toList()).containsExactly("15", "9");
    assertThat(docker.run("events", "--since", since, "--until", until, "--filter", "event=rename", "--format",
        "{{.Actor.Attributes.oldName}} {{.Actor.Attributes.name}}").out()).isEqualTo("/ev-stop ev-renamed");
    assertThat(actions(since, until, "label=team=ops", "event=destroy")).containsExactly(
        "container destroy ev-renamed");
    assertThat(actions(since, until, "type=image")).containsExactly("image tag ev-tag:1",
        "image untag " + busyboxId);
  }

  @Test
  void theStreamDeliversEventsAsTheyHappen() throws Exception {
    Process events = new ProcessBuilder(Docker.CLI.toString(), "-H", daemon.host(), "events", "--filter",
        "container=ev-live", "--format", "{{.Action}}").start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.getInputStream(),
        StandardCharsets.UTF_8))) {
      Thread.sleep(500);
      docker.run("run", "--rm", "--name", "ev-live", "busybox", "true");

      List<String> seen = new ArrayList<>();
      for (String line = lines.readLine(); line != null && !line.equals("destroy"); line = lines.readLine()) {
        seen.add(line);
      }
      assertThat(seen).containsExactly("create", "attach", "start", "die");
    } finally {
      events.destroy();
      events.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void unknownFiltersAreRefused() throws Exception {
    Docker.Result result = docker.run("events", "--since", "1", "--until", "2", "--filter", "colour=red");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("invalid filter 'colour'");
  }
}
