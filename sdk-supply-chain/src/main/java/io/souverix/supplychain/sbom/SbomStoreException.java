package io.souverix.supplychain.sbom;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link SbomStore} operation that failed, with a stable {@link #code()}.
 *
 * @since 0.1
 */
public final class SbomStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure; stable, for callers to branch on. */
  public enum Code {
    /** The image digest is not {@code sha256:} followed by 64 lower-case hex digits. */
    INVALID_DIGEST,
    /** The image digest already has a different BOM (a digest names one image, so one BOM). */
    CONFLICT,
    /** No BOM is stored for the image digest. */
    NOT_FOUND,
    /** A stored BOM's bytes no longer hash to its {@code sbom_hash}, or its index is unreadable. */
    CORRUPT,
    /** The store's directory could not be read or written. */
    IO
  }

  private final Code code;

  SbomStoreException(Code code, String message, @Nullable Throwable cause) {
    super(code + ": " + message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * The kind of failure.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }
}
