package io.souverix.attestation.tpm;

import java.util.Locale;
import java.util.Objects;

/**
 * A measured-boot event log could not be read. The {@link #code()} is stable; the message explains
 * it for people.
 *
 * @since 0.1
 */
public final class EventLogException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a log could not be read; stable, for programs to act on. */
  public enum Code {
    /** The log is truncated, too long, or holds a size, count or algorithm out of range. */
    PARSE_ERROR,
    /** The log is not in the crypto-agile format (no Spec ID Event03 header), e.g. SHA-1 only. */
    UNSUPPORTED_FORMAT,
    /** The log has no digests of the requested bank. */
    MISSING_BANK
  }

  private final Code code;

  /**
   * Creates the exception.
   *
   * @param code why; not null
   * @param message a human-readable explanation; not null
   */
  public EventLogException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  static EventLogException of(Code code, String format, Object... args) {
    return new EventLogException(code, String.format(Locale.ROOT, format, args));
  }

  /**
   * Returns why the log could not be read.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }
}
