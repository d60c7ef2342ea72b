package io.souverix.attestation.tpm;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of {@link EventLogVerifier#verify}: the findings, none when the log is proven by the
 * quote and matches the references, and the PCR values the log replays to.
 *
 * @since 0.1
 */
public final class EventLogVerification {
  private final List<Finding> findings;
  private final SortedMap<Integer, byte[]> replayed;

  EventLogVerification(List<Finding> findings, SortedMap<Integer, byte[]> replayed) {
    this.findings = List.copyOf(findings);
    this.replayed = new TreeMap<>(replayed);
  }

  /**
   * Returns whether the log passed: no findings.
   *
   * @return true if the log replays to the quoted PCRs and matches every reference
   */
  public boolean valid() {
    return findings.isEmpty();
  }

  /**
   * Returns the findings, in check order (event data, replay, golden values, measurements).
   *
   * @return the findings, unmodifiable
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Returns the SHA-256 PCR values the log replays to.
   *
   * @return PCR index to a copy of its value, ascending, unmodifiable
   */
  public SortedMap<Integer, byte[]> replayed() {
    SortedMap<Integer, byte[]> copy = new TreeMap<>();
    replayed.forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableSortedMap(copy);
  }
}
