package io.souverix.lifecycle.spi;

import java.util.Locale;

/**
 * The version a writer expects a stream to be at when it appends: the basis of optimistic
 * concurrency. A stream's version is the sequence of its last event, 0 when it has none.
 *
 * @since 0.1
 */
public final class ExpectedVersion {
  private static final ExpectedVersion ANY = new ExpectedVersion(-1);
  private static final ExpectedVersion NO_STREAM = new ExpectedVersion(0);

  private final long version;

  private ExpectedVersion(long version) {
    this.version = version;
  }

  /**
   * Accepts any current version; appends without a concurrency check.
   *
   * @return the unchecked expectation
   */
  public static ExpectedVersion any() {
    return ANY;
  }

  /**
   * Expects the stream not to exist yet.
   *
   * @return the expectation of version 0
   */
  public static ExpectedVersion noStream() {
    return NO_STREAM;
  }

  /**
   * Expects the stream to be exactly at {@code version}.
   *
   * @param version the expected last sequence, 0 for no stream
   * @return the expectation
   * @throws IllegalArgumentException if negative
   */
  public static ExpectedVersion exactly(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("expected version must be >= 0; got " + version);
    }
    return version == 0 ? NO_STREAM : new ExpectedVersion(version);
  }

  /**
   * Returns whether a stream at {@code currentVersion} satisfies this expectation.
   *
   * @param currentVersion the stream's version
   * @return true if the append may proceed
   */
  public boolean matches(long currentVersion) {
    return version < 0 || version == currentVersion;
  }

  /**
   * @return whether this is {@link #any()}
   */
  public boolean isAny() {
    return version < 0;
  }

  /**
   * Returns the expected version.
   *
   * @return the version, or -1 for {@link #any()}
   */
  public long version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExpectedVersion && ((ExpectedVersion) o).version == version;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(version);
  }

  @Override
  public String toString() {
    return version < 0 ? "any" : String.format(Locale.ROOT, "%d", version);
  }
}
