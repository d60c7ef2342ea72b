package io.souverix.drift;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Measured replay rates per backlog class and per region: moving averages ({@link ReplayRate}) of
 * how fast returning nodes worked off each class, from which {@link #costs(String)} builds the
 * {@link ReplayCosts} of a sync-debt estimate.
 *
 * <p>A region's rate for a class is used once that region has been observed for the class; before,
 * the fleet-wide rate (every region's observations together); before any observation, the prior
 * given at creation. Thread-safe.
 *
 * @since 0.1
 */
public final class ReplayRates {
  /** The classes of a {@link Backlog}. */
  public enum UpdateClass {
    /** Messages (events) replayed. */
    MESSAGES,
    /** Configuration updates applied. */
    CONFIG,
    /** Policy set updates applied. */
    POLICY,
    /** Component version updates applied. */
    VERSION
  }

  private final Duration halfLife;
  private final Map<UpdateClass, Double> priors;
  private final Map<UpdateClass, ReplayRate> fleet = new EnumMap<>(UpdateClass.class);
  private final Map<String, Map<UpdateClass, ReplayRate>> regions = new HashMap<>();

  private ReplayRates(Duration halfLife, Map<UpdateClass, Double> priors) {
    this.halfLife = halfLife;
    this.priors = priors;
  }

  /**
   * Creates the rates with a prior per class, in items per second.
   *
   * @param messagesPerSecond prior message replay rate; positive
   * @param configPerSecond prior configuration updates per second; positive
   * @param policyPerSecond prior policy updates per second; positive
   * @param versionPerSecond prior version updates per second; positive
   * @param halfLife how fast old observations fade; positive
   * @return the rates
   * @throws IllegalArgumentException if a prior or the half-life is not positive
   */
  public static ReplayRates withPriors(
      double messagesPerSecond,
      double configPerSecond,
      double policyPerSecond,
      double versionPerSecond,
      Duration halfLife) {
    Map<UpdateClass, Double> priors = new EnumMap<>(UpdateClass.class);
    priors.put(UpdateClass.MESSAGES, messagesPerSecond);
    priors.put(UpdateClass.CONFIG, configPerSecond);
    priors.put(UpdateClass.POLICY, policyPerSecond);
    priors.put(UpdateClass.VERSION, versionPerSecond);
    priors.forEach((c, p) -> ReplayRate.withPrior(p, halfLife)); // validates
    return new ReplayRates(halfLife, priors);
  }

  /**
   * Records that a node of a region applied {@code items} of a class in {@code elapsed}.
   *
   * @param region the region; not null
   * @param updateClass the class; not null
   * @param items items applied, at least 0
   * @param elapsed time taken, positive
   * @throws IllegalArgumentException if {@code items} is negative or {@code elapsed} not positive
   */
  public synchronized void observe(
      String region, UpdateClass updateClass, long items, Duration elapsed) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(updateClass, "updateClass");
    Map<UpdateClass, ReplayRate> r =
        regions.computeIfAbsent(region, k -> new EnumMap<>(UpdateClass.class));
    r.put(updateClass, rate(r, updateClass).observe(items, elapsed));
    fleet.put(updateClass, rate(fleet, updateClass).observe(items, elapsed));
  }

  /**
   * Returns the rate a region's estimate uses for a class: the region's own once observed, else the
   * fleet's, else the prior.
   *
   * @param region the region; not null
   * @param updateClass the class; not null
   * @return the rate
   */
  public synchronized ReplayRate rate(String region, UpdateClass updateClass) {
    Map<UpdateClass, ReplayRate> r = regions.get(Objects.requireNonNull(region, "region"));
    if (r != null && r.containsKey(updateClass)) {
      return r.get(updateClass);
    }
    return rate(fleet, updateClass);
  }

  private ReplayRate rate(Map<UpdateClass, ReplayRate> m, UpdateClass c) {
    ReplayRate r = m.get(c);
    return r != null ? r : ReplayRate.withPrior(priors.get(c), halfLife);
  }

  /**
   * Returns the replay costs for a node of a region: the message rate, and one update's apply time
   * per class as the inverse of its rate (rounded up to the nanosecond). The cost confidence is the
   * least confidence of the three update classes.
   *
   * @param region the region; not null
   * @return the costs
   */
  public synchronized ReplayCosts costs(String region) {
    ReplayRate config = rate(region, UpdateClass.CONFIG);
    ReplayRate policy = rate(region, UpdateClass.POLICY);
    ReplayRate version = rate(region, UpdateClass.VERSION);
    double confidence =
        Math.min(config.confidence(), Math.min(policy.confidence(), version.confidence()));
    return new ReplayCosts(
        rate(region, UpdateClass.MESSAGES),
        perItem(config),
        perItem(policy),
        perItem(version),
        confidence);
  }

  private static Duration perItem(ReplayRate rate) {
    if (rate.perSecond() <= 0) {
      throw new ArithmeticException(
          String.format(
              Locale.ROOT, "replay rate; expected progress, but got %s items/s", rate.perSecond()));
    }
    return Duration.ofNanos((long) Math.ceil(1e9 / rate.perSecond()));
  }
}
