package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.event.RecordedEvent;
import java.util.List;
import java.util.Objects;

/**
 * What an append recorded.
 *
 * @param events the recorded events, in order; never empty
 * @param duplicate true if the append was a retry of events already recorded, in which case {@code
 *     events} are the originals and nothing new was written
 * @since 0.1
 */
public record AppendResult(List<RecordedEvent> events, boolean duplicate) {
  /** Validates and copies. */
  public AppendResult {
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an append result has at least one event");
    }
  }

  /**
   * @return the stream appended to
   */
  public String streamId() {
    return events.get(0).streamId();
  }

  /**
   * @return the stream's version after this append: the sequence of its last event
   */
  public long nextExpectedVersion() {
    return events.get(events.size() - 1).sequence();
  }

  /**
   * @return the global position of the last event
   */
  public long lastPosition() {
    return events.get(events.size() - 1).position();
  }
}
