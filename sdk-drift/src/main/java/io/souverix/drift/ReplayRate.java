package io.souverix.drift;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A measured rate of replay (items applied per second) as an exponentially weighted moving average,
 * the basis of a returning node's {@code replay_eta}.
 *
 * <p>Each observation of {@code n} items applied in {@code d} is weighted by how long it took: an
 * observation as long as the half-life counts as much as all history before it. The estimate is
 * therefore independent of how the work was split into observations. Immutable: {@link
 * #observe(long, Duration)} returns a new rate.
 *
 * @since 0.1
 */
public final class ReplayRate {
  private final Duration halfLife;
  private final double perSecond;
  private final boolean measured;
  private final long observedNanos;

  private ReplayRate(Duration halfLife, double perSecond, boolean measured, long observedNanos) {
    this.halfLife = halfLife;
    this.perSecond = perSecond;
    this.measured = measured;
    this.observedNanos = observedNanos;
  }

  /**
   * Starts an unmeasured rate with a prior estimate.
   *
   * @param prior items per second assumed before any observation; positive
   * @param halfLife how fast old observations fade; positive
   * @return the rate
   * @throws IllegalArgumentException if {@code prior} or {@code halfLife} is not positive
   * @since 0.1
   */
  public static ReplayRate withPrior(double prior, Duration halfLife) {
    Objects.requireNonNull(halfLife, "halfLife");
    if (!(prior > 0) || Double.isInfinite(prior)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "prior rate; expected > 0, but got %s", prior));
    }
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be positive; got " + halfLife);
    }
    return new ReplayRate(halfLife, prior, false, 0);
  }

  /**
   * Returns a rate measured elsewhere: {@code perSecond} was observed over {@code observed}.
   *
   * @param perSecond the measured items per second; positive
   * @param observed how long the measurement covered; positive
   * @param halfLife how fast old observations fade; positive
   * @return the rate, {@linkplain #measured() measured}
   * @throws IllegalArgumentException if an argument is not positive
   * @since 0.1
   */
  public static ReplayRate measured(double perSecond, Duration observed, Duration halfLife) {
    ReplayRate prior = withPrior(perSecond, halfLife);
    Objects.requireNonNull(observed, "observed");
    if (observed.isNegative() || observed.isZero()) {
      throw new IllegalArgumentException("observed must be positive; got " + observed);
    }
    return new ReplayRate(halfLife, perSecond, true, observed.toNanos());
  }

  /**
   * Returns the rate after observing {@code items} applied in {@code elapsed}.
   *
   * @param items items applied, at least 0
   * @param elapsed time taken, positive
   * @return the updated rate
   * @throws IllegalArgumentException if {@code items} is negative or {@code elapsed} not positive
   * @since 0.1
   */
  public ReplayRate observe(long items, Duration elapsed) {
    Objects.requireNonNull(elapsed, "elapsed");
    if (items < 0 || elapsed.isNegative() || elapsed.isZero()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "observation; expected items >= 0 and elapsed > 0, but got %d in %s",
              items,
              elapsed));
    }
    double seconds = elapsed.toNanos() / 1e9;
    double observed = items / seconds;
    // Weight of the new observation: 1 - 2^(-elapsed/halfLife).
    double alpha = 1 - Math.pow(2, -seconds / (halfLife.toNanos() / 1e9));
    double next = measured ? perSecond + alpha * (observed - perSecond) : observed;
    long total;
    try {
      total = Math.addExact(observedNanos, elapsed.toNanos());
    } catch (ArithmeticException e) {
      total = Long.MAX_VALUE; // about 292 years of observation: saturate
    }
    return new ReplayRate(halfLife, next, true, total);
  }

  /**
   * Returns the estimated rate.
   *
   * @return items per second, at least 0
   */
  public double perSecond() {
    return perSecond;
  }

  /**
   * Returns whether the estimate rests on at least one observation rather than the prior.
   *
   * @return true once observed
   */
  public boolean measured() {
    return measured;
  }

  /**
   * Returns the total time the observations covered.
   *
   * @return the sum of the observed durations; zero for a prior
   * @since 0.1
   */
  public Duration observed() {
    return Duration.ofNanos(observedNanos);
  }

  /**
   * Returns how much the estimate rests on observation rather than on the prior: {@code 1 -
   * 2^(-observed / halfLife)}, the weight all observations together carry in the moving average.
   *
   * @return 0 for a prior, 0.5 after one half-life of observation, approaching 1
   * @since 0.1
   */
  public double confidence() {
    return 1 - Math.pow(2, -(observedNanos / 1e9) / (halfLife.toNanos() / 1e9));
  }

  /**
   * Returns the estimated time to apply {@code backlog} items.
   *
   * @param backlog items waiting, at least 0
   * @return the estimate, rounded up to the millisecond; {@link Duration#ZERO} for an empty backlog
   * @throws IllegalArgumentException if {@code backlog} is negative
   * @throws ArithmeticException if the rate is 0 and the backlog is not
   * @since 0.1
   */
  public Duration eta(long backlog) {
    if (backlog < 0) {
      throw new IllegalArgumentException("backlog must be >= 0; got " + backlog);
    }
    if (backlog == 0) {
      return Duration.ZERO;
    }
    if (perSecond <= 0) {
      throw new ArithmeticException("no replay progress observed; the ETA is unbounded");
    }
    return Duration.ofMillis((long) Math.ceil(backlog * 1000.0 / perSecond));
  }
}
