package io.souverix.supplychain.hardware;

import java.security.cert.X509Certificate;

/**
 * A manufacturing record whose QC signature verified with a factory key chaining to a trusted
 * manufacturer root. Only {@link ManufacturingVerifier} creates it.
 *
 * @since 0.1
 */
public final class VerifiedManufacturingRecord {
  private final ManufacturingRecord record;
  private final X509Certificate factoryCertificate;

  VerifiedManufacturingRecord(ManufacturingRecord record, X509Certificate factoryCertificate) {
    this.record = record;
    this.factoryCertificate = factoryCertificate;
  }

  /**
   * Returns the record.
   *
   * @return the record
   * @since 0.1
   */
  public ManufacturingRecord record() {
    return record;
  }

  /**
   * Returns the factory certificate whose key signed it.
   *
   * @return the certificate
   * @since 0.1
   */
  public X509Certificate factoryCertificate() {
    return factoryCertificate;
  }
}
