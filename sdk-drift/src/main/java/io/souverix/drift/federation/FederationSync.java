package io.souverix.drift.federation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The design's {@code FederationSync} document: how a region federates and where it stands with
 * global control. {@link #toJson()} writes it with members in a fixed order, times and durations in
 * ISO 8601.
 *
 * @param region the region id
 * @param localAutonomy the region may write its own desired state
 * @param canOperateIsolated the region keeps operating while the upstream is unreachable
 * @param syncsOpportunistically the region syncs when the link returns, not only on schedule
 * @param syncStatus where the region stands
 * @param lastSync the last successful sync, or null if none
 * @param debt the time since the last successful sync; not negative
 * @param pendingConflicts fields waiting for a person's decision; at least 0
 * @param unsyncedUpdates the region's writes not yet acknowledged upstream; at least 0
 * @param clock the region's hybrid clock, the last timestamp it issued
 * @since 0.1
 */
public record FederationSync(
    String region,
    boolean localAutonomy,
    boolean canOperateIsolated,
    boolean syncsOpportunistically,
    SyncStatus syncStatus,
    @Nullable Instant lastSync,
    Duration debt,
    int pendingConflicts,
    int unsyncedUpdates,
    HybridTimestamp clock) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code debt} or a count is negative
   */
  public FederationSync {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(syncStatus, "syncStatus");
    Objects.requireNonNull(debt, "debt");
    Objects.requireNonNull(clock, "clock");
    if (debt.isNegative() || pendingConflicts < 0 || unsyncedUpdates < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "federation sync; expected debt and counts >= 0, but got %s, %d, %d",
              debt,
              pendingConflicts,
              unsyncedUpdates));
    }
  }

  /**
   * Returns the document as one line of JSON, members in this order: {@code region}, {@code
   * local_autonomy}, {@code can_operate_isolated}, {@code syncs_opportunistically}, {@code
   * sync_status}, {@code last_sync} (null if never), {@code debt} (ISO 8601 duration), {@code
   * debt_hours}, {@code pending_conflicts}, {@code unsynced_updates}, {@code hlc}.
   *
   * @return the JSON text
   * @since 0.1
   */
  public String toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("region", region);
    o.put("local_autonomy", localAutonomy);
    o.put("can_operate_isolated", canOperateIsolated);
    o.put("syncs_opportunistically", syncsOpportunistically);
    o.put("sync_status", syncStatus.label());
    o.put("last_sync", lastSync == null ? null : lastSync.toString());
    o.put("debt", debt.toString());
    o.put("debt_hours", debt.getSeconds() / 3600.0 + debt.getNano() / 3.6e12);
    o.put("pending_conflicts", pendingConflicts);
    o.put("unsynced_updates", unsyncedUpdates);
    o.put("hlc", clock.toString());
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      // A tree of strings, booleans and numbers always serialises; anything else is a bug here.
      throw new IllegalStateException("cannot write FederationSync: " + e.getOriginalMessage(), e);
    }
  }
}
