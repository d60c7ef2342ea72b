package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps one autonomy window per node and, per window, an index of the node's events in it: for each
 * of the node's streams, the first sequence and the global positions. A node's debt is the size of
 * its index and its replay reads exactly its events, stream by stream, so a whole region coming
 * back costs the region's missed events, not nodes x window.
 *
 * <p>The index is complete up to {@code indexedTo}: every window holds, for each position in its
 * bounds and at or below {@code indexedTo}, the event there if it is its node's. It grows two ways.
 * The transitions feed pushes each event it applies ({@link #observe}), taken when it is the next
 * position. A query scans the store from {@code indexedTo} to the head, once for every window. A
 * window that opens or reopens below {@code indexedTo} (a transition reported late) is backfilled
 * by the next scan, which then starts at the lowest such window.
 */
final class InProcessConnectivityManager implements ConnectivityManager {
  private static final int PAGE = 1024;

  private final EventStore store;
  private final Map<String, Window> windows = new HashMap<>();
  private final Set<Window> backfill = new HashSet<>();
  private long indexedTo;

  InProcessConnectivityManager(EventStore store) {
    this.store = store;
  }

  /**
   * Events for the node lie in (from, to]; to is -1 while the node is still autonomous. Identity
   * equality: windows are kept in a set by identity.
   */
  private static final class Window {
    final Instant since;
    long from;
    long to = -1;

    /** Positions in (backfillFrom, indexedTo] still to be indexed; -1 if none. */
    long backfillFrom = -1;

    final Map<String, Span> spans = new HashMap<>(4);
    long count;

    Window(Instant since, long from) {
      this.since = since;
      this.from = from;
    }

    boolean covers(long position) {
      return position > from && (to < 0 || position <= to);
    }

    void record(RecordedEvent e) {
      Span s = spans.get(e.streamId());
      if (s == null) {
        s = new Span(e.sequence());
        spans.put(e.streamId(), s);
      }
      if (s.add(e.position())) {
        count++;
      }
    }

    /** Forgets the events at or below a position (acknowledged). */
    void dropThrough(long position) {
      for (Iterator<Span> it = spans.values().iterator(); it.hasNext(); ) {
        Span s = it.next();
        count -= s.dropThrough(position);
        if (s.isEmpty()) {
          it.remove();
        }
      }
    }

    /** Forgets the events above a position (the window closed below them). */
    void dropAfter(long position) {
      for (Iterator<Span> it = spans.values().iterator(); it.hasNext(); ) {
        Span s = it.next();
        count -= s.dropAfter(position);
        if (s.isEmpty()) {
          it.remove();
        }
      }
    }
  }

  /** One stream's events in a window: consecutive sequences from firstSequence, with positions. */
  private static final class Span {
    long firstSequence;
    long[] positions = new long[4];
    int start;
    int end;

    Span(long firstSequence) {
      this.firstSequence = firstSequence;
    }

    boolean isEmpty() {
      return start == end;
    }

    boolean add(long position) {
      if (end > start && positions[end - 1] >= position) {
        return false; // already indexed
      }
      if (end == positions.length) {
        if (start > 0) {
          System.arraycopy(positions, start, positions, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end == positions.length) {
          positions = Arrays.copyOf(positions, positions.length * 2);
        }
      }
      positions[end++] = position;
      return true;
    }

    int dropThrough(long position) {
      int n = 0;
      while (start < end && positions[start] <= position) {
        start++;
        firstSequence++;
        n++;
      }
      return n;
    }

    int dropAfter(long position) {
      int n = 0;
      while (end > start && positions[end - 1] > position) {
        end--;
        n++;
      }
      return n;
    }
  }

  @Override
  public synchronized void onTransition(AutonomyTransition t) {
    Objects.requireNonNull(t, "transition");
    Window w = windows.get(t.nodeId());
    if (t.autonomous()) {
      if (w == null) {
        if (windows.isEmpty()) {
          // No window needs anything below this transition: the index may start here.
          indexedTo = Math.max(indexedTo, t.position());
        }
        w = new Window(t.at(), t.position());
        windows.put(t.nodeId(), w);
        if (t.position() < indexedTo) {
          needBackfill(w, t.position());
        }
      } else if (w.to >= 0) {
        // Gone again before the replay finished: the window grows, gap included.
        if (w.to < indexedTo) {
          needBackfill(w, w.to);
        }
        w.to = -1;
      }
    } else if (w != null && w.to < 0) {
      w.to = Math.max(w.from, t.position());
      w.dropAfter(w.to);
    }
  }

  private void needBackfill(Window w, long after) {
    w.backfillFrom = w.backfillFrom < 0 ? after : Math.min(w.backfillFrom, after);
    backfill.add(w);
  }

  /**
   * Indexes one event of the global order, from the transitions feed; taken only if it is the next
   * position to index, otherwise left to the next query's scan.
   */
  synchronized void observe(RecordedEvent e) {
    long position = e.position();
    if (windows.isEmpty()) {
      indexedTo = Math.max(indexedTo, position);
      return;
    }
    if (position != indexedTo + 1 || !backfill.isEmpty()) {
      return;
    }
    Window w = windows.get(nodeOf(e.streamId()));
    if (w != null && w.covers(position)) {
      w.record(e);
    }
    indexedTo = position;
  }

  @Override
  public synchronized SyncDebt syncDebt(String nodeId) throws EventStoreException {
    Objects.requireNonNull(nodeId, "nodeId");
    Window w = windows.get(nodeId);
    if (w == null) {
      return SyncDebt.none(nodeId);
    }
    catchUp();
    boolean open = w.to < 0;
    return new SyncDebt(nodeId, open, w.since, w.from, open ? indexedTo : w.to, w.count);
  }

  private record Part(String streamId, long firstSequence, long[] positions) {}

  @Override
  public List<RecordedEvent> replayFrom(String nodeId) throws EventStoreException {
    Objects.requireNonNull(nodeId, "nodeId");
    List<Part> parts = new ArrayList<>();
    synchronized (this) {
      Window w = windows.get(nodeId);
      if (w == null) {
        return List.of();
      }
      catchUp();
      w.spans.forEach(
          (stream, s) ->
              parts.add(
                  new Part(
                      stream, s.firstSequence, Arrays.copyOfRange(s.positions, s.start, s.end))));
    }
    // The store is append-only, so the indexed events can be read without holding the lock.
    List<RecordedEvent> out = new ArrayList<>();
    for (Part p : parts) {
      read(nodeId, p, out);
    }
    out.sort(Comparator.comparingLong(RecordedEvent::position));
    return List.copyOf(out);
  }

  private void read(String nodeId, Part p, List<RecordedEvent> out) throws EventStoreException {
    int i = 0;
    while (i < p.positions.length) {
      List<RecordedEvent> page =
          store.readStream(p.streamId, p.firstSequence + i, Math.min(PAGE, p.positions.length - i));
      if (page.isEmpty()) {
        break;
      }
      for (RecordedEvent e : page) {
        if (i == p.positions.length) {
          return;
        }
        if (e.position() != p.positions[i]) {
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT,
                  "replay of %s from stream %s; expected the event at position %d, but got %d",
                  nodeId,
                  p.streamId,
                  p.positions[i],
                  e.position()));
        }
        out.add(e);
        i++;
      }
    }
    if (i < p.positions.length) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "replay of %s from stream %s; expected %d events, but got %d",
              nodeId,
              p.streamId,
              p.positions.length,
              i));
    }
  }

  @Override
  public synchronized void acknowledge(String nodeId, long position) {
    Objects.requireNonNull(nodeId, "nodeId");
    Window w = windows.get(nodeId);
    if (w == null) {
      return;
    }
    w.from = Math.max(w.from, position);
    w.dropThrough(w.from);
    if (w.to >= 0 && w.from >= w.to) {
      windows.remove(nodeId);
      backfill.remove(w);
    }
  }

  /**
   * Brings the index up to the store's head in one scan of the global order, starting at the lowest
   * position a window still needs.
   */
  private void catchUp() throws EventStoreException {
    long head = store.headPosition();
    long start = indexedTo;
    for (Window w : backfill) {
      start = Math.min(start, w.backfillFrom);
    }
    long next = start + 1;
    while (next <= head) {
      List<RecordedEvent> page = store.readAll(next, (int) Math.min(PAGE, head - next + 1));
      if (page.isEmpty()) {
        break;
      }
      for (RecordedEvent e : page) {
        long q = e.position();
        if (q > head) {
          break;
        }
        Window w = windows.get(nodeOf(e.streamId()));
        if (w != null
            && w.covers(q)
            && (q > indexedTo || (w.backfillFrom >= 0 && q > w.backfillFrom))) {
          w.record(e);
        }
      }
      next = page.get(page.size() - 1).position() + 1;
    }
    for (Window w : backfill) {
      w.backfillFrom = -1;
    }
    backfill.clear();
    indexedTo = Math.max(indexedTo, head);
  }

  private static String nodeOf(String streamId) {
    int slash = streamId.indexOf('/');
    return slash < 0 ? streamId : streamId.substring(0, slash);
  }
}
