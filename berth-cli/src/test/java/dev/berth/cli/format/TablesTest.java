package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerSummary;
import dev.berth.api.image.ImageSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ps and images output, compared with what docker CLI 28 printed for the same objects. */
class TablesTest {

  static final Instant NOW = Instant.parse("2026-11-22T18:57:22Z");

  static ContainerSummary container(String id, String name, String command, long created, String state,
      String status, Map<String, String> labels) {
    return new ContainerSummary(id, List.of("/" + name), "busybox",
        "sha256:0a527d015d27fe283263e7f7a4ad6b62a952258d6e4f004cd78624e2daed9ab5", command, created, List.of(),
        0L, 1985967L, labels, state, status, Map.of("NetworkMode", "default"),
        Map.of("Networks", Map.of("bridge", Map.of())), List.of());
  }

  static List<ContainerContext> rows(boolean trunc, ContainerSummary... cs) {
    List<ContainerContext> out = new ArrayList<>();
    for (ContainerSummary c : cs) {
      out.add(new ContainerContext(c, trunc, NOW));
    }
    return out;
  }

  static final ContainerSummary T3 = container("dbabd43850e69345509b145974a55c22d3a7e5e250fed7ee541ad7408564a156",
      "t3", "echo 'a very long command line indeed'", NOW.getEpochSecond(), "created", "Created", Map.of());
  static final ContainerSummary T2 = container("11a643a05f2f959236a03d848ce5626929c57351cc4023024e4377566f53b37a",
      "t2", "sh -c 'echo out; echo err >&2; exit 3'", NOW.getEpochSecond(), "exited",
      "Exited (3) Less than a second ago", Map.of());
  static final ContainerSummary T1 = container("03dd8f05c6b9b0e43e5f7ef3ba75bd63b29f81c2765e90c76f3e752644c9a311",
      "t1", "sleep 1000", NOW.getEpochSecond() - 4, "running", "Up Less than a second", Map.of("a", "b"));

  @Test
  void psDefaultTable() throws Exception {
    String out = Formatter.render(ContainerContext.resolveFormat(null, false, false), ContainerContext.HEADERS,
        rows(true, T3, T2, T1));
    assertThat(out).isEqualTo("""
        CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                              PORTS     NAMES
        dbabd43850e6   busybox   "echo 'a very long c…"   Less than a second ago   Created                                       t3
        11a643a05f2f   busybox   "sh -c 'echo out; ec…"   Less than a second ago   Exited (3) Less than a second ago             t2
        03dd8f05c6b9   busybox   "sleep 1000"             4 seconds ago            Up Less than a second                         t1
        """);
  }

  @Test
  void psEmptyTableHasHeaders() throws Exception {
    assertThat(Formatter.render(ContainerContext.resolveFormat("", false, false), ContainerContext.HEADERS, List.of()))
        .isEqualTo("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n");
  }

  @Test
  void psNoTruncSizeQuietAndCustom() throws Exception {
    String noTrunc = Formatter.render(ContainerContext.resolveFormat(null, false, false), ContainerContext.HEADERS,
        rows(false, T1));
    assertThat(noTrunc).contains("03dd8f05c6b9b0e43e5f7ef3ba75bd63b29f81c2765e90c76f3e752644c9a311   busybox   "
        + "\"sleep 1000\"");
    String size = Formatter.render(ContainerContext.resolveFormat(null, false, true), ContainerContext.HEADERS,
        rows(true, T1));
    assertThat(size).isEqualTo("""
        CONTAINER ID   IMAGE     COMMAND        CREATED         STATUS                  PORTS     NAMES     SIZE
        03dd8f05c6b9   busybox   "sleep 1000"   4 seconds ago   Up Less than a second             t1        0B (virtual 1.99MB)
        """);
    assertThat(Formatter.render(ContainerContext.resolveFormat("{{.Names}}", true, false), ContainerContext.HEADERS,
        rows(true, T1, T2))).isEqualTo("03dd8f05c6b9\n11a643a05f2f\n");
    assertThat(Formatter.render(ContainerContext.resolveFormat("table {{.ID}}\\t{{.Label \"a\"}}\\t{{.Names}}", false,
        false), ContainerContext.HEADERS, rows(true, T1, T2))).isEqualTo("""
        CONTAINER ID   a         NAMES
        03dd8f05c6b9   b         t1
        11a643a05f2f             t2
        """);
    assertThat(Formatter.render("{{.Names}}\\t{{.State}}", ContainerContext.HEADERS, rows(true, T1)))
        .isEqualTo("t1\trunning\n");
    assertThat(Formatter.render("table {{.Names}}", ContainerContext.HEADERS, rows(true, T1)))
        .isEqualTo("NAMES\nt1\n");
  }

