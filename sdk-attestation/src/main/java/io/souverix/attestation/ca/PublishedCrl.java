package io.souverix.attestation.ca;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;

/**
 * A certificate revocation list the {@link CertificateAuthority} signed and recorded.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class PublishedCrl {
  private final X509CRL crl;
  private final byte[] der;
  private final long number;
  private final Instant thisUpdate;
  private final Instant nextUpdate;
  private final List<String> serials;
  private final String digest;

  PublishedCrl(
      X509CRL crl,
      byte[] der,
      long number,
      Instant thisUpdate,
      Instant nextUpdate,
      List<String> serials,
      String digest) {
    this.crl = crl;
    this.der = der.clone();
    this.number = number;
    this.thisUpdate = thisUpdate;
    this.nextUpdate = nextUpdate;
    this.serials = List.copyOf(serials);
    this.digest = digest;
  }

  /**
   * @return the CRL, for {@code TrustChainValidator.Builder.crls}
   */
  public X509CRL crl() {
    return crl;
  }

  /**
   * @return the DER encoding, a fresh copy
   */
  public byte[] encoded() {
    return der.clone();
  }

  /**
   * @return the cRLNumber
   */
  public long number() {
    return number;
  }

  /**
   * @return thisUpdate
   */
  public Instant thisUpdate() {
    return thisUpdate;
  }

  /**
   * @return nextUpdate
   */
  public Instant nextUpdate() {
    return nextUpdate;
  }

  /**
   * @return the serials the list revokes, lower-case hex; unmodifiable
   */
  public List<String> serials() {
    return serials;
  }

  /**
   * @return {@code sha256:<hex>} of the DER encoding, as in the {@code certificate.crl_published}
   *     event
   */
  public String digest() {
    return digest;
  }

  @Override
  public String toString() {
    return "PublishedCrl[#" + number + ", " + serials.size() + " entries, next " + nextUpdate + "]";
  }
}
