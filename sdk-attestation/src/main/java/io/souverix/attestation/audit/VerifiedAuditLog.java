package io.souverix.attestation.audit;

import java.nio.file.Path;
import java.util.Locale;

/**
 * An audit log file that {@link AuditLogVerifier} checked completely: every signed tree head, the
 * consistency between successive heads, and every entry under the latest head.
 *
 * <p>Only the verifier creates instances, so holding one proves the check ran.
 *
 * @since 0.1
 */
public final class VerifiedAuditLog {
  private final Path file;
  private final SignedTreeHead latestHead;
  private final long heads;

  VerifiedAuditLog(Path file, SignedTreeHead latestHead, long heads) {
    this.file = file;
    this.latestHead = latestHead;
    this.heads = heads;
  }

  /**
   * Returns the verified file.
   *
   * @return the path of the log file
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the latest signed tree head, which covers every entry.
   *
   * @return the head
   */
  public SignedTreeHead latestHead() {
    return latestHead;
  }

  /**
   * Returns the number of entries.
   *
   * @return the size of the latest head
   */
  public long size() {
    return latestHead.size();
  }

  /**
   * Returns the root hash of the latest head as lower-case hex.
   *
   * @return 64 hex digits
   */
  public String rootHex() {
    return latestHead.rootHex();
  }

  /**
   * Returns how many signed tree heads the log holds.
   *
   * @return at least 1
   */
  public long heads() {
    return heads;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "VerifiedAuditLog[%s, size=%d, root=%s, %d heads]",
        file,
        size(),
        rootHex(),
        heads);
  }
}
