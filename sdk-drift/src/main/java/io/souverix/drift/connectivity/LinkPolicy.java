package io.souverix.drift.connectivity;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The thresholds of a {@link LinkMonitor}. Worse states are entered quickly, better ones only after
 * the link has proven itself: that asymmetry is the hysteresis that keeps a flapping link from
 * flapping the state.
 *
 * @param offlineAfter silence after which a connected, degraded or returning node is offline
 * @param degradedLatency a heartbeat slower than this is a degraded sample
 * @param degradedLoss a heartbeat reporting a higher loss fraction than this is a degraded sample
 * @param degradeAfter consecutive degraded samples needed to enter {@link LinkState#DEGRADED}
 * @param recoverAfter consecutive good samples needed to move to a better state
 * @param flapWindow how far back outages are counted
 * @param flapThreshold outages within {@code flapWindow} that make the link {@link
 *     LinkState#INTERMITTENT} until a whole window passes without an outage; while flapping, only a
 *     silence longer than {@code flapWindow} makes it offline
 * @since 0.1
 */
public record LinkPolicy(
    Duration offlineAfter,
    Duration degradedLatency,
    double degradedLoss,
    int degradeAfter,
    int recoverAfter,
    Duration flapWindow,
    int flapThreshold) {
  /**
   * Checks the thresholds.
   *
   * @throws IllegalArgumentException if a duration or count is not positive, {@code degradedLoss}
   *     is outside {@code [0, 1]}, or {@code flapWindow} is shorter than {@code offlineAfter}
   */
  public LinkPolicy {
    positive("offlineAfter", offlineAfter);
    positive("degradedLatency", degradedLatency);
    positive("flapWindow", flapWindow);
    if (!(degradedLoss >= 0 && degradedLoss <= 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "degradedLoss; expected 0..1, but got %s", degradedLoss));
    }
    if (degradeAfter < 1 || recoverAfter < 1 || flapThreshold < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "degradeAfter, recoverAfter, flapThreshold; expected >= 1, but got %d, %d, %d",
              degradeAfter,
              recoverAfter,
              flapThreshold));
    }
    if (flapWindow.compareTo(offlineAfter) < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "flapWindow; expected at least offlineAfter %s, but got %s",
              offlineAfter,
              flapWindow));
    }
  }

  /**
   * Returns the defaults for a 30-second heartbeat: offline after 90 s of silence, degraded above
   * 500 ms or 5 % loss for 2 samples, recovery after 3 good samples, intermittent at 3 outages in
   * 30 minutes.
   *
   * @return the default policy
   */
  public static LinkPolicy defaults() {
    return new LinkPolicy(
        Duration.ofSeconds(90), Duration.ofMillis(500), 0.05, 2, 3, Duration.ofMinutes(30), 3);
  }

  private static void positive(String name, Duration d) {
    if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected a positive duration, but got %s", name, d));
    }
  }
}
