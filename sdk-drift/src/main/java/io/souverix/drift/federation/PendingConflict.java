package io.souverix.drift.federation;

import java.util.Objects;

/**
 * A field marked {@link AuthorityRule#HUMAN_DECISION} that global control and the region both
 * changed to different values since the last decision: it waits for a person ({@code decide}).
 *
 * @param field the field
 * @param global global control's write
 * @param regional the region's write
 * @param inForce the value in force until decided: the earlier of the two writes, or the last
 *     decision
 * @since 0.1
 */
public record PendingConflict(
    FieldKey field, FieldUpdate global, FieldUpdate regional, String inForce) {
  /** Checks the fields. */
  public PendingConflict {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(regional, "regional");
    Objects.requireNonNull(inForce, "inForce");
  }
}
