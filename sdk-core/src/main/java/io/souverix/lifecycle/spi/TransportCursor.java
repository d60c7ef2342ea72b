package io.souverix.lifecycle.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * A position in a {@link Transport} channel, opaque to the caller: the point after the last
 * envelope the caller has processed. A consumer acknowledges everything up to a cursor by storing
 * it and passing it to its next {@link Transport#poll}; it stays valid across reconnects and
 * restarts of the consumer, so a consumer resumes where it left off.
 *
 * <p>A cursor's text is printable ASCII of at most {@value #MAX_LENGTH} characters, safe in a URL
 * query after percent-encoding; only the transport that issued it interprets it.
 *
 * @since 0.1
 */
public final class TransportCursor {
  /** The longest cursor text. */
  public static final int MAX_LENGTH = 256;

  private static final TransportCursor BEGINNING = new TransportCursor("");

  private final String value;

  private TransportCursor(String value) {
    this.value = value;
  }

  /**
   * Returns the cursor before the first envelope of every channel.
   *
   * @return the beginning
   */
  public static TransportCursor beginning() {
    return BEGINNING;
  }

  /**
   * Restores a cursor from its text, as {@link #value()} returned it.
   *
   * @param value the text; empty for {@link #beginning()}
   * @return the cursor
   * @throws IllegalArgumentException if the text is longer than {@value #MAX_LENGTH} characters or
   *     holds anything but printable ASCII
   */
  public static TransportCursor of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      return BEGINNING;
    }
    if (value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "cursor; expected at most %d printable ASCII characters, but got %d characters",
              MAX_LENGTH,
              value.length()));
    }
    return new TransportCursor(value);
  }

  /**
   * Returns the cursor's text, to store and later pass to {@link #of(String)}.
   *
   * @return the text; empty for the beginning
   */
  public String value() {
    return value;
  }

  /**
   * Tells whether this is {@link #beginning()}.
   *
   * @return true for the beginning
   */
  public boolean isBeginning() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportCursor c && c.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "TransportCursor[beginning]" : "TransportCursor[" + value + "]";
  }
}