  @Test
  void psJsonAndRaw() throws Exception {
    ContainerContext c = new ContainerContext(T1, true, NOW);
    String json = Formatter.render(ContainerContext.resolveFormat("json", false, false), ContainerContext.HEADERS,
        List.of(c));
    assertThat(json).isEqualTo("{\"Command\":\"\\\"sleep 1000\\\"\",\"CreatedAt\":\"" + c.createdAt()
        + "\",\"ID\":\"03dd8f05c6b9\",\"Image\":\"busybox\",\"Labels\":\"a=b\",\"LocalVolumes\":\"0\",\"Mounts\":\"\","
        + "\"Names\":\"t1\",\"Networks\":\"bridge\",\"Platform\":null,\"Ports\":\"\",\"RunningFor\":\"4 seconds ago\","
        + "\"Size\":\"0B (virtual 1.99MB)\",\"State\":\"running\",\"Status\":\"Up Less than a second\"}\n");
    String raw = Formatter.render(ContainerContext.resolveFormat("raw", false, false), ContainerContext.HEADERS,
        List.of(c));
    assertThat(raw).isEqualTo("container_id: 03dd8f05c6b9\nimage: busybox\ncommand: \"sleep 1000\"\ncreated_at: "
        + c.createdAt() + "\nstate: running\nstatus: Up Less than a second\nnames: t1\nlabels: a=b\nports:\n\n");
  }

  @Test
  void psFieldsMountsAndImages() {
    ContainerSummary c = new ContainerSummary("0123456789abcdef", List.of("/b/link", "/web"),
        "sha256:0a527d015d27fe283263e7f7a4ad6b62a952258d6e4f004cd78624e2daed9ab5",
        "sha256:0a527d015d27fe283263e7f7a4ad6b62a952258d6e4f004cd78624e2daed9ab5", "", 0, List.of(), null, null,
        Map.of("z", "1", "a", "2"), "running", "Up", Map.of(), null,
        List.of(new ContainerInspect.MountPoint("volume", "averyveryverylongvolumename", "/x", "/d", "local", "", true,
            ""), new ContainerInspect.MountPoint("bind", "", "/src", "/dst", "", "", true, "rprivate")));
    ContainerContext t = new ContainerContext(c, true, NOW);
    assertThat(t.names()).isEqualTo("web");
    assertThat(new ContainerContext(c, false, NOW).names()).isEqualTo("b/link,web");
    assertThat(t.image()).isEqualTo("0a527d015d27");
    assertThat(t.labels()).isEqualTo("a=2,z=1");
    assertThat(t.mounts()).isEqualTo("averyveryveryl…,/src");
    assertThat(t.localVolumes()).isEqualTo("1");
    assertThat(t.networks()).isEmpty();
    assertThat(t.size()).isEqualTo("0B");
    ContainerSummary tagged = new ContainerSummary("x", List.of("/n"), "docker.io/library/busybox:1.36", "sha256:ff",
        "", 0, List.of(), null, null, null, "", "", null, null, null);
    assertThat(new ContainerContext(tagged, true, NOW).image()).isEqualTo("busybox:1.36");
  }

