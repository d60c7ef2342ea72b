package io.souverix.attestation.ca;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The certificates that expire in a window, grouped per region: neither revoked nor replaced by a
 * rotation, with an end of validity after {@link #from()} and at or before {@link #until()}.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class ExpiryForecast {
  /** The region key of certificates whose region is not known. */
  public static final String UNKNOWN_REGION = "(unknown)";

  private final Instant from;
  private final Instant until;
  private final Map<String, List<CertificateRecord>> byRegion;
  private final int total;

  private ExpiryForecast(
      Instant from, Instant until, Map<String, List<CertificateRecord>> byRegion) {
    this.from = from;
    this.until = until;
    this.byRegion = byRegion;
    this.total = byRegion.values().stream().mapToInt(List::size).sum();
  }

  static ExpiryForecast of(Instant from, Instant until, List<CertificateRecord> expiring) {
    Map<String, List<CertificateRecord>> grouped = new TreeMap<>();
    Comparator<CertificateRecord> order =
        Comparator.comparing(CertificateRecord::notAfter).thenComparing(CertificateRecord::serial);
    for (CertificateRecord r : expiring) {
      grouped
          .computeIfAbsent(
              r.region() != null ? r.region() : UNKNOWN_REGION, k -> new java.util.ArrayList<>())
          .add(r);
    }
    grouped.replaceAll((k, v) -> v.stream().sorted(order).toList());
    return new ExpiryForecast(
        Objects.requireNonNull(from),
        Objects.requireNonNull(until),
        Collections.unmodifiableMap(grouped));
  }

  /**
   * @return the start of the window (exclusive)
   */
  public Instant from() {
    return from;
  }

  /**
   * @return the end of the window (inclusive)
   */
  public Instant until() {
    return until;
  }

  /**
   * Returns the expiring certificates per region.
   *
   * @return regions in name order ({@link #UNKNOWN_REGION} for none), each with its certificates by
   *     end of validity; unmodifiable
   */
  public Map<String, List<CertificateRecord>> byRegion() {
    return byRegion;
  }

  /**
   * Returns the number of expiring certificates per region.
   *
   * @return regions in name order with their counts
   */
  public Map<String, Integer> countsByRegion() {
    Map<String, Integer> counts = new TreeMap<>();
    byRegion.forEach((k, v) -> counts.put(k, v.size()));
    return Collections.unmodifiableMap(counts);
  }

  /**
   * @return how many certificates expire in the window
   */
  public int total() {
    return total;
  }

  @Override
  public String toString() {
    return "ExpiryForecast[" + from + " .. " + until + ", " + countsByRegion() + "]";
  }
}
