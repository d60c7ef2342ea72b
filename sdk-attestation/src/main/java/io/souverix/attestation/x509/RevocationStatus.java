package io.souverix.attestation.x509;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The revocation status of one certificate on a validated path, as established from the CRLs and
 * OCSP responses the caller supplied. Part of {@link ChainVerification#revocation()}.
 *
 * @param subject the certificate's subject DN (RFC 2253)
 * @param serialNumber the certificate's serial number
 * @param state good, revoked or unknown
 * @param source where the status came from; null when it is unknown for want of any usable source
 * @param reason the revocation reason (RFC 5280 CRLReason name such as {@code keyCompromise}), or
 *     null when not revoked or no reason was given
 * @param revocationTime when the certificate was revoked, or null when not revoked
 * @param detail a human-readable explanation (which CRL or response, or why none was usable)
 * @since 0.1
 */
public record RevocationStatus(
    String subject,
    BigInteger serialNumber,
    State state,
    @Nullable Source source,
    @Nullable String reason,
    @Nullable Instant revocationTime,
    String detail) {

  /** A certificate's revocation state. */
  public enum State {
    /** A usable source says the certificate is not revoked at the validation time. */
    GOOD,
    /** A usable source says the certificate is revoked (on hold included). */
    REVOKED,
    /** No usable source gives a status (or an OCSP responder answered "unknown"). */
    UNKNOWN
  }

  /** Where a status came from. */
  public enum Source {
    /** A complete CRL. */
    CRL,
    /** A delta CRL applied on top of its base CRL. */
    DELTA_CRL,
    /** An OCSP response (RFC 6960). */
    OCSP
  }

  /**
   * Validates the components.
   *
   * @param subject the subject
   * @param serialNumber the serial number
   * @param state the state
   * @param source the source, or null
   * @param reason the reason, or null
   * @param revocationTime the revocation time, or null
   * @param detail the explanation
   */
  public RevocationStatus {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * Returns the revocation reason.
   *
   * @return the RFC 5280 CRLReason name, empty when not revoked or not given
   */
  public Optional<String> revocationReason() {
    return Optional.ofNullable(reason);
  }

  static RevocationStatus good(ParsedCert c, Source source, String detail) {
    return new RevocationStatus(
        c.subjectText(), c.bc.getSerialNumber().getValue(), State.GOOD, source, null, null, detail);
  }

  static RevocationStatus unknown(ParsedCert c, @Nullable Source source, String detail) {
    return new RevocationStatus(
        c.subjectText(),
        c.bc.getSerialNumber().getValue(),
        State.UNKNOWN,
        source,
        null,
        null,
        detail);
  }

  static RevocationStatus revoked(
      ParsedCert c, Source source, @Nullable String reason, Instant time, String detail) {
    return new RevocationStatus(
        c.subjectText(),
        c.bc.getSerialNumber().getValue(),
        State.REVOKED,
        source,
        reason,
        time,
        detail);
  }

  /** RFC 5280 CRLReason names by value; null for unassigned values. */
  static @Nullable String reasonName(int value) {
    return switch (value) {
      case 0 -> "unspecified";
      case 1 -> "keyCompromise";
      case 2 -> "cACompromise";
      case 3 -> "affiliationChanged";
      case 4 -> "superseded";
      case 5 -> "cessationOfOperation";
      case 6 -> "certificateHold";
      case 8 -> "removeFromCRL";
      case 9 -> "privilegeWithdrawn";
      case 10 -> "aACompromise";
      default -> null;
    };
  }
}
