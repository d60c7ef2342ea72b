package io.souverix.drift.federation;

import java.util.Comparator;
import java.util.Objects;

/**
 * One write of a desired-state field: what, the new value, who wrote it, and when (a hybrid
 * timestamp from the writer's {@link HybridClock}). Updates are the unit of federation: replicas
 * that hold the same set of updates hold the same state.
 *
 * @param field the field; not null
 * @param value the new value (a version, a policy version, or a config object's canonical JSON);
 *     not null
 * @param authority who wrote it; not null
 * @param stamp when, by the writer's hybrid clock; not null
 * @since 0.1
 */
public record FieldUpdate(
    FieldKey field, String value, Authority authority, HybridTimestamp stamp) {
  /**
   * The order of causal replay: by timestamp, then (for the impossible case of one clock issuing a
   * timestamp twice) by authority and value, so that every replica orders the same way.
   */
  static final Comparator<FieldUpdate> CAUSAL =
      Comparator.comparing(FieldUpdate::stamp)
          .thenComparing(FieldUpdate::authority)
          .thenComparing(FieldUpdate::value)
          .thenComparing(FieldUpdate::field);

  /** Checks the fields. */
  public FieldUpdate {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(stamp, "stamp");
  }

  /**
   * Returns the causal replay order: by hybrid timestamp, ties (never produced by a correct clock)
   * broken by authority, value and field so that every replica agrees.
   *
   * @return the comparator
   * @since 0.1
   */
  public static Comparator<FieldUpdate> causalOrder() {
    return CAUSAL;
  }
}
