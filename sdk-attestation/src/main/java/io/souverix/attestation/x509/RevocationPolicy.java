package io.souverix.attestation.x509;

import java.util.Objects;

/**
 * How {@link TrustChainValidator} treats revocation: what happens when no usable CRL or OCSP
 * response gives a certificate's status ({@link Mode}), and which certificates are checked ({@link
 * Scope}). A revoked certificate always makes the chain invalid ({@link ReasonCode#REVOKED}).
 *
 * <p>Default (when {@link TrustChainValidator.Builder#revocationPolicy} is not called): revocation
 * is checked only when the caller supplies CRLs or OCSP responses, and then as {@link
 * #HARD_FAIL_WHOLE_CHAIN}. Setting a policy explicitly turns checking on even without any source,
 * so that under {@link Mode#HARD_FAIL} a missing source is a failure rather than silently skipped.
 *
 * @param mode hard or soft fail
 * @param scope the leaf only or every certificate below the trust anchor
 * @since 0.1
 */
public record RevocationPolicy(Mode mode, Scope scope) {
  /** Hard fail on every certificate below the trust anchor: the default once sources are given. */
  public static final RevocationPolicy HARD_FAIL_WHOLE_CHAIN =
      new RevocationPolicy(Mode.HARD_FAIL, Scope.WHOLE_CHAIN);

  /** What an unknown status means. */
  public enum Mode {
    /** No usable status is a failure: {@link ReasonCode#REVOCATION_UNKNOWN}. */
    HARD_FAIL,
    /**
     * No usable status is a warning in {@link ChainVerification#warnings()}; the chain may pass.
     */
    SOFT_FAIL
  }

  /** Which certificates revocation checking covers. The trust anchor is never checked. */
  public enum Scope {
    /** Only the leaf. */
    LEAF_ONLY,
    /** The leaf and every intermediate below the trust anchor. */
    WHOLE_CHAIN
  }

  /**
   * Validates the components.
   *
   * @param mode the mode
   * @param scope the scope
   */
  public RevocationPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * Returns a policy.
   *
   * @param mode hard or soft fail
   * @param scope the leaf only or the whole chain
   * @return the policy
   */
  public static RevocationPolicy of(Mode mode, Scope scope) {
    return new RevocationPolicy(mode, scope);
  }
}
