package io.souverix.kafka;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** A real in-memory event store filled with a small fleet's events, interleaved across nodes. */
final class Fleet {
  private Fleet() {}

  /**
   * Appends {@code rounds} rounds; each round adds one event to every node's hardware stream
   * ({@code node-NN}) and one to its software stream ({@code node-NN/agent}).
   */
  static EventStore store(int nodes, int rounds) throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-26T00:00:00Z"));
    EventIds ids = EventIds.create(clock, new Random(7));
    EventStore store = EventStore.inMemory(clock);
    for (int r = 0; r < rounds; r++) {
      for (int n = 0; n < nodes; n++) {
        String node = String.format(Locale.ROOT, "node-%02d", n);
        for (String stream : List.of(node, node + "/agent")) {
          store.append(
              stream,
              ExpectedVersion.any(),
              List.of(
                  NewEvent.builder("node.connectivity_changed", 1)
                      .eventId(ids.next())
                      .occurredAt(clock.instant())
                      .actor("fleet-test")
                      .payload(Payload.of("round", r))
                      .build()));
          clock.advance(Duration.ofMillis(1));
        }
      }
    }
    return store;
  }

  static List<RecordedEvent> events(EventStore store) throws Exception {
    return store.readAll(1, EventStore.MAX_BATCH);
  }
}
