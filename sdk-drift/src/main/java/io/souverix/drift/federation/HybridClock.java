package io.souverix.drift.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A hybrid logical clock (HLC) after Kulkarni et al.: timestamps that stay close to physical time,
 * are strictly monotone per clock even when the physical clock stalls or steps back, and respect
 * causality across clocks ({@link #receive} returns a timestamp after the received one).
 *
 * <p>Rules, with {@code pt} the injected clock's millis and {@code (l, c)} the last timestamp:
 *
 * <ul>
 *   <li>local or send event ({@link #now}): {@code l' = max(l, pt)}; {@code c' = c + 1} if {@code
 *       l' = l}, else 0;
 *   <li>receive of {@code (lm, cm)} ({@link #receive}): {@code l' = max(l, lm, pt)}; {@code c'} is
 *       {@code max(c, cm) + 1} if {@code l' = l = lm}, {@code c + 1} if only {@code l' = l}, {@code
 *       cm + 1} if only {@code l' = lm}, else 0.
 * </ul>
 *
 * <p>Bounded drift: a received timestamp whose physical part is more than {@code maxDrift} ahead of
 * {@code pt} is refused ({@link FederationException.Code#CLOCK_AHEAD}) and changes nothing.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class HybridClock {
  private final String origin;
  private final Clock clock;
  private final Duration maxDrift;
  private long l;
  private int c;

  private HybridClock(String origin, Clock clock, Duration maxDrift) {
    this.origin = origin;
    this.clock = clock;
    this.maxDrift = maxDrift;
  }

  /**
   * Creates a clock that has issued nothing yet.
   *
   * @param origin this clock's id, the tie-break of its timestamps (a region or node id); not empty
   * @param clock the physical clock; not null
   * @param maxDrift how far ahead of the physical clock a received timestamp may be; not negative
   * @return the clock
   * @throws IllegalArgumentException if {@code origin} is empty or {@code maxDrift} negative
   * @since 0.1
   */
  public static HybridClock create(String origin, Clock clock, Duration maxDrift) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(maxDrift, "maxDrift");
    if (origin.isEmpty() || maxDrift.isNegative()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "hybrid clock; expected an origin and maxDrift >= 0, but got '%s' and %s",
              origin,
              maxDrift));
    }
    return new HybridClock(origin, clock, maxDrift);
  }

  /**
   * Returns this clock's id.
   *
   * @return the origin of its timestamps
   * @since 0.1
   */
  public String origin() {
    return origin;
  }

  /**
   * Returns the physical clock this clock reads.
   *
   * @return the injected clock
   * @since 0.1
   */
  public Clock physicalClock() {
    return clock;
  }

  /**
   * Issues a timestamp for a local or send event.
   *
   * @return a timestamp after every one this clock issued before
   * @throws ArithmeticException if the logical counter overflows (2^31 events without the physical
   *     clock advancing)
   * @since 0.1
   */
  public synchronized HybridTimestamp now() {
    long pt = physical();
    if (pt > l) {
      l = pt;
      c = 0;
    } else {
      c = Math.incrementExact(c);
    }
    return new HybridTimestamp(l, c, origin);
  }

  /**
   * Checks a remote timestamp against the drift bound without changing the clock.
   *
   * @param remote the received timestamp; not null
   * @throws FederationException with {@code CLOCK_AHEAD} if its physical part is more than the
   *     allowed drift ahead of the physical clock
   * @since 0.1
   */
  public void check(HybridTimestamp remote) throws FederationException {
    Objects.requireNonNull(remote, "remote");
    long pt = physical();
    if (remote.physicalMillis() - pt > maxDrift.toMillis()) {
      throw new FederationException(
          FederationException.Code.CLOCK_AHEAD,
          String.format(
              Locale.ROOT,
              "remote clock of %s; expected at most %s ahead of %s, but got %s (%s ahead)",
              remote.origin(),
              maxDrift,
              Instant.ofEpochMilli(pt),
              Instant.ofEpochMilli(remote.physicalMillis()),
              Duration.ofMillis(remote.physicalMillis() - pt)));
    }
  }

  /**
   * Merges a received timestamp into this clock and issues the receive event's timestamp.
   *
   * @param remote the received timestamp; not null
   * @return a timestamp after {@code remote} and after every one this clock issued before
   * @throws FederationException with {@code CLOCK_AHEAD} if {@code remote} is too far ahead (the
   *     clock is unchanged)
   * @throws ArithmeticException if the logical counter overflows
   * @since 0.1
   */
  public synchronized HybridTimestamp receive(HybridTimestamp remote) throws FederationException {
    check(remote);
    long pt = physical();
    long lm = remote.physicalMillis();
    long next = Math.max(Math.max(l, lm), pt);
    int nc;
    if (next == l && next == lm) {
      nc = Math.incrementExact(Math.max(c, remote.logical()));
    } else if (next == l) {
      nc = Math.incrementExact(c);
    } else if (next == lm) {
      nc = Math.incrementExact(remote.logical());
    } else {
      nc = 0;
    }
    l = next;
    c = nc;
    return new HybridTimestamp(l, c, origin);
  }

  /**
   * Returns the last timestamp issued, without issuing one.
   *
   * @return the last timestamp, or {@code (0, 0, origin)} before the first
   * @since 0.1
   */
  public synchronized HybridTimestamp current() {
    return new HybridTimestamp(l, c, origin);
  }

  private long physical() {
    return Math.max(0, clock.millis());
  }
}
