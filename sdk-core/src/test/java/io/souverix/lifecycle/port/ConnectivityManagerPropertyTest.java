package io.souverix.lifecycle.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.FleetFixture;
import io.souverix.lifecycle.projection.TestClock;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The indexed in-process manager answers exactly like a reference that scans the store's global
 * order for every query, under any interleaving of appends, transitions reported on time or late,
 * feed pushes (in order or with gaps), queries and acknowledgements.
 */
class ConnectivityManagerPropertyTest {
  private static final String[] NODES = {"n0", "n1", "n2"};

  @Property(tries = 200)
  void indexedManager_anyHistory_answersLikeAFullScan(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
    EventStore store = EventStore.inMemory(clock);
    FleetFixture fleet = new FleetFixture(store, clock);
    InProcessConnectivityManager real = new InProcessConnectivityManager(store);
    Reference ref = new Reference(store);
    long fed = 0; // the feed's position

    for (int step = 0; step < 80; step++) {
      String node = NODES[random.nextInt(NODES.length)];
      long head = store.headPosition();
      int op = random.nextInt(10);
      if (op < 4) {
        String stream = random.nextBoolean() ? node : node + "/app";
        fleet.write(stream, EventType.NODE_DESIRED_STATE_CHANGED, "component", "app");
      } else if (op < 6) {
        long late = Math.max(0, head - random.nextInt(3));
        AutonomyTransition t =
            new AutonomyTransition(node, random.nextBoolean(), clock.instant(), late);
        real.onTransition(t);
        ref.onTransition(t);
      } else if (op == 6) {
        if (random.nextInt(4) == 0) {
          fed += 1 + random.nextInt(3); // a gap, as a partitioned runner would leave
        }
        int n = random.nextInt(4);
        List<RecordedEvent> page = fed < head ? store.readAll(fed + 1, Math.max(1, n)) : List.of();
        for (RecordedEvent e : page) {
          real.observe(e);
          fed = e.position();
        }
      } else if (op < 9) {
        check(real, ref, node);
      } else {
        SyncDebt debt = ref.syncDebt(node);
        long at = debt.fromPosition() + random.nextInt(3);
        real.acknowledge(node, at);
        ref.acknowledge(node, at);
      }
    }
    for (String node : NODES) {
      check(real, ref, node);
    }
  }

  private static void check(InProcessConnectivityManager real, Reference ref, String node)
      throws EventStoreException {
    assertThat(real.syncDebt(node)).isEqualTo(ref.syncDebt(node));
    assertThat(real.replayFrom(node)).isEqualTo(ref.replayFrom(node));
  }

  /** The manager as it was before the index: every query scans the window's global order. */
  private static final class Reference {
    private final EventStore store;
    private final Map<String, long[]> windows = new HashMap<>(); // from, to (-1 while open)
    private final Map<String, Instant> since = new HashMap<>();

    Reference(EventStore store) {
      this.store = store;
    }

    void onTransition(AutonomyTransition t) {
      long[] w = windows.get(t.nodeId());
      if (t.autonomous()) {
        if (w == null) {
          windows.put(t.nodeId(), new long[] {t.position(), -1});
          since.put(t.nodeId(), t.at());
        } else {
          w[1] = -1;
        }
      } else if (w != null && w[1] < 0) {
        w[1] = Math.max(w[0], t.position());
      }
    }

    SyncDebt syncDebt(String node) throws EventStoreException {
      long[] w = windows.get(node);
      if (w == null) {
        return SyncDebt.none(node);
      }
      long to = w[1] < 0 ? store.headPosition() : w[1];
      return new SyncDebt(node, w[1] < 0, since.get(node), w[0], to, replayFrom(node).size());
    }

    List<RecordedEvent> replayFrom(String node) throws EventStoreException {
      long[] w = windows.get(node);
      List<RecordedEvent> out = new ArrayList<>();
      if (w == null) {
        return out;
      }
      long to = w[1] < 0 ? store.headPosition() : w[1];
      for (RecordedEvent e : store.readAll(1, Integer.MAX_VALUE)) {
        if (e.position() > w[0]
            && e.position() <= to
            && (e.streamId().equals(node) || e.streamId().startsWith(node + "/"))) {
          out.add(e);
        }
      }
      return out;
    }

    void acknowledge(String node, long position) {
      long[] w = windows.get(node);
      if (w == null) {
        return;
      }
      w[0] = Math.max(w[0], position);
      if (w[1] >= 0 && w[0] >= w[1]) {
        windows.remove(node);
        since.remove(node);
      }
    }
  }
}
