package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Keeps one autonomy window per node and reads the missed events from the store. */
final class InProcessConnectivityManager implements ConnectivityManager {
  private static final int PAGE = 1024;

  private final EventStore store;
  private final Map<String, Window> windows = new HashMap<>();

  InProcessConnectivityManager(EventStore store) {
    this.store = store;
  }

  /** Events for the node lie in (from, to]; to is -1 while the node is still autonomous. */
  private static final class Window {
    final Instant since;
    long from;
    long to = -1;

    Window(Instant since, long from) {
      this.since = since;
      this.from = from;
    }
  }

  @Override
  public synchronized void onTransition(AutonomyTransition t) {
    Objects.requireNonNull(t, "transition");
    Window w = windows.get(t.nodeId());
    if (t.autonomous()) {
      if (w == null) {
        windows.put(t.nodeId(), new Window(t.at(), t.position()));
      } else {
        w.to = -1; // gone again before the replay finished: the window grows
      }
    } else if (w != null && w.to < 0) {
      w.to = Math.max(w.from, t.position());
    }
  }

  @Override
  public SyncDebt syncDebt(String nodeId) throws EventStoreException {
    Objects.requireNonNull(nodeId, "nodeId");
    Bounds b = bounds(nodeId);
    if (b == null) {
      return SyncDebt.none(nodeId);
    }
    return new SyncDebt(nodeId, b.open, b.since, b.from, b.to, missed(nodeId, b.from, b.to).size());
  }

  @Override
  public List<RecordedEvent> replayFrom(String nodeId) throws EventStoreException {
    Objects.requireNonNull(nodeId, "nodeId");
    Bounds b = bounds(nodeId);
    return b == null ? List.of() : List.copyOf(missed(nodeId, b.from, b.to));
  }

  @Override
  public synchronized void acknowledge(String nodeId, long position) {
    Objects.requireNonNull(nodeId, "nodeId");
    Window w = windows.get(nodeId);
    if (w == null) {
      return;
    }
    w.from = Math.max(w.from, position);
    if (w.to >= 0 && w.from >= w.to) {
      windows.remove(nodeId);
    }
  }

  private record Bounds(long from, long to, boolean open, Instant since) {}

  /** Returns the window's bounds, "to" being the head for an open window; null if none. */
  private @Nullable Bounds bounds(String nodeId) throws EventStoreException {
    long from;
    long to;
    Instant since;
    synchronized (this) {
      Window w = windows.get(nodeId);
      if (w == null) {
        return null;
      }
      from = w.from;
      to = w.to;
      since = w.since;
    }
    boolean open = to < 0;
    return new Bounds(from, open ? store.headPosition() : to, open, since);
  }

  private List<RecordedEvent> missed(String nodeId, long from, long to) throws EventStoreException {
    List<RecordedEvent> out = new ArrayList<>();
    String prefix = nodeId + "/";
    long next = from + 1;
    while (next <= to) {
      List<RecordedEvent> page = store.readAll(next, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (RecordedEvent e : page) {
        if (e.position() > to) {
          return out;
        }
        if (e.streamId().equals(nodeId) || e.streamId().startsWith(prefix)) {
          out.add(e);
        }
      }
      next = page.get(page.size() - 1).position() + 1;
    }
    return out;
  }
}
