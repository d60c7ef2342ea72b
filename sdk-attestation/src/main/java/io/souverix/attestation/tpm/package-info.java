/**
 * TPM 2.0 runtime integrity: quotes and measured boot. Start with {@link
 * io.souverix.attestation.tpm.QuoteVerifier}, which checks a quote made by {@code tpm2_quote}
 * (signature by the attestation key, nonce, PCR digest, golden values) and returns a {@link
 * io.souverix.attestation.tpm.VerifiedQuote}; then {@link io.souverix.attestation.tpm.EventLog}
 * parses a measured-boot event log and {@link io.souverix.attestation.tpm.EventLogVerifier} replays
 * it against the verified quote and the {@link io.souverix.attestation.tpm.ReferenceValues}, naming
 * the measurement that differs.
 */
@NullMarked
package io.souverix.attestation.tpm;

import org.jspecify.annotations.NullMarked;
