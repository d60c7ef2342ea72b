package io.souverix.drift;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How fast a returning node works off its backlog: a measured {@link ReplayRate} for messages and a
 * fixed apply cost per configuration, policy and version update.
 *
 * @param messages the message replay rate
 * @param perConfigUpdate time to apply one configuration update; at least 0
 * @param perPolicyUpdate time to apply one policy update; at least 0
 * @param perVersionUpdate time to apply one version update; at least 0
 * @param costConfidence how well the three apply costs are measured, in {@code [0, 1]}: 0 when they
 *     are stated or assumed, as {@link ReplayRate#confidence()} when they come from moving averages
 * @since 0.1
 */
public record ReplayCosts(
    ReplayRate messages,
    Duration perConfigUpdate,
    Duration perPolicyUpdate,
    Duration perVersionUpdate,
    double costConfidence) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a cost is negative or the confidence outside [0, 1]
   */
  public ReplayCosts {
    Objects.requireNonNull(messages, "messages");
    if (!(costConfidence >= 0 && costConfidence <= 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "cost confidence; expected 0..1, but got %s", costConfidence));
    }
    for (Duration d : new Duration[] {perConfigUpdate, perPolicyUpdate, perVersionUpdate}) {
      if (Objects.requireNonNull(d, "cost").isNegative()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "update cost; expected >= 0, but got %s", d));
      }
    }
  }

  /**
   * Costs that are stated, not measured ({@code costConfidence} 0).
   *
   * @param messages the message replay rate
   * @param perConfigUpdate time to apply one configuration update; at least 0
   * @param perPolicyUpdate time to apply one policy update; at least 0
   * @param perVersionUpdate time to apply one version update; at least 0
   */
  public ReplayCosts(
      ReplayRate messages,
      Duration perConfigUpdate,
      Duration perPolicyUpdate,
      Duration perVersionUpdate) {
    this(messages, perConfigUpdate, perPolicyUpdate, perVersionUpdate, 0);
  }

  /**
   * Estimates the time to work off a backlog, class by class.
   *
   * @param backlog the backlog; not null
   * @return the estimate; zero for an empty backlog
   * @throws ArithmeticException if the duration overflows, or the message rate is 0 while messages
   *     are waiting
   * @since 0.1
   */
  public ReplayEstimate estimate(Backlog backlog) {
    Objects.requireNonNull(backlog, "backlog");
    return new ReplayEstimate(
        messages.eta(backlog.messages()),
        perConfigUpdate.multipliedBy(backlog.configUpdates()),
        perPolicyUpdate.multipliedBy(backlog.policyUpdates()),
        perVersionUpdate.multipliedBy(backlog.versionUpdates()));
  }
}
