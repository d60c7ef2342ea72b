package io.souverix.attestation.x509;

/**
 * Why a trust chain was rejected. The set is closed and the names are stable: callers may store and
 * compare them.
 *
 * @since 0.1
 */
public enum ReasonCode {
  /** A certificate on the path expired before the validation time. */
  EXPIRED,
  /** A certificate on the path is not valid yet at the validation time. */
  NOT_YET_VALID,
  /** No path from the leaf to a trust anchor could be built. */
  NO_PATH,
  /** A signature on the path does not verify with its issuer's key. */
  SIGNATURE_INVALID,
  /** A name on the path violates a name constraint, or a constraint is malformed. */
  NAME_CONSTRAINT_VIOLATION,
  /** The leaf (or a CA above it) does not allow a required extended key usage. */
  EKU_MISMATCH,
  /** The leaf lacks a required key usage, or key usage contradicts basic constraints. */
  KEY_USAGE_MISMATCH,
  /** The leaf's subjectAltName does not match the expected host name or IP address. */
  HOSTNAME_MISMATCH,
  /** The leaf's subjectAltName does not hold an expected e-mail address. */
  EMAIL_MISMATCH,
  /** An issuer is not a CA (basicConstraints missing, not critical, or cA false). */
  BASIC_CONSTRAINTS,
  /** A pathLenConstraint or the configured maximum depth is exceeded. */
  PATH_LENGTH_EXCEEDED,
  /** A certificate carries a critical extension this validator does not process. */
  UNKNOWN_CRITICAL_EXTENSION,
  /** A signature algorithm or public key is outside the allowed set (weak or unsupported). */
  WEAK_ALGORITHM,
  /** A certificate on the path is revoked by a supplied CRL, delta CRL or OCSP response. */
  REVOKED,
  /**
   * Revocation checking ran under {@link RevocationPolicy.Mode#HARD_FAIL} but no usable CRL or OCSP
   * response gives the status of a certificate it covers.
   */
  REVOCATION_UNKNOWN,
  /** A certificate breaks the RFC 5280 profile (serial, AKI/SKI, criticality, names, version). */
  MALFORMED_CERTIFICATE,
  /** A certificate or one of its extensions cannot be parsed. */
  PARSE_ERROR,
  /** Path building or name-constraint checking exceeded its work budget (denial of service). */
  RESOURCE_LIMIT,
  /**
   * Certificate policy processing (RFC 5280 6.1) failed: an explicit policy is required but no
   * acceptable policy is valid for the path, or a policy extension is malformed.
   */
  POLICY_VIOLATION,
  /** A device certificate is not bound to the expected device serial number. */
  SERIAL_MISMATCH,
  /** The device claims a factory that is not registered, or its certificate is from another one. */
  UNTRUSTED_FACTORY
}
