package io.souverix.tck;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * What a conformance test gives the adapter under test: a controllable clock, deterministic event
 * ids and a timeout for asynchronous rules. One environment per test, so tests may run in parallel.
 *
 * <p>The timeout defaults to 10 seconds and can be raised with the environment variable {@code
 * SOUVERIX_TCK_TIMEOUT_MILLIS} on slow machines.
 *
 * @since 0.1
 */
public final class TckEnvironment {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final EventIds ids = EventIds.create(clock, new Random(20260101L));
  private final Duration timeout;

  TckEnvironment() {
    String env = System.getenv("SOUVERIX_TCK_TIMEOUT_MILLIS");
    this.timeout = Duration.ofMillis(env == null ? 10_000 : Long.parseLong(env.trim()));
  }

  /**
   * Returns the clock stores under test should stamp events with.
   *
   * @return the manual clock of this test
   */
  public ManualClock clock() {
    return clock;
  }

  /**
   * Returns how long an asynchronous rule waits.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Creates a valid event of the catalogue with a fresh id.
   *
   * @param n a number recorded in the payload, to tell events apart
   * @return the event
   */
  public NewEvent event(int n) {
    return NewEvent.builder(EventType.NODE_HEALTH_VALIDATED)
        .eventId(ids.next())
        .occurredAt(clock.instant())
        .actor("tck")
        .region("region-a")
        .payload(
            Payload.of(
                "healthy",
                n % 2 == 0,
                "checks",
                java.util.List.of(String.format(Locale.ROOT, "check-%d", n))))
        .build();
  }
}
