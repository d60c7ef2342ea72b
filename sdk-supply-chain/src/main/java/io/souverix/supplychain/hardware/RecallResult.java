package io.souverix.supplychain.hardware;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link RecallQuery}.
 *
 * @param batchId the batch
 * @param nodeIds the matching node ids, ascending by firmware version (by security version for a
 *     query with only a security bound), ties in the order the nodes joined the batch
 * @param byRegion the number of matching nodes per region ({@code "unknown"} for none), sorted
 * @since 0.1
 */
public record RecallResult(String batchId, List<String> nodeIds, Map<String, Integer> byRegion) {
  /**
   * Copies the collections.
   *
   * @throws NullPointerException if a field is null
   */
  public RecallResult {
    Objects.requireNonNull(batchId, "batchId");
    nodeIds = List.copyOf(nodeIds);
    byRegion = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byRegion));
  }

  /**
   * Returns the number of matching nodes.
   *
   * @return the count
   * @since 0.1
   */
  public int count() {
    return nodeIds.size();
  }
}
