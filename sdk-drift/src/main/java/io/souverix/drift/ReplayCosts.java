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
 * @since 0.1
 */
public record ReplayCosts(
    ReplayRate messages,
    Duration perConfigUpdate,
    Duration perPolicyUpdate,
    Duration perVersionUpdate) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a cost is negative
   */
  public ReplayCosts {
    Objects.requireNonNull(messages, "messages");
    for (Duration d : new Duration[] {perConfigUpdate, perPolicyUpdate, perVersionUpdate}) {
      if (Objects.requireNonNull(d, "cost").isNegative()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "update cost; expected >= 0, but got %s", d));
      }
    }
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
