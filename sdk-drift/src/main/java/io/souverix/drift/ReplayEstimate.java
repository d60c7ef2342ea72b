package io.souverix.drift;

import java.time.Duration;
import java.util.Objects;

/**
 * The estimated time to work off a backlog, per class; the classes are applied one after the other,
 * so the total is their sum.
 *
 * @param messages time to replay the messages (rounded up to the millisecond)
 * @param configUpdates time to apply the configuration updates
 * @param policyUpdates time to apply the policy updates
 * @param versionUpdates time to apply the version updates
 * @since 0.1
 */
public record ReplayEstimate(
    Duration messages, Duration configUpdates, Duration policyUpdates, Duration versionUpdates) {
  /** Checks the fields. */
  public ReplayEstimate {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(configUpdates, "configUpdates");
    Objects.requireNonNull(policyUpdates, "policyUpdates");
    Objects.requireNonNull(versionUpdates, "versionUpdates");
  }

  /**
   * Returns the total estimated duration.
   *
   * @return the sum of the four classes
   * @throws ArithmeticException if the sum overflows
   * @since 0.1
   */
  public Duration total() {
    return messages.plus(configUpdates).plus(policyUpdates).plus(versionUpdates);
  }
}
