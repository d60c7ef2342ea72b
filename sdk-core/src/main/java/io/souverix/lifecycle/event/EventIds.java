package io.souverix.lifecycle.event;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * A generator of RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then a 12-bit counter that
 * keeps ids from one generator strictly increasing within a millisecond, then 62 random bits.
 *
 * <p>Time and randomness are injected, so a test with a fixed clock and a seeded {@link Random}
 * gets the same ids on every run. Thread-safe.
 *
 * @since 0.1
 */
public final class EventIds {
  private final Clock clock;
  private final Random random;
  private long lastMillis = -1;
  private int counter;

  private EventIds(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * Creates a generator on the system UTC clock and a {@link SecureRandom}.
   *
   * @return a new generator
   * @since 0.1
   */
  public static EventIds create() {
    return new EventIds(Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Creates a generator on the given clock and randomness.
   *
   * @param clock the time source; not null
   * @param random the randomness; not null (a seeded {@link Random} makes ids reproducible)
   * @return a new generator
   * @since 0.1
   */
  public static EventIds create(Clock clock, Random random) {
    return new EventIds(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(random, "random"));
  }

  /**
   * Returns the next id; ids from one generator are strictly increasing.
   *
   * @return a version 7 UUID
   * @since 0.1
   */
  public synchronized UUID next() {
    long millis = clock.millis();
    if (millis > lastMillis) {
      lastMillis = millis;
      counter = random.nextInt(1 << 10); // leave headroom so a burst does not overflow at once
    } else {
      counter++;
      if (counter >= (1 << 12)) {
        // Counter exhausted within one millisecond (or the clock went back): borrow the next
        // millisecond, as RFC 9562 section 6.2 allows, to stay monotonic.
        lastMillis++;
        counter = 0;
      }
    }
    long msb = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (counter & 0xFFF);
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
