package io.souverix.supplychain.firmware;

import java.security.cert.X509Certificate;

/**
 * A firmware manifest whose vendor signature verified with a key chaining to a trusted vendor root.
 * Only {@link FirmwareVerifier} creates it.
 *
 * @since 0.1
 */
public final class VerifiedFirmwareManifest {
  private final SignedFirmwareManifest signed;
  private final X509Certificate vendorCertificate;

  VerifiedFirmwareManifest(SignedFirmwareManifest signed, X509Certificate vendorCertificate) {
    this.signed = signed;
    this.vendorCertificate = vendorCertificate;
  }

  /**
   * Returns the manifest.
   *
   * @return the manifest
   * @since 0.1
   */
  public FirmwareManifest manifest() {
    return signed.manifest();
  }

  /**
   * Returns the signed form, for the event's {@code signature_chain}.
   *
   * @return the signed manifest
   * @since 0.1
   */
  public SignedFirmwareManifest signed() {
    return signed;
  }

  /**
   * Returns the vendor certificate whose key signed it.
   *
   * @return the certificate
   * @since 0.1
   */
  public X509Certificate vendorCertificate() {
    return vendorCertificate;
  }
}
