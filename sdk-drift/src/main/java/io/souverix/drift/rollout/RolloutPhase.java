package io.souverix.drift.rollout;

/**
 * Where a rollout stands.
 *
 * @since 0.1
 */
public enum RolloutPhase {
  /** Waves advance at each step. */
  RUNNING,
  /** Nothing new is updated until it is resumed. */
  PAUSED,
  /** Final: nothing more is updated. */
  ABORTED,
  /** Final: every wave finished and no node is pending, updating or deferred. */
  COMPLETED
}
