package io.souverix.lifecycle.port;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process digital twin: keeps the latest update per component and counts the updates it
 * received. Re-delivered updates (position not above the kept one) are counted as duplicates and
 * not kept. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryDigitalTwin implements DigitalTwinSink {
  private final ConcurrentHashMap<String, TwinUpdate> latest = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  InMemoryDigitalTwin() {}

  @Override
  public void accept(TwinUpdate update) {
    Objects.requireNonNull(update, "update");
    boolean[] kept = {false};
    latest.compute(
        update.componentId(),
        (k, old) -> {
          if (old == null || update.position() > old.position()) {
            kept[0] = true;
            return update;
          }
          return old;
        });
    (kept[0] ? accepted : duplicates).incrementAndGet();
  }

  /**
   * Returns the latest update of a component.
   *
   * @param componentId the component id; not null
   * @return the update, or empty if none
   * @since 0.1
   */
  public Optional<TwinUpdate> latest(String componentId) {
    return Optional.ofNullable(latest.get(Objects.requireNonNull(componentId, "componentId")));
  }

  /**
   * Returns the latest update of every component.
   *
   * @return an unmodifiable copy, by component id
   * @since 0.1
   */
  public Map<String, TwinUpdate> all() {
    return Map.copyOf(latest);
  }

  /**
   * Returns how many updates were kept (not duplicates).
   *
   * @return the count
   * @since 0.1
   */
  public long updateCount() {
    return accepted.get();
  }

  /**
   * Returns how many re-delivered updates were dropped.
   *
   * @return the count
   * @since 0.1
   */
  public long duplicateCount() {
    return duplicates.get();
  }
}
