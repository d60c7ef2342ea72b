package io.souverix.drift.federation;

/**
 * How a field's value is chosen when global control and the region both wrote it.
 *
 * @since 0.1
 */
public enum AuthorityRule {
  /** Global control's write wins whatever its timestamp; the region's applies only alone. */
  GLOBAL_WINS,
  /** The region's write wins whatever its timestamp; global control's applies only alone. */
  REGION_WINS,
  /** The write with the greater hybrid timestamp wins. */
  LATEST_WINS,
  /**
   * Differing writes by both sides are a pending conflict for a person to decide; until then the
   * earlier write (by hybrid timestamp) stays in force.
   */
  HUMAN_DECISION
}
