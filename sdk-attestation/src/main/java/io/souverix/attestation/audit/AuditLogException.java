package io.souverix.attestation.audit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An audit log could not be read, written or verified, or it shows tampering. {@link #code()} says
 * which; {@link #entry()} and {@link #head()} name the first bad entry or head.
 *
 * @since 0.1
 */
public final class AuditLogException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons; {@link #tampering()} tells evidence of tampering from environment failures. */
  public enum Code {
    /** The log file does not exist or cannot be read. */
    UNREADABLE(false),
    /** The file is not an audit log of a version this SDK reads (its first line). */
    NOT_A_LOG(false),
    /** The log file cannot be written, or a log to create already exists. */
    WRITE_FAILED(false),
    /** The signer could not sign a tree head. */
    SIGNING_FAILED(false),
    /** A line is not a well-formed entry or head (a torn last line included). */
    MALFORMED_LINE(true),
    /** An entry's index is not the next one: an entry was removed, inserted or moved. */
    ENTRY_OUT_OF_ORDER(true),
    /** An entry's data does not hash to the leaf hash stored beside it. */
    ENTRY_HASH_MISMATCH(true),
    /** Entries follow the latest signed tree head: no signature covers them. */
    ENTRY_NOT_COVERED(true),
    /** The log holds no signed tree head at all. */
    NO_HEAD(true),
    /** A tree head's signature does not verify with the public key. */
    HEAD_SIGNATURE_INVALID(true),
    /** A tree head's size is not the number of entries before it in the log. */
    HEAD_SIZE_MISMATCH(true),
    /** A tree head's root is not the root of the entries it covers: an entry was changed. */
    HEAD_ROOT_MISMATCH(true),
    /**
     * A tree head is not consistent with the one before it: the consistency proof fails, or its
     * size or timestamp goes backwards.
     */
    HEAD_INCONSISTENT(true),
    /** An event's hash is not in the log under the latest signed tree head. */
    EVENT_NOT_INCLUDED(true),
    /** An event's inclusion proof does not verify against the signed tree head. */
    EVENT_INCLUSION_INVALID(true);

    private final boolean tampering;

    Code(boolean tampering) {
      this.tampering = tampering;
    }

    /**
     * Tells whether this code is evidence that the log or the events were altered (as opposed to a
     * file that cannot be read or written).
     *
     * @return true for tampering
     */
    public boolean tampering() {
      return tampering;
    }
  }

  private final Code code;
  private final long entry;
  private final long head;
  private final @Nullable SignedTreeHead lastVerifiedHead;

  private AuditLogException(
      Code code,
      long entry,
      long head,
      String message,
      @Nullable Throwable cause,
      @Nullable SignedTreeHead lastVerifiedHead) {
    super(message, cause);
    this.code = code;
    this.entry = entry;
    this.head = head;
    this.lastVerifiedHead = lastVerifiedHead;
  }

  /**
   * Creates an exception that names no entry or head.
   *
   * @param code the reason; not null
   * @param message what happened, for a person
   * @param cause the underlying failure, or null
   * @return the exception
   */
  public static AuditLogException of(Code code, String message, @Nullable Throwable cause) {
    return new AuditLogException(
        Objects.requireNonNull(code, "code"), -1, -1, message, cause, null);
  }

  static AuditLogException atEntry(Code code, long entry, String message) {
    return new AuditLogException(code, entry, -1, message, null, null);
  }

  static AuditLogException atHead(Code code, long head, String message) {
    return new AuditLogException(code, -1, head, message, null, null);
  }

  /** A copy that also tells the last head verified before the failure. */
  AuditLogException withLastVerifiedHead(@Nullable SignedTreeHead verified) {
    AuditLogException e =
        new AuditLogException(code, entry, head, getMessage(), getCause(), verified);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /**
   * Returns, for a failed verification, the last signed tree head that passed every check before
   * the failure: the log is intact up to its size.
   *
   * @return the head, or empty if none was verified (or the failure is not a verification's)
   */
  public Optional<SignedTreeHead> lastVerifiedHead() {
    return Optional.ofNullable(lastVerifiedHead);
  }

  /**
   * Returns the reason.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }

  /**
   * Returns the index of the first bad entry, when the failure is an entry's.
   *
   * @return the entry index from 0, or empty
   */
  public OptionalLong entry() {
    return entry < 0 ? OptionalLong.empty() : OptionalLong.of(entry);
  }

  /**
   * Returns the number of the first bad signed tree head in the log (the first head is 0), when the
   * failure is a head's.
   *
   * @return the head's number, or empty
   */
  public OptionalLong head() {
    return head < 0 ? OptionalLong.empty() : OptionalLong.of(head);
  }
}
