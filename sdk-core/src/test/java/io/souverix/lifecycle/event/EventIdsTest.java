package io.souverix.lifecycle.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final Clock FIXED = Clock.fixed(T, ZoneOffset.UTC);

  @Test
  void next_layout_isVersion7VariantRfcWithUnixMillis() {
    UUID id = EventIds.create(FIXED, new Random(1)).next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T.toEpochMilli());
    assertThat(id.toString()).startsWith(String.format("%08x", T.toEpochMilli() >>> 16));
  }

  @Test
  void next_manyWithinOneMillisecond_areStrictlyIncreasingAndKeepTheLayout() {
    EventIds ids = EventIds.create(FIXED, new Random(2));
    UUID previous = ids.next();
    for (int i = 0; i < 10_000; i++) { // forces counter overflow into borrowed milliseconds
      UUID next = ids.next();
      assertThat(compareUnsigned(next, previous)).as("id %d", i).isPositive();
      assertThat(next.version()).isEqualTo(7);
      assertThat(next.variant()).isEqualTo(2);
      previous = next;
    }
    assertThat(previous.getMostSignificantBits() >>> 16).isGreaterThan(T.toEpochMilli());
  }

  @Test
  void next_sameSeedAndClock_givesSameIds() {
    assertThat(take(EventIds.create(FIXED, new Random(7)), 50))
        .isEqualTo(take(EventIds.create(FIXED, new Random(7)), 50))
        .isNotEqualTo(take(EventIds.create(FIXED, new Random(8)), 50));
  }

  private static List<UUID> take(EventIds ids, int n) {
    List<UUID> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ids.next());
    }
    return out;
  }

  private static int compareUnsigned(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0
        ? c
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