  static ImageSummary image(String id, List<String> tags, List<String> digests, long created, long size) {
    return new ImageSummary(id, "", tags, digests, created, size, -1, Map.of(), -1);
  }

  @Test
  void imagesTables() throws Exception {
    ImageSummary busybox = image("sha256:0a527d015d27fe283263e7f7a4ad6b62a952258d6e4f004cd78624e2daed9ab5",
        List.of("busybox:latest"), List.of(), NOW.getEpochSecond() - 18, 1985967);
    ImageSummary bb = image("sha256:646c6a7ceb01b804e31a64c8013782091af00ebf05c587097d16d1dbe7a30b3b",
        List.of("bb:1"), List.of(), NOW.getEpochSecond() - 15 * 60, 1982000);
    List<ImageContext> rows = ImageContext.rows(List.of(busybox, bb), false, true, NOW);
    assertThat(Formatter.render(ImageContext.resolveFormat(null, false, false), ImageContext.HEADERS, rows))
        .isEqualTo("""
            REPOSITORY   TAG       IMAGE ID       CREATED          SIZE
            busybox      latest    0a527d015d27   18 seconds ago   1.99MB
            bb           1         646c6a7ceb01   15 minutes ago   1.98MB
            """);
    List<ImageContext> digestRows = ImageContext.rows(List.of(busybox, bb), true, true, NOW);
    assertThat(Formatter.render(ImageContext.resolveFormat(null, false, true), ImageContext.HEADERS, digestRows))
        .isEqualTo("""
            REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED          SIZE
            busybox      latest    <none>    0a527d015d27   18 seconds ago   1.99MB
            bb           1         <none>    646c6a7ceb01   15 minutes ago   1.98MB
            """);
    List<ImageContext> full = ImageContext.rows(List.of(busybox), false, false, NOW);
    assertThat(Formatter.render(ImageContext.resolveFormat(null, false, false), ImageContext.HEADERS, full))
        .contains("busybox      latest    sha256:0a527d015d27fe283263e7f7a4ad6b62a952258d6e4f004cd78624e2daed9ab5");
    assertThat(Formatter.render("json", ImageContext.HEADERS, rows.subList(0, 1))).isEqualTo(
        "{\"Containers\":\"N/A\",\"CreatedAt\":\"" + GoTime.string(Instant.ofEpochSecond(NOW.getEpochSecond() - 18))
            + "\",\"CreatedSince\":\"18 seconds ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"0a527d015d27\","
            + "\"Repository\":\"busybox\",\"SharedSize\":\"N/A\",\"Size\":\"1.99MB\",\"Tag\":\"latest\","
            + "\"UniqueSize\":\"N/A\",\"VirtualSize\":\"1.986MB\"}\n");
  }

  @Test
  void imageRowsForTagsDigestsAndDangling() {
    ImageSummary multi = image("sha256:aa", List.of("a:1", "a:2", "docker.io/library/b:latest", "reg:5000/c/d:x"),
        List.of("a@sha256:" + "1".repeat(64), "e@sha256:" + "2".repeat(64)), 0, 1);
    List<String> rows = new ArrayList<>();
    for (ImageContext r : ImageContext.rows(List.of(multi), true, true, NOW)) {
      Map<String, Object> f = r.jsonFields();
      rows.add(f.get("Repository") + " " + f.get("Tag") + " " + f.get("Digest"));
    }
    assertThat(rows).containsExactly("a 1 sha256:" + "1".repeat(64), "a 2 sha256:" + "1".repeat(64),
        "b latest <none>", "reg:5000/c/d x <none>", "e <none> sha256:" + "2".repeat(64));
    ImageSummary dangling = image("sha256:bb", List.of(), List.of(), 0, 1);
    Map<String, Object> d = ImageContext.rows(List.of(dangling), false, true, NOW).get(0).jsonFields();
    assertThat(d.get("Repository") + " " + d.get("Tag")).isEqualTo("<none> <none>");
  }
}
