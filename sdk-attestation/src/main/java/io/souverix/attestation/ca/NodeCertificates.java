package io.souverix.attestation.ca;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The certificates of one node, from the {@link CertificateInventory}.
 *
 * @param nodeId the node id
 * @param certificates every certificate issued to the node, oldest first; unmodifiable
 * @since 0.1
 */
public record NodeCertificates(String nodeId, List<CertificateRecord> certificates) {
  /** Copies the list. */
  public NodeCertificates {
    Objects.requireNonNull(nodeId, "nodeId");
    certificates = List.copyOf(certificates);
  }

  /**
   * Returns the certificates that are active at an instant: valid, not revoked, not replaced.
   *
   * @param at the instant
   * @return the active certificates, oldest first
   */
  public List<CertificateRecord> active(Instant at) {
    return certificates.stream()
        .filter(c -> c.status(at) == CertificateRecord.Status.ACTIVE)
        .toList();
  }

  /**
   * Returns the revoked certificates.
   *
   * @return the revoked certificates, oldest first
   */
  public List<CertificateRecord> revoked() {
    return certificates.stream().filter(CertificateRecord::isRevoked).toList();
  }

  /**
   * Returns the serial numbers of every certificate of the node.
   *
   * @return the serials, oldest first
   */
  public List<String> serials() {
    return certificates.stream().map(CertificateRecord::serial).toList();
  }
}
