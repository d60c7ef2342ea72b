package io.souverix.attestation.result;

import java.util.Locale;
import java.util.Objects;

/**
 * The appraisal of one {@link TrustClaim}: its AR4SI value and why.
 *
 * @param value the AR4SI claim value, -128 to 127; its {@link #tier()} follows from it
 * @param reason why the verifier judged so; may be empty, at most 2000 characters
 * @since 0.1
 */
public record ClaimAppraisal(int value, String reason) {
  /** Longest reason accepted, the limit of a reason in {@code node.attestation_completed}. */
  public static final int MAX_REASON_LENGTH = 2000;

  /**
   * Validates the appraisal.
   *
   * @throws IllegalArgumentException if the value is outside -128 to 127 or the reason too long
   */
  public ClaimAppraisal {
    Tier.ofValue(value);
    Objects.requireNonNull(reason, "reason");
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "claim reason length; expected at most %d characters, but got %d",
              MAX_REASON_LENGTH,
              reason.length()));
    }
  }

  /**
   * Returns an appraisal with the tier's generic value.
   *
   * @param tier the tier
   * @param reason why; may be empty
   * @return the appraisal
   */
  public static ClaimAppraisal of(Tier tier, String reason) {
    return new ClaimAppraisal(Objects.requireNonNull(tier, "tier").value(), reason);
  }

  /**
   * Returns the tier of {@link #value()}.
   *
   * @return the tier
   */
  public Tier tier() {
    return Tier.ofValue(value);
  }
}
