package io.souverix.attestation.ca;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A certificate the {@link CertificateAuthority} issued and recorded, with the chain above it.
 *
 * <p>Immutable; instances come only from the authority, after the certificate validated to its
 * trust anchors.
 *
 * @since 0.1
 */
public final class IssuedCertificate {
  private final X509Certificate certificate;
  private final List<X509Certificate> chain;
  private final CertificateRecord record;

  IssuedCertificate(
      X509Certificate certificate, List<X509Certificate> chain, CertificateRecord record) {
    this.certificate = certificate;
    this.chain = List.copyOf(chain);
    this.record = record;
  }

  /**
   * @return the issued certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * @return the certificate followed by the CA certificate and the certificates above it, as a TLS
   *     peer presents them; unmodifiable
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * @return what the inventory records about the certificate
   */
  public CertificateRecord record() {
    return record;
  }

  /**
   * @return the serial number, lower-case hex
   */
  public String serial() {
    return record.serial();
  }

  /**
   * @return the profile it was issued under
   */
  public CertificateProfile profile() {
    return record.profile();
  }

  /**
   * @return the node it belongs to, or null
   */
  public @Nullable String nodeId() {
    return record.nodeId();
  }

  /**
   * @return the end of validity
   */
  public Instant notAfter() {
    return record.notAfter();
  }

  /**
   * Returns the certificate in PEM.
   *
   * @return one {@code CERTIFICATE} block
   */
  public String pem() {
    try {
      return pem(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("an issued certificate is always encodable", e);
    }
  }

  static String pem(byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
  }

  @Override
  public String toString() {
    return "IssuedCertificate["
        + record.profile()
        + " "
        + record.serial()
        + ", "
        + record.subject()
        + ", until "
        + record.notAfter()
        + "]";
  }
}
