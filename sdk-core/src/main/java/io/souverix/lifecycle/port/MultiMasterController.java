package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Regional authority and federation between regions' stores: which region is master of record for a
 * node, export of a region's events, idempotent import into another region's store, and conflict
 * resolution.
 *
 * <p>Import appends each event with its original event id, so importing the same batch twice, or
 * overlapping batches, is a no-op for the events already present (the store's idempotent retry). An
 * event for a node whose master of record is another region than the batch's source is rejected.
 *
 * <p><b>Provisional</b>: conflict resolution is last-writer-wins by {@code (occurredAt, region)}
 * ({@link #resolve}); it does not merge and may drop a concurrent write. It will be replaced when
 * the state machine's per-command merge rules are settled.
 *
 * @since 0.1
 */
public interface MultiMasterController {
  /**
   * Returns the region that is master of record for a node: the one assigned, else the region of
   * the node's first event in this controller's store.
   *
   * @param nodeId the node; not null
   * @return the region, or empty if unknown
   * @throws EventStoreException if reading the store fails
   * @since 0.1
   */
  Optional<String> masterOf(String nodeId) throws EventStoreException;

  /**
   * Makes a region master of record for a node.
   *
   * @param nodeId the node; not null
   * @param region the region; not null
   * @since 0.1
   */
  void assign(String nodeId, String region);

  /**
   * Exports a region's events (envelope {@code region} equal to it) recorded after a position.
   *
   * @param region the region; not null
   * @param afterPosition the last position already exported, 0 for all
   * @param maxScanned the most source events to scan, 1 to 100,000
   * @return the batch; pass its {@code nextPosition} as {@code afterPosition} to continue
   * @throws EventStoreException if reading the store fails
   * @since 0.1
   */
  FederationBatch exportSince(String region, long afterPosition, int maxScanned)
      throws EventStoreException;

  /**
   * Imports another region's batch into this controller's store, idempotently.
   *
   * @param batch the batch; not null
   * @return how many events were imported, already present, or rejected
   * @throws EventStoreException if appending fails for another reason than a duplicate
   * @since 0.1
   */
  ImportResult importFrom(FederationBatch batch) throws EventStoreException;

  /**
   * Picks the winner of two conflicting events for the same stream: the later {@code occurredAt},
   * ties broken by the lexicographically greater region (an absent region loses), then by event id.
   * Provisional (see the class comment).
   *
   * @param a one event; not null
   * @param b the other; not null
   * @return the winner
   * @since 0.1
   */
  static RecordedEvent resolve(RecordedEvent a, RecordedEvent b) {
    Comparator<RecordedEvent> order =
        Comparator.comparing(RecordedEvent::occurredAt)
            .thenComparing(RecordedEvent::region, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RecordedEvent::eventId);
    return order.compare(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b")) >= 0
        ? a
        : b;
  }

  /**
   * Creates the in-process controller over one region's store.
   *
   * @param store the region's event store; not null
   * @return a new controller with no assignments; thread-safe
   * @since 0.1
   */
  static MultiMasterController inProcess(EventStore store) {
    return new InProcessMultiMaster(Objects.requireNonNull(store, "store"));
  }
}
