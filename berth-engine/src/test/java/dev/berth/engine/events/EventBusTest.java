package dev.berth.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.events.EventMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBusTest {

  @Test
  void aSubscriptionReplaysWhatHappenedSinceAndThenSeesNewEvents() throws Exception {
    EventBus bus = new EventBus();
    bus.publish("container", "create", "c1", Map.of("name", "one", "image", "busybox"));
    Instant between = Instant.now();
    Thread.sleep(2);
    bus.publish("container", "start", "c1", Map.of("name", "one", "image", "busybox"));

    try (EventBus.Subscription subscription = bus.subscribe(between)) {
      bus.publish("image", "tag", "sha256:abc", Map.of("name", "box:1"));

      EventMessage start = subscription.next(0);
      assertThat(start.action()).isEqualTo("start");
      assertThat(start.status()).isEqualTo("start");
      assertThat(start.from()).isEqualTo("busybox");
      assertThat(subscription.next(1000).type()).isEqualTo("image");
      assertThat(subscription.next(0)).isNull();
    }
  }

  @Test
  void onlyTheLast256EventsAreKept() throws Exception {
    EventBus bus = new EventBus();
    for (int i = 0; i < 300; i++) {
      bus.publish("container", "create", "c" + i, Map.of());
    }
    try (EventBus.Subscription subscription = bus.subscribe(Instant.EPOCH)) {
      assertThat(subscription.next(0).actor().id()).isEqualTo("c44");
    }
  }

  @Test
  void filtersMatchTypeActionContainerImageAndLabels() {
    EventMessage die = event("container", "die", "abcdef", Map.of("name", "web", "image", "busybox:latest",
        "tier", "front"));

    assertThat(EventFilter.of(Map.of("type", List.of("container"))).matches(die)).isTrue();
    assertThat(EventFilter.of(Map.of("type", List.of("image"))).matches(die)).isFalse();
    assertThat(EventFilter.of(Map.of("event", List.of("start", "die"))).matches(die)).isTrue();
    assertThat(EventFilter.of(Map.of("container", List.of("web"))).matches(die)).isTrue();
    assertThat(EventFilter.of(Map.of("container", List.of("abc"))).matches(die)).isTrue();
    assertThat(EventFilter.of(Map.of("image", List.of("busybox"))).matches(die)).isTrue();
    assertThat(EventFilter.of(Map.of("label", List.of("tier=front"))).matches(die)).isTrue();
    assertThat(EventFilter.of(Map.of("label", List.of("tier=back"))).matches(die)).isFalse();
  }

  private static EventMessage event(String type, String action, String id, Map<String, String> attributes) {
    EventBus bus = new EventBus();
    bus.publish(type, action, id, attributes);
    try (EventBus.Subscription subscription = bus.subscribe(Instant.EPOCH)) {
      return subscription.next(0);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
