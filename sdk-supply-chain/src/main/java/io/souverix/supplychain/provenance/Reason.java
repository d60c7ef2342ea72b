package io.souverix.supplychain.provenance;

import java.util.Locale;

/**
 * Why a bundle was accepted or rejected: a closed set with stable {@link #code() codes}, printed by
 * {@code souverix provenance verify-bundle} as {@code reason}.
 *
 * @since 0.1
 */
public enum Reason {
  /** Every check passed. */
  OK,
  /** The signature (message signature or DSSE envelope) does not verify. */
  SIGNATURE_INVALID,
  /** The artifact's digest differs from the one signed (message digest or in-toto subject). */
  ARTIFACT_MISMATCH,
  /** The signing certificate does not chain to a certificate authority of the trusted root. */
  CERTIFICATE_UNTRUSTED,
  /** The certificate's SAN or OIDC issuer differs from the identity policy. */
  IDENTITY_MISMATCH,
  /** The transparency-log entry's proof, checkpoint or signed entry timestamp does not verify. */
  TLOG_INVALID,
  /** The transparency-log entry records different content than the bundle carries. */
  TLOG_MISMATCH,
  /** An RFC 3161 timestamp does not verify against a timestamp authority of the trusted root. */
  TIMESTAMP_INVALID,
  /** The log's integrated time or a timestamp lies in the future of the verifier's clock. */
  TIME_IN_FUTURE,
  /**
   * The signing time lies outside the validity of a key or CA used, or that validity is unknown.
   */
  OUTSIDE_KEY_VALIDITY,
  /** The in-toto statement breaks the SLSA policy (predicate type, builder or source). */
  POLICY_VIOLATION,
  /** The bundle uses a feature this verifier does not support in the mode asked for. */
  UNSUPPORTED;

  /**
   * Returns the stable code: the lower-case, hyphenated name ({@code ok}, {@code tlog-invalid}).
   *
   * @return the code
   * @since 0.1
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
