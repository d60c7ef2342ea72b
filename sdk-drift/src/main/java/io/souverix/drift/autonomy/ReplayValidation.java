package io.souverix.drift.autonomy;

import java.time.Instant;
import java.util.List;

/**
 * The result of checking a returning node's reported state against the state expected after its
 * replay. Only {@link AutonomySession#complete} makes one, so holding it proves the check ran.
 *
 * @since 0.1
 */
public final class ReplayValidation {
  private final String node;
  private final Instant at;
  private final String expectedHash;
  private final String reportedHash;
  private final List<StateDifference> differences;

  ReplayValidation(
      String node,
      Instant at,
      String expectedHash,
      String reportedHash,
      List<StateDifference> differences) {
    this.node = node;
    this.at = at;
    this.expectedHash = expectedHash;
    this.reportedHash = reportedHash;
    this.differences = List.copyOf(differences);
  }

  /**
   * Returns the node id.
   *
   * @return the node
   * @since 0.1
   */
  public String node() {
    return node;
  }

  /**
   * Returns when the check ran.
   *
   * @return the time passed to {@code complete}
   * @since 0.1
   */
  public Instant at() {
    return at;
  }

  /**
   * Returns whether the node's state is the expected one: the hashes are equal.
   *
   * @return true if consistent
   * @since 0.1
   */
  public boolean consistent() {
    return expectedHash.equals(reportedHash);
  }

  /**
   * Returns the hash of the state expected after the replay.
   *
   * @return {@code "sha256:<hex>"}
   * @since 0.1
   */
  public String expectedHash() {
    return expectedHash;
  }

  /**
   * Returns the hash of the node's reported state.
   *
   * @return {@code "sha256:<hex>"}
   * @since 0.1
   */
  public String reportedHash() {
    return reportedHash;
  }

  /**
   * Returns what differs, field by field.
   *
   * @return the differences in field order; empty if and only if consistent
   * @since 0.1
   */
  public List<StateDifference> differences() {
    return differences;
  }

  @Override
  public String toString() {
    return node + (consistent() ? " consistent " + expectedHash : " inconsistent " + differences);
  }
}
