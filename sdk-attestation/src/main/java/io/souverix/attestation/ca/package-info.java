/**
 * A certificate authority for the fleet: issuance from PKCS#10 requests, rotation, revocation, CRL
 * publication and expiry forecasts, every step recorded as a lifecycle event.
 *
 * <p>Start with {@link io.souverix.attestation.ca.CertificateAuthority}: build it over a {@link
 * io.souverix.lifecycle.spi.Signer} that holds the CA key, the CA certificate and an event store,
 * then {@code issue} a {@link io.souverix.attestation.ca.CertificateRequest}. {@link
 * io.souverix.attestation.ca.CertificateInventory} is the projection of the certificate events
 * (per-node state, rotation due, expiry forecast), and {@link
 * io.souverix.attestation.ca.CertificateGuards} gives the lifecycle guards "trust chain
 * established" and "certificates revoked" that read the same events. The rules are described in
 * {@code docs/certificates.md}.
 */
@NullMarked
package io.souverix.attestation.ca;

import org.jspecify.annotations.NullMarked;
