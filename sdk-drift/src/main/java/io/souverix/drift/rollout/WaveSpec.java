package io.souverix.drift.rollout;

import java.util.Locale;
import java.util.Objects;

/**
 * The size of one wave of a rollout: a canary of a few nodes, a number of nodes, or a percentage of
 * all targets (rounded up). The last spec of a plan repeats until every target has a wave.
 *
 * @param kind how {@code size} is read
 * @param size the number of nodes, or the percentage from 1 to 100
 * @since 0.1
 */
public record WaveSpec(Kind kind, int size) {
  /** How a wave's size is given. */
  public enum Kind {
    /** A first wave of {@code size} nodes; any failure in it aborts the rollout. */
    CANARY,
    /** {@code size} nodes. */
    COUNT,
    /** {@code size} percent of all targets, rounded up. */
    PERCENT
  }

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if the size is below 1, or above 100 for a percentage
   */
  public WaveSpec {
    Objects.requireNonNull(kind, "kind");
    if (size < 1 || (kind == Kind.PERCENT && size > 100)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "wave size; expected %s, but got %d",
              kind == Kind.PERCENT ? "a percentage from 1 to 100" : "at least 1",
              size));
    }
  }

  /**
   * Returns a canary wave.
   *
   * @param nodes how many nodes, at least 1
   * @return the spec
   */
  public static WaveSpec canary(int nodes) {
    return new WaveSpec(Kind.CANARY, nodes);
  }

  /**
   * Returns a wave of a number of nodes.
   *
   * @param nodes how many nodes, at least 1
   * @return the spec
   */
  public static WaveSpec count(int nodes) {
    return new WaveSpec(Kind.COUNT, nodes);
  }

  /**
   * Returns a wave of a percentage of all targets, rounded up.
   *
   * @param percent from 1 to 100
   * @return the spec
   */
  public static WaveSpec percent(int percent) {
    return new WaveSpec(Kind.PERCENT, percent);
  }

  /** The number of nodes this spec asks for out of {@code total} targets (at least 1). */
  int nodesOf(int total) {
    return kind == Kind.PERCENT ? Math.max(1, (int) ((total * (long) size + 99) / 100)) : size;
  }
}
