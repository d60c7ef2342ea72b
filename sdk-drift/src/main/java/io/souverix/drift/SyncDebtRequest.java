package io.souverix.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The inputs of a sync-debt computation: the {@code DEBT.json} document of the {@code sync-debt}
 * CLI.
 *
 * @param node the node id
 * @param lastSync when the node last synchronised
 * @param currentTime now; not before {@code lastSync}
 * @param backlog what the node has not yet applied
 * @param costs the replay rate and apply costs
 * @since 0.1
 */
public record SyncDebtRequest(
    String node, Instant lastSync, Instant currentTime, Backlog backlog, ReplayCosts costs) {
  /**
   * The half-life given to a message rate read from a document: it only matters once the rate is
   * updated by observations.
   */
  public static final Duration RATE_HALF_LIFE = Duration.ofMinutes(5);

  /** Checks the fields. */
  public SyncDebtRequest {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(lastSync, "lastSync");
    Objects.requireNonNull(currentTime, "currentTime");
    Objects.requireNonNull(backlog, "backlog");
    Objects.requireNonNull(costs, "costs");
  }

  /**
   * Parses a sync-debt document (the shape is in docs/drift.md).
   *
   * @param json the document text; not null
   * @return the request
   * @throws DriftException with {@code MALFORMED_JSON} if the text is not one JSON object, or
   *     {@code INVALID_INPUT} if a member is missing, mistyped or out of range, or {@code
   *     current_time} is before {@code last_sync}
   * @since 0.1
   */
  public static SyncDebtRequest parse(String json) throws DriftException {
    Objects.requireNonNull(json, "json");
    return DriftJson.syncDebtRequest(json);
  }

  /**
   * Computes the debt.
   *
   * @return the debt
   * @throws IllegalArgumentException if {@code currentTime} is before {@code lastSync}
   * @throws ArithmeticException if the estimate overflows
   * @since 0.1
   */
  public SyncDebt compute() {
    return SyncDebt.compute(node, lastSync, currentTime, backlog, costs);
  }
}
