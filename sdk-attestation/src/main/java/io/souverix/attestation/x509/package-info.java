/**
 * X.509 trust chains: RFC 5280 path building and validation on Bouncy Castle primitives.
 *
 * <p>Start with {@link io.souverix.attestation.x509.TrustChainValidator}: configure trust anchors
 * and a policy with its builder, then {@code validate} a leaf certificate with its untrusted
 * intermediates. The answer is a {@link io.souverix.attestation.x509.ChainVerification}: valid or
 * not, the chosen path, every check with its outcome and a stable {@link
 * io.souverix.attestation.x509.ReasonCode}. The rules are described in {@code docs/trust.md}.
 */
@NullMarked
package io.souverix.attestation.x509;

import org.jspecify.annotations.NullMarked;
