package io.souverix.attestation.ca;

import java.util.Locale;
import java.util.Objects;

/**
 * A reason for revoking a certificate: the RFC 5280 {@code CRLReason} values (section 5.3.1) that
 * revoke for good. {@code certificateHold} and {@code removeFromCRL} are not offered: revocation
 * here is final.
 *
 * @since 0.1
 */
public enum RevocationReason {
  /** No reason given; the CRL entry carries no reasonCode extension (RFC 5280 recommends so). */
  UNSPECIFIED(0, "unspecified"),
  /** The subject's private key is, or is suspected to be, compromised. */
  KEY_COMPROMISE(1, "keyCompromise"),
  /** The issuing CA's key is compromised. */
  CA_COMPROMISE(2, "cACompromise"),
  /** The subject's name or other information changed. */
  AFFILIATION_CHANGED(3, "affiliationChanged"),
  /** The certificate was replaced (rotated). */
  SUPERSEDED(4, "superseded"),
  /** The subject no longer operates (decommissioning). */
  CESSATION_OF_OPERATION(5, "cessationOfOperation"),
  /** A privilege the certificate asserted was withdrawn. */
  PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
  /** The attribute authority was compromised. */
  AA_COMPROMISE(10, "aACompromise");

  private final int code;
  private final String rfcName;

  RevocationReason(int code, String rfcName) {
    this.code = code;
    this.rfcName = rfcName;
  }

  /**
   * Returns the {@code CRLReason} enumerated value.
   *
   * @return for example 1 for {@link #KEY_COMPROMISE}
   */
  public int code() {
    return code;
  }

  /**
   * Returns the ASN.1 name, as written in {@code certificate.revoked} events.
   *
   * @return for example {@code "keyCompromise"}
   */
  public String rfcName() {
    return rfcName;
  }

  /**
   * Looks a reason up by its ASN.1 name.
   *
   * @param rfcName a name such as {@code "cessationOfOperation"}; not null
   * @return the reason
   * @throws IllegalArgumentException if the name is not one of these reasons
   */
  public static RevocationReason fromRfcName(String rfcName) {
    Objects.requireNonNull(rfcName, "rfcName");
    for (RevocationReason r : values()) {
      if (r.rfcName.equals(rfcName)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT, "revocation reason; expected an RFC 5280 name, but got '%s'", rfcName));
  }
}
