package io.souverix.supplychain.firmware;

import java.util.Objects;

/**
 * An explicit approval to install firmware with a lower security version, recorded with who and why
 * in a {@code supplychain.firmware_rollback_approved} event.
 *
 * @param approvedBy who approved it, 1 to 200 characters
 * @param reason why, 1 to 2000 characters
 * @since 0.1
 */
public record RollbackOverride(String approvedBy, String reason) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a field is blank or too long
   */
  public RollbackOverride {
    Objects.requireNonNull(approvedBy, "approvedBy");
    Objects.requireNonNull(reason, "reason");
    if (approvedBy.isBlank() || approvedBy.length() > 200) {
      throw new IllegalArgumentException("approvedBy; expected 1 to 200 characters");
    }
    if (reason.isBlank() || reason.length() > 2000) {
      throw new IllegalArgumentException("reason; expected 1 to 2000 characters");
    }
  }
}
