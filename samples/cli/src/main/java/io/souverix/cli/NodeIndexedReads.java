package io.souverix.cli;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a store for a {@link io.souverix.lifecycle.port.ConnectivityManager} that
 * answers for one node at a time.
 *
 * <p>The in-process manager finds a node's missed events by scanning the global order of the node's
 * window and keeping the events of the node's streams ({@code nodeId} and {@code nodeId/...}). For
 * a whole region coming back, each window holds the region's events, so scanning them per node
 * costs O(nodes x window). This view loads the window's events once, indexed by node, and while
 * {@link #focus focused} on a node its {@code readAll} returns only that node's events, positions
 * unchanged. The manager keeps exactly the events it would keep from the full scan, because it only
 * ever keeps the focused node's events; positions outside the loaded range come from the store.
 */
final class NodeIndexedReads implements EventStore {
  private final EventStore delegate;
  private final long from;
  private final long to;
  private final Map<String, List<RecordedEvent>> byNode = new HashMap<>();
  private List<RecordedEvent> focused = List.of();

  private NodeIndexedReads(EventStore delegate, long from, long to) {
    this.delegate = delegate;
    this.from = from;
    this.to = to;
  }

  /** Loads the events at positions {@code from..to} (inclusive) of {@code store}. */
  static NodeIndexedReads load(EventStore store, long from, long to) throws EventStoreException {
    NodeIndexedReads view = new NodeIndexedReads(store, from, to);
    long next = from;
    while (next <= to) {
      List<RecordedEvent> page = store.readAll(next, 4096);
      if (page.isEmpty()) {
        break;
      }
      for (RecordedEvent e : page) {
        if (e.position() > to) {
          break;
        }
        String stream = e.streamId();
        int slash = stream.indexOf('/');
        String node = slash < 0 ? stream : stream.substring(0, slash);
        view.byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(e);
      }
      next = page.get(page.size() - 1).position() + 1;
    }
    return view;
  }

  /** Makes reads inside the loaded range return only this node's events. */
  void focus(String nodeId) {
    focused = byNode.getOrDefault(nodeId, List.of());
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    if (fromPosition < from || fromPosition > to) {
      return delegate.readAll(fromPosition, maxCount);
    }
    int lo = 0;
    int hi = focused.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (focused.get(mid).position() < fromPosition) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == focused.size()) {
      // Nothing more of this node in the range: continue the scan after the range.
      return to < delegate.headPosition() ? delegate.readAll(to + 1, maxCount) : List.of();
    }
    return focused.subList(lo, Math.min(focused.size(), lo + maxCount));
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events) {
    throw new UnsupportedOperationException("a read-only view");
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    return delegate.readStream(streamId, fromSequence, maxCount);
  }

  @Override
  public long streamVersion(String streamId) throws EventStoreException {
    return delegate.streamVersion(streamId);
  }

  @Override
  public long headPosition() throws EventStoreException {
    return delegate.headPosition();
  }

  @Override
  public void close() {
    // A view: the store belongs to the caller.
  }
}
