package io.souverix.attestation.x509;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signed {@link VerificationReport} was rejected, or re-verifying it did not confirm it. {@link
 * #code()} tells why; the codes are stable.
 *
 * @since 0.1
 */
public final class ReportException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for rejecting a report. */
  public enum Code {
    /** Not a compact JWS, or its header or payload is not a report of a known schema. */
    MALFORMED,
    /**
     * The JWS algorithm is refused: {@code none}, an HMAC or other algorithm outside ES256, ES384,
     * RS256, PS256 and EdDSA, or one that does not fit the given public key.
     */
    ALGORITHM_REJECTED,
    /** The header carries a {@code crit} parameter (none is understood) or an unencoded payload. */
    UNSUPPORTED_CRITICAL_HEADER,
    /** The signature does not verify with the given public key. */
    SIGNATURE_INVALID,
    /** Re-verification: an input's SHA-256 differs from the one the report recorded. */
    INPUT_MISMATCH,
    /** Re-verification: validating the inputs again gave another result, reason or path. */
    OUTCOME_MISMATCH
  }

  private final Code code;

  private ReportException(Code code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  static ReportException of(Code code, String format, Object... args) {
    return new ReportException(
        Objects.requireNonNull(code, "code"), String.format(Locale.ROOT, format, args), null);
  }

  static ReportException of(Code code, Throwable cause, String format, Object... args) {
    return new ReportException(code, String.format(Locale.ROOT, format, args), cause);
  }

  /**
   * Returns why the report was rejected.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }
}
