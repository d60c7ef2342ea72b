package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Federation between in-process stores: assignments in memory, copies through the SPI. */
final class InProcessMultiMaster implements MultiMasterController {
  private final EventStore store;
  private final ConcurrentHashMap<String, String> masters = new ConcurrentHashMap<>();

  InProcessMultiMaster(EventStore store) {
    this.store = store;
  }

  @Override
  public Optional<String> masterOf(String nodeId) throws EventStoreException {
    Objects.requireNonNull(nodeId, "nodeId");
    String assigned = masters.get(nodeId);
    if (assigned != null) {
      return Optional.of(assigned);
    }
    List<RecordedEvent> first = store.readStream(nodeId, 1, 1);
    return first.isEmpty() ? Optional.empty() : Optional.ofNullable(first.get(0).region());
  }

  @Override
  public void assign(String nodeId, String region) {
    masters.put(Objects.requireNonNull(nodeId, "nodeId"), Objects.requireNonNull(region, "region"));
  }

  @Override
  public FederationBatch exportSince(String region, long afterPosition, int maxScanned)
      throws EventStoreException {
    Objects.requireNonNull(region, "region");
    if (maxScanned < 1 || maxScanned > 100_000) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "maxScanned; expected 1 to 100000, but got %d", maxScanned));
    }
    List<RecordedEvent> scanned = store.readAll(Math.max(1, afterPosition + 1), maxScanned);
    List<RecordedEvent> out = new ArrayList<>();
    for (RecordedEvent e : scanned) {
      if (region.equals(e.region())) {
        out.add(e);
      }
    }
    long next = scanned.isEmpty() ? afterPosition : scanned.get(scanned.size() - 1).position();
    return new FederationBatch(region, out, next);
  }

  @Override
  public ImportResult importFrom(FederationBatch batch) throws EventStoreException {
    Objects.requireNonNull(batch, "batch");
    int imported = 0;
    int duplicates = 0;
    int rejected = 0;
    for (RecordedEvent e : batch.events()) {
      String stream = e.streamId();
      int slash = stream.indexOf('/');
      String nodeId = slash < 0 ? stream : stream.substring(0, slash);
      String master = masters.get(nodeId);
      if (master != null && !master.equals(batch.sourceRegion())) {
        rejected++;
        continue;
      }
      // One event per append: a batch mixing recorded and new ids would be refused as a whole.
      AppendResult r = store.append(stream, ExpectedVersion.any(), List.of(e.toNewEvent()));
      if (r.duplicate()) {
        duplicates++;
      } else {
        imported++;
      }
    }
    return new ImportResult(imported, duplicates, rejected);
  }
}
