/**
 * The tamper-evident audit log: an append-only RFC 9162 Merkle tree with signed tree heads. Start
 * with {@link io.souverix.attestation.audit.AuditLog} (write), {@link
 * io.souverix.attestation.audit.AuditLogVerifier} (check a log file offline with the public key),
 * and {@link io.souverix.attestation.audit.AuditTrail} (anchor lifecycle events and the
 * decommission guard "audit trail completed"). {@link io.souverix.attestation.audit.MerkleProofs}
 * verifies proofs without a log. The file format is documented in {@code docs/attestation.md}.
 */
@NullMarked
package io.souverix.attestation.audit;

import org.jspecify.annotations.NullMarked;
