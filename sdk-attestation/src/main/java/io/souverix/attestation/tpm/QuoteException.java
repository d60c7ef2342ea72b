package io.souverix.attestation.tpm;

import java.util.Locale;
import java.util.Objects;

/**
 * A TPM quote was rejected: it does not parse, is not a quote, or fails a check. The {@link
 * #code()} is stable; the message explains it for people.
 *
 * @since 0.1
 */
public final class QuoteException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a quote was rejected; stable, for programs to act on. */
  public enum Code {
    /** The signature does not verify with the attestation key, or uses another hash or scheme. */
    SIGNATURE_INVALID,
    /** The quote's {@code extraData} is not the expected nonce. */
    NONCE_MISMATCH,
    /** The nonce was not issued by the registry, was used before, or expired. */
    REPLAYED_NONCE,
    /** The quote's PCR digest is not the hash of the PCR values, or their selections differ. */
    PCR_DIGEST_MISMATCH,
    /** A PCR does not have its golden value, or a PCR with a golden value was not quoted. */
    GOLDEN_MISMATCH,
    /** The attestation structure has a wrong magic number or is not of type quote. */
    NOT_A_QUOTE,
    /** A structure is truncated, too long, or holds a value out of range. */
    PARSE_ERROR,
    /** The attestation key's certificate does not chain to a trust anchor. */
    AK_UNTRUSTED
  }

  private final Code code;

  /**
   * Creates the exception.
   *
   * @param code why the quote was rejected; not null
   * @param message a human-readable explanation; not null
   */
  public QuoteException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  static QuoteException of(Code code, String format, Object... args) {
    return new QuoteException(code, String.format(Locale.ROOT, format, args));
  }

  /**
   * Returns why the quote was rejected.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }
}
