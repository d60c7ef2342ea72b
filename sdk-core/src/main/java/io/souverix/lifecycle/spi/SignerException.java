package io.souverix.lifecycle.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Signer} could not sign. {@link #code()} tells why.
 *
 * @since 0.1
 */
public final class SignerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for a signing failure. */
  public enum Code {
    /** The key is not available (removed, locked, or its device is unreachable). */
    KEY_UNAVAILABLE,
    /** The signer refused the request by its own policy (for example a rate or usage limit). */
    REFUSED,
    /** The cryptographic operation failed. */
    SIGNING_FAILED
  }

  private final Code code;

  private SignerException(Code code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * Creates an exception.
   *
   * @param code the reason; not null
   * @param message what happened, for a person
   * @param cause the underlying failure, or null
   * @return the exception
   */
  public static SignerException of(Code code, String message, @Nullable Throwable cause) {
    return new SignerException(Objects.requireNonNull(code, "code"), message, cause);
  }

  /**
   * Returns the reason.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }
}
