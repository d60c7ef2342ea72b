package io.souverix.drift;

import java.util.Locale;

/**
 * How serious a drift is, from {@link #NONE} to {@link #CRITICAL}; a closed, ordered set.
 *
 * <p>Each severity has a {@linkplain #level() level} in {@code [0, 1]} that the drift score uses as
 * the size of a version drift: 0, 0.25, 0.5, 0.75 and 1.
 *
 * @since 0.1
 */
public enum Severity {
  /** Desired and actual agree. */
  NONE,
  /** A small difference: a patch or pre-release, or a node score below 25. */
  LOW,
  /** A minor version behind or ahead, or a node score in {@code [25, 50)}. */
  MEDIUM,
  /** A major version, an unknown distance, or a node score in {@code [50, 75)}. */
  HIGH,
  /** Two or more major versions, a component not installed, or a node score of 75 or more. */
  CRITICAL;

  /**
   * Returns the lower-case name used in JSON documents.
   *
   * @return {@code "none"}, {@code "low"}, {@code "medium"}, {@code "high"} or {@code "critical"}
   * @since 0.1
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the size of this severity as a drift amount.
   *
   * @return {@code ordinal / 4}: 0, 0.25, 0.5, 0.75 or 1
   * @since 0.1
   */
  public double level() {
    return ordinal() / 4.0;
  }

  /**
   * Returns the band a node score falls in: 0 is {@link #NONE}, then bands of 25 points.
   *
   * @param score a drift score in {@code [0, 100]}
   * @return the severity of the score
   * @throws IllegalArgumentException if {@code score} is outside {@code [0, 100]} or not a number
   * @since 0.1
   */
  public static Severity ofScore(double score) {
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "score; expected 0..100, but got %s", score));
    }
    if (score == 0) {
      return NONE;
    }
    if (score < 25) {
      return LOW;
    }
    if (score < 50) {
      return MEDIUM;
    }
    return score < 75 ? HIGH : CRITICAL;
  }
}
