package dev.berth.engine.events;

import dev.berth.api.events.EventMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Everything that happens to containers and images, as Docker's events. The last {@value #KEPT}
 * events are kept so a subscriber can ask for what happened {@code since} a time, as dockerd keeps
 * them; a subscription sees every event published after it began, with no gap after the replay.
 */
public final class EventBus {

  private static final int KEPT = 256;
  private static final Set<String> LEGACY_FIELD_TYPES = Set.of("container", "image");

  private final Deque<EventMessage> recent = new ArrayDeque<>(KEPT);
  private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();

  /** Publishes an event now. {@code attributes} carry {@code name}, {@code image}, labels and the like. */
  public void publish(String type, String action, String actorId, Map<String, String> attributes) {
    Instant now = Instant.now();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    boolean legacy = LEGACY_FIELD_TYPES.contains(type);
    String from = type.equals("container") ? attributes.getOrDefault("image", "") : "";
    EventMessage event = new EventMessage(legacy ? action : "", legacy ? actorId : "", from, type, action,
        new EventMessage.Actor(actorId, Map.copyOf(attributes)), "local", now.getEpochSecond(), nanos);
    synchronized (recent) {
      if (recent.size() == KEPT) {
        recent.removeFirst();
      }
      recent.addLast(event);
      subscriptions.forEach(subscription -> subscription.queue.offer(event));
    }
  }

  /** Starts a subscription, with the kept events at or after {@code since} (none if null) already in it. */
  public Subscription subscribe(Instant since) {
    Subscription subscription = new Subscription();
    synchronized (recent) {
      if (since != null) {
        long sinceNanos = since.getEpochSecond() * 1_000_000_000L + since.getNano();
        recent.stream().filter(event -> event.timeNano() >= sinceNanos).forEach(subscription.queue::offer);
      }
      subscriptions.add(subscription);
    }
    return subscription;
  }

  /** A subscriber's queue of events; close it when done so the bus stops filling it. */
  public final class Subscription implements AutoCloseable {

    private final BlockingQueue<EventMessage> queue = new LinkedBlockingQueue<>();

    /** The next event, waiting up to {@code timeoutMillis}; null if none came. */
    public EventMessage next(long timeoutMillis) throws InterruptedException {
      return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }
}
