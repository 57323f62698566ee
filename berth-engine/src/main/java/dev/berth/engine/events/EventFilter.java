package dev.berth.engine.events;

import dev.berth.api.events.EventMessage;
import dev.berth.engine.Filters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker's event filters: type, container, image, event (the action) and label, each key ANDed, values ORed. */
public record EventFilter(Filters filters) {

  private static final Set<String> KEYS = Set.of("type", "container", "image", "event", "label");

  public static EventFilter of(Map<String, List<String>> values) {
    return new EventFilter(Filters.of(values, KEYS));
  }

  public boolean matches(EventMessage event) {
    Map<String, String> attributes = event.actor().attributes();
    return anyOrNone("type", value -> value.equals(event.type()))
        && anyOrNone("event", value -> value.equals(event.action())
            || event.action().startsWith(value + ":"))
        && anyOrNone("container", value -> event.type().equals("container")
            && (event.actor().id().startsWith(value) || value.equals(attributes.get("name"))))
        && anyOrNone("image", value -> matchesImage(value, event))
        && filters.matchesLabels(attributes);
  }

  private boolean anyOrNone(String key, java.util.function.Predicate<String> test) {
    List<String> values = filters.get(key);
    return values.isEmpty() || values.stream().anyMatch(test);
  }

  /** An image filter names the image a container event came from, or the image an image event is about. */
  private static boolean matchesImage(String value, EventMessage event) {
    Map<String, String> attributes = event.actor().attributes();
    String image = event.type().equals("image") ? attributes.getOrDefault("name", "") : attributes.getOrDefault(
        "image", "");
    return image.equals(value) || withoutTag(image).equals(value) || event.type().equals("image")
        && (event.actor().id().equals(value) || event.actor().id().equals("sha256:" + value));
  }

  private static String withoutTag(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }
}
