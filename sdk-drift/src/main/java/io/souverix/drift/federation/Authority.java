package io.souverix.drift.federation;

/**
 * Who wrote a desired-state update.
 *
 * @since 0.1
 */
public enum Authority {
  /** Global control. */
  GLOBAL,
  /** The region's master of record. */
  REGION,
  /** A person resolving a conflict; supersedes every write its timestamp has seen. */
  HUMAN
}
