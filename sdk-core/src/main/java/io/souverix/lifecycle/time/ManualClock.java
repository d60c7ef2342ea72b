package io.souverix.lifecycle.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to: for tests, simulations and replays that must not depend on
 * wall time. Thread-safe; always in UTC.
 *
 * @since 0.1
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  private ManualClock(Instant now) {
    this.now = now;
  }

  /**
   * Creates a clock standing at {@code start}.
   *
   * @param start the initial instant; not null
   * @return a new clock
   * @since 0.1
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock forward.
   *
   * @param step a non-negative duration
   * @return the new instant
   * @throws IllegalArgumentException if {@code step} is negative
   * @since 0.1
   */
  public synchronized Instant advance(Duration step) {
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward; got " + step);
    }
    now = now.plus(step);
    return now;
  }

  /**
   * Sets the clock to an instant, forward or back (to simulate a clock jump).
   *
   * @param instant the new instant; not null
   * @since 0.1
   */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long millis() {
    return now.toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns this clock: a manual clock is always UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "ManualClock[" + now + "]";
  }
}
