package io.souverix.attestation.ca;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the event store says about one certificate: from its {@code certificate.issued} event, the
 * rotation that replaced it and its {@code certificate.revoked} event.
 *
 * @param serial the serial number, lower-case hex without leading zeros
 * @param issuer the issuing CA's distinguished name (RFC 4514)
 * @param profile the issuance profile
 * @param subject the subject distinguished name; empty if the certificate has none
 * @param streamId the stream its events are in: the node's, or the certificate authority's
 * @param nodeId the node it belongs to, or null
 * @param region the region it is forecast under, or null if none is known
 * @param notBefore the start of validity
 * @param notAfter the end of validity (inclusive, as in RFC 5280)
 * @param issuedSequence the stream sequence of its {@code certificate.issued} event
 * @param replaces the serial of the certificate it replaced on rotation, or null
 * @param replacedBy the serial of the certificate that replaced it on rotation, or null
 * @param revocationReason why it was revoked, or null if it is not revoked
 * @param revokedAt when it was revoked, or null if it is not revoked
 * @since 0.1
 */
public record CertificateRecord(
    String serial,
    String issuer,
    CertificateProfile profile,
    String subject,
    String streamId,
    @Nullable String nodeId,
    @Nullable String region,
    Instant notBefore,
    Instant notAfter,
    long issuedSequence,
    @Nullable String replaces,
    @Nullable String replacedBy,
    @Nullable RevocationReason revocationReason,
    @Nullable Instant revokedAt) {

  /** The state of a certificate at an instant. */
  public enum Status {
    /** Within its validity, not revoked and not replaced. */
    ACTIVE,
    /** Within its validity and not revoked, but replaced by a rotation. */
    SUPERSEDED,
    /** Revoked (whatever its validity). */
    REVOKED,
    /** Not yet valid. */
    NOT_YET_VALID,
    /** Past its end of validity and not revoked. */
    EXPIRED
  }

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the validity is inverted or revocation is half set
   */
  public CertificateRecord {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "validity of %s; expected notAfter at or after %s, but got %s",
              serial,
              notBefore,
              notAfter));
    }
    if ((revocationReason == null) != (revokedAt == null)) {
      throw new IllegalArgumentException("revocationReason and revokedAt; expected both or none");
    }
  }

  /**
   * Tells whether the certificate is revoked.
   *
   * @return true if a {@code certificate.revoked} event names it
   */
  public boolean isRevoked() {
    return revocationReason != null;
  }

  /**
   * Returns the certificate's state at an instant.
   *
   * @param at the instant; not null
   * @return the status
   */
  public Status status(Instant at) {
    if (isRevoked()) {
      return Status.REVOKED;
    }
    if (at.isBefore(notBefore)) {
      return Status.NOT_YET_VALID;
    }
    if (at.isAfter(notAfter)) {
      return Status.EXPIRED;
    }
    return replacedBy != null ? Status.SUPERSEDED : Status.ACTIVE;
  }

  CertificateRecord withReplacedBy(String serial) {
    return new CertificateRecord(
        this.serial,
        issuer,
        profile,
        subject,
        streamId,
        nodeId,
        region,
        notBefore,
        notAfter,
        issuedSequence,
        replaces,
        serial,
        revocationReason,
        revokedAt);
  }

  CertificateRecord withRevocation(RevocationReason reason, Instant at) {
    return new CertificateRecord(
        serial,
        issuer,
        profile,
        subject,
        streamId,
        nodeId,
        region,
        notBefore,
        notAfter,
        issuedSequence,
        replaces,
        replacedBy,
        reason,
        at);
  }
}
