package io.souverix.supplychain.hardware;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A recall query: the active nodes of one batch, optionally only those whose firmware version or
 * firmware security version is below a bound. Immutable; start with {@link #batch(String)}.
 *
 * @since 0.1
 */
public final class RecallQuery {
  private final String batchId;
  private final @Nullable String firmwareBelow;
  private final long securityVersionBelow;

  private RecallQuery(String batchId, @Nullable String firmwareBelow, long securityVersionBelow) {
    this.batchId = batchId;
    this.firmwareBelow = firmwareBelow;
    this.securityVersionBelow = securityVersionBelow;
  }

  /**
   * Every active node of a batch.
   *
   * @param batchId the batch; not null
   * @return the query
   * @since 0.1
   */
  public static RecallQuery batch(String batchId) {
    return new RecallQuery(Objects.requireNonNull(batchId, "batchId"), null, -1);
  }

  /**
   * Narrows to nodes whose firmware version is below a version (in the index's scheme). A node
   * whose version does not parse in the scheme counts as below.
   *
   * @param version the bound, exclusive; not null
   * @return a new query
   * @since 0.1
   */
  public RecallQuery firmwareBelow(String version) {
    return new RecallQuery(
        batchId, Objects.requireNonNull(version, "version"), securityVersionBelow);
  }

  /**
   * Narrows to nodes whose firmware security version is below a bound. A node whose security
   * version is unknown (its image is not in the catalogue) counts as below: a recall fails safe.
   *
   * @param bound the bound, exclusive, at least 0
   * @return a new query
   * @throws IllegalArgumentException if the bound is negative
   * @since 0.1
   */
  public RecallQuery securityVersionBelow(long bound) {
    if (bound < 0) {
      throw new IllegalArgumentException("security version bound; expected >= 0, but got " + bound);
    }
    return new RecallQuery(batchId, firmwareBelow, bound);
  }

  /**
   * Returns the batch.
   *
   * @return the batch id
   * @since 0.1
   */
  public String batchId() {
    return batchId;
  }

  /**
   * Returns the firmware version bound.
   *
   * @return the exclusive bound, or null for none
   * @since 0.1
   */
  public @Nullable String firmwareBelow() {
    return firmwareBelow;
  }

  /**
   * Returns the security version bound.
   *
   * @return the exclusive bound, or -1 for none
   * @since 0.1
   */
  public long securityVersionBelow() {
    return securityVersionBelow;
  }

  @Override
  public String toString() {
    return "recall("
        + batchId
        + ", firmware<"
        + firmwareBelow
        + ", svn<"
        + securityVersionBelow
        + ")";
  }
}
