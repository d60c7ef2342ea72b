package io.souverix.drift.rollout;

/**
 * Where a target node stands in a rollout.
 *
 * @since 0.1
 */
public enum NodePhase {
  /** Not updated yet: its wave has not started, it waits for its window, or it just returned. */
  PENDING,
  /** Unreachable when its turn came; updated after it returns. */
  DEFERRED,
  /** Its desired state was changed; its health gate is awaited. */
  UPDATING,
  /** It passed its health gate. */
  SUCCEEDED,
  /** It failed its health gate and has no last good version to restore. */
  FAILED,
  /** Its last good version was restored (after a failure, or on an abort with rollback). */
  ROLLED_BACK
}
