package dev.berth.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ApiJson;
import dev.berth.api.container.ContainerConfig;
import dev.berth.api.container.ContainerCreateRequest;
import dev.berth.api.container.ContainerInspect;
import dev.berth.api.container.ContainerState;
import dev.berth.api.container.ContainerSummary;
import dev.berth.api.container.ContainerUpdateRequest;
import dev.berth.api.container.ContainerWaitResponse;
import dev.berth.api.container.DeviceMapping;
import dev.berth.api.container.HealthConfig;
import dev.berth.api.container.HostConfig;
import dev.berth.api.container.Ulimit;
import dev.berth.api.image.ImageDeleteItem;
import dev.berth.api.image.ImageInspect;
import dev.berth.api.system.SystemInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec must agree with berth-api's ObjectMapper, which is the one mapping of the API. */
class RecordCodecTest {

  static ContainerCreateRequest request() {
    ContainerConfig c = new ContainerConfig("h", "", "1:2", false, true, true, Map.of("80/tcp", Map.of()), false, true,
        true, List.of("A=1"), List.of("sh", "-c", "x"), new HealthConfig(List.of("CMD", "true"), 1000, 0, 3, 0, 0),
        false, "busybox", Map.of(), "/w", null, false, null, null, Map.of("k", "v"), "SIGINT", 5, null);
    HostConfig h = new HostConfig(List.of("/a:/b"), "", new HostConfig.LogConfig("", Map.of()), "default",
        Map.of("80/tcp", List.of(new HostConfig.PortBinding("", "8080"))), new HostConfig.RestartPolicy("no", 0),
        true, "", null, List.of(0, 0), List.of("CAP_NET_ADMIN"), null, "", List.of(), List.of(), List.of(), null, null,
        "", "", null, 0, "", false, false, true, null, "", "", 0, "runc", "", 0, 67108864, 0, "", 0, List.of(),
        List.of(), List.of(), List.of(), List.of(), 0, 0, 0, 0, "", "",
        List.of(new DeviceMapping("/dev/null", "/dev/x", "r")), null, null, 0, 0, -1L, false, null,
        List.of(new Ulimit("nofile", 200, 100)), 0, 0, 0, 0, Boolean.TRUE, null, null, Map.of("/run", "size=1m"));
    return new ContainerCreateRequest(c, h, null);
  }

  @Test
  void writesWhatTheObjectMapperWrites() throws Exception {
    for (Object o : List.of(request(), new ContainerCreateRequest(ContainerConfig.empty(), HostConfig.defaults(), null),
        ImageDeleteItem.untagged("a:b"), new ContainerWaitResponse(3, null),
        new ContainerUpdateRequest(request().hostConfig().resources(), new HostConfig.RestartPolicy("", 0)),
        new ContainerWaitResponse(1, new ContainerWaitResponse.WaitError("x")))) {
      Object ours = Json.parse(RecordCodec.write(o));
      Object theirs = Json.parse(ApiJson.mapper().writeValueAsString(o));
      assertThat(ours).as(o.getClass().getSimpleName()).isEqualTo(theirs);
    }
  }

  @Test
  void readsWhatTheObjectMapperReads() throws Exception {
    String summary = "[{\"Id\":\"x\",\"Names\":[\"/a\"],\"Image\":\"i\",\"ImageID\":\"sha256:1\",\"Command\":\"c\","
        + "\"Created\":5,\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}],\"SizeRw\":3,\"Labels\":{\"a\":\"b\"},"
        + "\"State\":\"running\",\"Status\":\"Up\",\"HostConfig\":{\"NetworkMode\":\"default\"},"
        + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"IPAddress\":\"1.2.3.4\"}}},"
        + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/s\",\"Destination\":\"/d\",\"RW\":true}],\"Extra\":1}]";
    List<ContainerSummary> theirs = List.of(ApiJson.mapper().readValue(summary, ContainerSummary[].class));
    List<ContainerSummary> list = RecordCodec.readList(Json.parse(summary), ContainerSummary.class);
    assertThat(list).hasSize(1);
    ContainerSummary a = list.get(0);
    ContainerSummary b = theirs.get(0);
    assertThat(a.id()).isEqualTo(b.id());
    assertThat(a.names()).isEqualTo(b.names());
    assertThat(a.created()).isEqualTo(b.created());
    assertThat(a.sizeRw()).isEqualTo(b.sizeRw());
    assertThat(a.sizeRootFs()).isNull();
    assertThat(a.labels()).isEqualTo(b.labels());
    assertThat(a.mounts()).isEqualTo(b.mounts());
    assertThat(a.ports().get(0).get("PrivatePort")).isEqualTo(80L);
  }

  @Test
  void readsNestedRecords() throws Exception {
    String inspect = "{\"Id\":\"c1\",\"State\":{\"Status\":\"exited\",\"Running\":false,\"ExitCode\":3,"
        + "\"StartedAt\":\"2024-01-01T00:00:00Z\"},\"Config\":{\"Tty\":true,\"Cmd\":[\"sh\"],\"Labels\":{\"a\":\"b\"},"
        + "\"StopTimeout\":7},\"HostConfig\":{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\","
        + "\"MaximumRetryCount\":0},\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]},"
        + "\"PidsLimit\":null},\"RestartCount\":2}";
    ContainerInspect c = RecordCodec.read(inspect, ContainerInspect.class);
    assertThat(c).isEqualTo(ApiJson.mapper().readValue(inspect, ContainerInspect.class));
    assertThat(c.state()).isEqualTo(new ContainerState("exited", false, false, false, false, false, 0, 3, null,
        "2024-01-01T00:00:00Z", null, null));
    assertThat(c.config().tty()).isTrue();
    assertThat(c.hostConfig().portBindings().get("80/tcp").get(0).hostPort()).isEqualTo("8080");
    String image = "{\"Id\":\"sha256:1\",\"RepoTags\":[\"a:1\"],\"Size\":10,\"RootFS\":{\"Type\":\"layers\","
        + "\"Layers\":[\"sha256:2\"]},\"Config\":{\"Cmd\":[\"sh\"]}}";
    assertThat(RecordCodec.read(image, ImageInspect.class))
        .isEqualTo(ApiJson.mapper().readValue(image, ImageInspect.class));
    String info = "{\"ID\":\"x\",\"Containers\":2,\"Plugins\":{\"Volume\":[\"local\"]},\"Runtimes\":{\"runc\":"
        + "{\"path\":\"runc\"}},\"Swarm\":{\"LocalNodeState\":\"inactive\"},\"MemTotal\":1024}";
    assertThat(RecordCodec.read(info, SystemInfo.class)).isEqualTo(ApiJson.mapper().readValue(info, SystemInfo.class));
  }
}
