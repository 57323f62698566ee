package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code docker history} and what a commit's parent link brings: IDs down the chain, inspect's Parent, rmi's conflict. */
class ImageHistoryIT extends DaemonTest {

  @Test
  void historyListsStepsNewestFirstWithTheChainOfImagesMadeHere() throws Exception {
    docker.run("run", "--name", "history-source", "busybox", "sh", "-c", "echo hello > /greeting");
    String child = docker.run("commit", "-m", "greets", "-a", "tester", "history-source", "greeter:1").out();

    Docker.Result table = docker.run("history", "greeter:1");
    Docker.Result ids = docker.run("history", "-q", "--no-trunc", "greeter:1");
    Docker.Result raw = docker.run("history", "-H=false", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}",
        "greeter:1");

    assertThat(table.exitCode()).isZero();
    assertThat(table.stdout().lines().findFirst().orElseThrow())
        .matches("IMAGE +CREATED +CREATED BY +SIZE +COMMENT");
    assertThat(table.stdout().lines().skip(1).findFirst().orElseThrow())
        .startsWith(child.substring(7, 19)).contains("sh -c echo hello > /greeting").contains("6B").contains("greets");
    assertThat(ids.stdout().lines().toList()).containsExactly(child, busyboxId);
    assertThat(raw.stdout().lines().toList()).hasSize(2);
    assertThat(raw.stdout().lines().findFirst().orElseThrow())
        .isEqualTo(child.substring(7, 19) + "|sh -c echo hello > /greeting|6|greets");
    assertThat(docker.run("inspect", "-f", "{{.Parent}}", "greeter:1").out()).isEqualTo(busyboxId);
    assertThat(berth("history", "-H=false", "greeter:1"))
        .isEqualTo(docker.run("history", "-H=false", "greeter:1").stdout());
  }

  @Test
  void anImageWithAChildCannotBeDeletedByIdAndKeepsItsLayersWhenUntagged() throws Exception {
    docker.run("run", "--name", "parent-source", "busybox", "touch", "/x");
    String parent = docker.run("commit", "parent-source", "parent:1").out();
    docker.run("run", "--name", "child-source", "parent:1", "touch", "/y");
    docker.run("commit", "child-source", "child:1");
    docker.run("rm", "parent-source", "child-source");

    Docker.Result byId = docker.run("rmi", "-f", parent);
    Docker.Result byTag = docker.run("rmi", "parent:1");

    assertThat(byId.exitCode()).isEqualTo(1);
    assertThat(byId.stderr()).contains("conflict: unable to delete " + parent.substring(7, 19)
        + " (cannot be forced) - image has dependent child images");
    assertThat(byTag.stdout().strip()).isEqualTo("Untagged: parent:1");
    assertThat(docker.run("images", "-q", "--no-trunc").stdout()).doesNotContain(parent);
    assertThat(docker.run("images", "-a", "-q", "--no-trunc").stdout()).contains(parent);
    assertThat(docker.run("run", "--rm", "child:1", "ls", "/x", "/y").exitCode()).isZero();
  }

  @Test
  void historyOfAnUnknownImageFails() throws Exception {
    Docker.Result result = docker.run("history", "nothing-here");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("No such image: nothing-here");
  }

  private String berth(String... args) throws Exception {
    Process process = new ProcessBuilder(BerthCommand.commandLine(daemon, args)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output;
  }
}
