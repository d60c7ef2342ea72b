package io.souverix.drift.rollout;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The failure-rate policy shared by every wave after the canary: when more than {@code
 * maxFailureRate} of the node outcomes in the last {@code window} failed, and there are at least
 * {@code minSample} of them, the rollout pauses or aborts.
 *
 * <p>Outcomes before the rollout's latest resume do not count, so a resumed rollout is judged
 * afresh.
 *
 * @param maxFailureRate the highest tolerated share of failures, from 0 to 1
 * @param window the sliding time window of outcomes; positive
 * @param minSample the fewest outcomes in the window before the rate is judged; at least 1
 * @param onBreach what a breach does
 * @param rollbackOnAbort whether an abort also rolls back every node already updated (failed nodes
 *     are always rolled back)
 * @param healthTimeout how long an updated node has to pass its gate before it counts as failed;
 *     positive
 * @since 0.1
 */
public record FailurePolicy(
    double maxFailureRate,
    Duration window,
    int minSample,
    BreachAction onBreach,
    boolean rollbackOnAbort,
    Duration healthTimeout) {

  /** What a breach of the failure rate does to the rollout. */
  public enum BreachAction {
    /** Pause: nothing more is updated until an operator resumes. */
    PAUSE,
    /** Abort: nothing more is updated, ever. */
    ABORT
  }

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public FailurePolicy {
    if (!(maxFailureRate >= 0 && maxFailureRate <= 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "max_failure_rate; expected 0 to 1, but got %s", maxFailureRate));
    }
    positive(window, "window");
    if (minSample < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "min_sample; expected at least 1, but got %d", minSample));
    }
    Objects.requireNonNull(onBreach, "onBreach");
    positive(healthTimeout, "health_timeout");
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected a positive duration, but got %s", what, d));
    }
  }

  /**
   * Returns the defaults: pause above 20% failures among at least 5 outcomes in one hour, no
   * rollback of healthy nodes on abort, 15 minutes to pass the health gate.
   *
   * @return the default policy
   */
  public static FailurePolicy defaults() {
    return new FailurePolicy(
        0.2, Duration.ofHours(1), 5, BreachAction.PAUSE, false, Duration.ofMinutes(15));
  }

  /** Whether {@code failed} failures among {@code outcomes} breach the policy. */
  boolean breached(int failed, int outcomes) {
    return outcomes >= minSample && failed > maxFailureRate * outcomes;
  }
}
