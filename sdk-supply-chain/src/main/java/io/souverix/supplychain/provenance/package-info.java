/**
 * Software provenance: offline verification of Sigstore bundles (keyless and key-based), of in-toto
 * statements in DSSE envelopes and of SLSA provenance against a policy. Start with {@link
 * io.souverix.supplychain.provenance.ProvenanceVerifier}.
 */
@NullMarked
package io.souverix.supplychain.provenance;

import org.jspecify.annotations.NullMarked;
