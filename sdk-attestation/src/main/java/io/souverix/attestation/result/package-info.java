/**
 * Attestation results: the signed verdict of an appraisal, in the spirit of the IETF RATS EAT
 * Attestation Result (draft-ietf-rats-ear) with the trustworthiness vector of
 * draft-ietf-rats-ar4si.
 *
 * <p>Start with {@link io.souverix.attestation.result.AttestationResult}: build one with an overall
 * {@link io.souverix.attestation.result.Tier} and an appraisal per {@link
 * io.souverix.attestation.result.TrustClaim}, sign it as a JWT with {@link
 * io.souverix.attestation.result.AttestationResultSigner} (through the {@link
 * io.souverix.lifecycle.spi.Signer} SPI), and check a received token with {@link
 * io.souverix.attestation.result.AttestationResultVerifier}, which returns a {@link
 * io.souverix.attestation.result.VerifiedAttestationResult} or throws an {@link
 * io.souverix.attestation.result.AttestationResultException} with a stable code. {@link
 * io.souverix.attestation.result.AttestationResults} records a verified result as a {@code
 * node.attestation_completed} event and provides the matching "attestation passed" guard. The rules
 * are described in {@code docs/attestation.md}, section "Attestation results".
 */
@NullMarked
package io.souverix.attestation.result;

import org.jspecify.annotations.NullMarked;
