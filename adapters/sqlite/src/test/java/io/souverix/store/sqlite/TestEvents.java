package io.souverix.store.sqlite;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic events for tests. */
final class TestEvents {
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"), ZoneOffset.UTC);

  private final EventIds ids;

  TestEvents(long seed) {
    this.ids = EventIds.create(CLOCK, new Random(seed));
  }

  NewEvent event(Payload payload) {
    return NewEvent.builder("test.something_happened", 1)
        .eventId(ids.next())
        .occurredAt(CLOCK.instant())
        .actor("tester")
        .region("eu-west")
        .payload(payload)
        .build();
  }

  List<NewEvent> batch(int n, String label) {
    List<NewEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(event(Payload.of("label", label, "index", i)));
    }
    return out;
  }
}
