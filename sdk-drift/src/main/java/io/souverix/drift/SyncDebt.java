package io.souverix.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a disconnected node owes on its return: how long it was away, what it missed, and when it
 * will have caught up. This is the design's {@code SyncDebt} document ({@link #toJson()}).
 *
 * @param node the node id
 * @param lastSync when the node last synchronised
 * @param currentTime the time the debt is measured at; not before {@code lastSync}
 * @param backlog what the node has not yet applied
 * @param estimate the estimated time to work off the backlog, per class
 * @param confidence how far the estimate rests on measurement rather than assumption
 * @since 0.1
 */
public record SyncDebt(
    String node,
    Instant lastSync,
    Instant currentTime,
    Backlog backlog,
    ReplayEstimate estimate,
    Confidence confidence) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code currentTime} is before {@code lastSync}
   */
  public SyncDebt {
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(lastSync, "lastSync");
    Objects.requireNonNull(currentTime, "currentTime");
    Objects.requireNonNull(backlog, "backlog");
    Objects.requireNonNull(estimate, "estimate");
    if (currentTime.isBefore(lastSync)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "current_time; expected at or after last_sync %s, but got %s",
              lastSync,
              currentTime));
    }
  }

  /**
   * Computes a node's sync debt.
   *
   * @param node the node id; not null
   * @param lastSync when the node last synchronised; not null
   * @param currentTime now; not before {@code lastSync}
   * @param backlog what the node has not yet applied; not null
   * @param costs the replay rate and apply costs; not null
   * @return the debt
   * @throws IllegalArgumentException if {@code currentTime} is before {@code lastSync}
   * @throws ArithmeticException if the estimate overflows or the message rate is 0 while messages
   *     are waiting
   * @since 0.1
   */
  public static SyncDebt compute(
      String node, Instant lastSync, Instant currentTime, Backlog backlog, ReplayCosts costs) {
    Objects.requireNonNull(costs, "costs");
    ReplayEstimate estimate = costs.estimate(backlog);
    return new SyncDebt(
        node, lastSync, currentTime, backlog, estimate, Confidence.of(estimate, costs));
  }

  /**
   * Returns how long the node has been out of sync.
   *
   * @return {@code currentTime - lastSync}, at least 0
   * @since 0.1
   */
  public Duration debt() {
    return Duration.between(lastSync, currentTime);
  }

  /**
   * Returns the debt in hours, the document's {@code debt_hours}.
   *
   * @return {@code debt()} in hours, fractional
   * @since 0.1
   */
  public double debtHours() {
    Duration d = debt();
    return d.getSeconds() / 3600.0 + d.getNano() / 3.6e12;
  }

  /**
   * Returns the estimated time to work off the backlog, the document's {@code estimated_duration}.
   *
   * @return the sum of the estimate's classes; zero for an empty backlog
   * @since 0.1
   */
  public Duration estimatedDuration() {
    return estimate.total();
  }

  /**
   * Returns when the node is expected to have caught up, the document's {@code replay_eta}.
   *
   * @return {@code currentTime + estimatedDuration()}
   * @throws java.time.DateTimeException if the result is beyond {@link Instant#MAX}
   * @since 0.1
   */
  public Instant replayEta() {
    return currentTime.plus(estimatedDuration());
  }

  /**
   * Returns the {@code SyncDebt} JSON document, one line, members in a fixed order.
   *
   * @return the JSON text
   * @since 0.1
   */
  public String toJson() {
    return DriftJson.syncDebt(this);
  }
}
