package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

  @Test
  void unknownKeysAreRefusedWithDockersMessage() {
    assertThatThrownBy(() -> Filters.of(Map.of("colour", List.of("red")), Set.of("label")))
        .isInstanceOf(InvalidArgumentException.class).hasMessage("invalid filter 'colour'");
  }

  @Test
  void labelTermsMatchKeysOrKeyValuePairs() {
    Filters filters = Filters.of(Map.of("label", List.of("tier", "owner=me")), Set.of("label"));

    assertThat(filters.matchesLabels(Map.of("tier", "web", "owner", "me"))).isTrue();
    assertThat(filters.matchesLabels(Map.of("tier", "web", "owner", "you"))).isFalse();
    assertThat(filters.matchesLabels(Map.of("owner", "me"))).isFalse();
    assertThat(filters.matchesLabels(null)).isFalse();
  }
}
