package io.souverix.drift.federation;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One sync attempt of a {@link SyncScheduler}.
 *
 * @param at when it was attempted
 * @param trigger why
 * @param sent the region's updates sent (0 if it failed)
 * @param received global control's updates applied (0 if it failed)
 * @param failure why it failed, or null if it succeeded
 * @param message what happened, for a person
 * @since 0.1
 */
public record SyncResult(
    Instant at,
    Trigger trigger,
    int sent,
    int received,
    FederationException.@Nullable Code failure,
    String message) {
  /** Why a sync was attempted. */
  public enum Trigger {
    /** The sync interval elapsed. */
    SCHEDULED,
    /** The link returned or a local write was waiting. */
    OPPORTUNISTIC
  }

  /** Checks the fields. */
  public SyncResult {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns whether the sync succeeded.
   *
   * @return true if {@code failure} is null
   * @since 0.1
   */
  public boolean succeeded() {
    return failure == null;
  }
}
