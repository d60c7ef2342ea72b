package io.souverix.drift.federation;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * A hybrid logical clock timestamp (Kulkarni et al., "Logical Physical Clocks", 2014): the largest
 * physical time seen, a logical counter that orders events within that millisecond, and the id of
 * the clock that issued it as the final tie-break. Timestamps are totally ordered by {@code
 * (physicalMillis, logical, origin)}, and that order respects causality: an event that saw another
 * has a greater timestamp.
 *
 * @param physicalMillis the physical part: milliseconds since the epoch; at least 0
 * @param logical the logical counter within {@code physicalMillis}; at least 0
 * @param origin the id of the issuing clock (a region or node id); not empty
 * @since 0.1
 */
public record HybridTimestamp(long physicalMillis, int logical, String origin)
    implements Comparable<HybridTimestamp> {
  private static final Comparator<HybridTimestamp> ORDER =
      Comparator.comparingLong(HybridTimestamp::physicalMillis)
          .thenComparingInt(HybridTimestamp::logical)
          .thenComparing(HybridTimestamp::origin);

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a number is negative or {@code origin} is empty
   */
  public HybridTimestamp {
    Objects.requireNonNull(origin, "origin");
    if (physicalMillis < 0 || logical < 0 || origin.isEmpty()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "hybrid timestamp; expected millis >= 0, logical >= 0 and an origin, but got %d, %d,"
                  + " '%s'",
              physicalMillis,
              logical,
              origin));
    }
  }

  /**
   * Compares by physical time, then logical counter, then origin.
   *
   * @param other the other timestamp; not null
   * @return negative, zero or positive as this is before, equal to or after {@code other}
   */
  @Override
  public int compareTo(HybridTimestamp other) {
    return ORDER.compare(this, other);
  }

  /**
   * Returns whether this timestamp is after {@code other} in the total order.
   *
   * @param other the other timestamp; not null
   * @return true if {@code compareTo(other) > 0}
   * @since 0.1
   */
  public boolean isAfter(HybridTimestamp other) {
    return compareTo(other) > 0;
  }

  /**
   * Returns {@code <physicalMillis>.<logical>@<origin>}, for example {@code
   * 1767225600000.3@eu-west}.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return physicalMillis + "." + logical + "@" + origin;
  }
}
