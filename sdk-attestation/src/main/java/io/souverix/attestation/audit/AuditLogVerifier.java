package io.souverix.attestation.audit;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Verifies an {@link AuditLog} file offline, with nothing but the log's public key.
 *
 * <p>{@link #verify(Path)} reads the file once, in order, and checks: the header; that entries are
 * numbered from 0 without gaps and each entry's data hashes to its stored leaf hash; that every
 * signed tree head verifies with the key, covers exactly the entries before it, has the root of
 * those entries and is consistent (RFC 9162 consistency proof, non-decreasing timestamp) with the
 * head before it; that there is at least one head and that the latest head covers every entry. The
 * first failure is reported with a stable code and the first bad entry or head.
 *
 * <p>Immutable and thread-safe.
 *
 * <h3>Security guarantees</h3>
 *
 * See {@link AuditLog}: any change to entries or heads is detected, except cutting off the end of
 * the file, which needs a head kept elsewhere to notice.
 *
 * @since 0.1
 */
public final class AuditLogVerifier {
  private final PublicKey key;

  private AuditLogVerifier(PublicKey key) {
    this.key = key;
  }

  /**
   * Creates a verifier trusting one public key.
   *
   * @param key the public key of the log's signer (Ed25519, or ECDSA P-256/P-384, or RSA); not null
   * @return the verifier
   */
  public static AuditLogVerifier create(PublicKey key) {
    return new AuditLogVerifier(Objects.requireNonNull(key, "key"));
  }

  /**
   * Verifies a log file.
   *
   * @param path the log file, or a directory holding {@link AuditLog#FILE_NAME}; not null
   * @return the verified log
   * @throws AuditLogException {@code UNREADABLE} or {@code NOT_A_LOG} if the file cannot be read as
   *     a log; a code whose {@link AuditLogException.Code#tampering()} is true, naming the first
   *     bad entry or head, if the check fails
   */
  public VerifiedAuditLog verify(Path path) throws AuditLogException {
    Path file = LogFormat.resolve(Objects.requireNonNull(path, "path"));
    LogFormat.Contents c = LogFormat.read(file, key, false);
    return new VerifiedAuditLog(file, c.latest(), c.heads());
  }
}
