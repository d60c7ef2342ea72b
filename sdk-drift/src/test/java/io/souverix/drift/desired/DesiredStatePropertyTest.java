package io.souverix.drift.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridClock;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class DesiredStatePropertyTest {
  static final List<FieldKey> FIELDS =
      List.of(
          FieldKey.componentVersion("agent"),
          FieldKey.componentVersion("kernel"),
          FieldKey.configObject("ntp"),
          FieldKey.policyVersion("baseline"));

  /** One step of the simulation. */
  sealed interface Op {}

  /** The master sets a field of node-1 (or node-2, which node-1 must skip). */
  record Publish(boolean forNode1, FieldKey field, String value, int seconds) implements Op {}

  /** Node-1 polls once. */
  record Poll(int maxCount) implements Op {}

  /** Node-1 disconnects and comes back: a new instance from its checkpoint. */
  record Reconnect() implements Op {}

  /** Node-1 crashes losing its last saves: it restarts from an older checkpoint. */
  record Crash(int savesLost) implements Op {}

  /** The transport stores an already sent envelope again (at-least-once). */
  record Redeliver(int index) implements Op {}

  /** The link goes down or comes back: sends and polls fail while it is down. */
  record Link(boolean down) implements Op {}

  /** A store that keeps every checkpoint saved, so a crash can go back to an older one. */
  static final class HistoryStore implements DesiredStateStore {
    final List<NodeCheckpoint> saves = new ArrayList<>();

    @Override
    public Optional<NodeCheckpoint> load() {
      return saves.isEmpty() ? Optional.empty() : Optional.of(saves.get(saves.size() - 1));
    }

    @Override
    public void save(NodeCheckpoint checkpoint) {
      saves.add(checkpoint);
    }

    void dropLast(int n) {
      for (int i = 0; i < n && !saves.isEmpty(); i++) {
        saves.remove(saves.size() - 1);
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> publish =
        Combinators.combine(
                Arbitraries.of(true, true, false),
                Arbitraries.of(FIELDS),
                Arbitraries.of("1", "2", "3", "{\"x\":1}"),
                Arbitraries.integers().between(0, 3))
            .as(Publish::new);
    Arbitrary<Op> poll = Arbitraries.integers().between(1, 4).map(Poll::new);
    Arbitrary<Op> reconnect = Arbitraries.just(new Reconnect());
    Arbitrary<Op> crash = Arbitraries.integers().between(1, 5).map(Crash::new);
    Arbitrary<Op> redeliver = Arbitraries.integers().between(0, 50).map(Redeliver::new);
    Arbitrary<Op> link = Arbitraries.of(true, false).map(Link::new);
    return Arbitraries.frequencyOf(
            Tuple.of(6, publish),
            Tuple.of(5, poll),
            Tuple.of(1, reconnect),
            Tuple.of(1, crash),
            Tuple.of(2, redeliver),
            Tuple.of(1, link))
        .list()
        .ofMaxSize(40);
  }

  @Property(tries = 80)
  void anyInterleaving_ofPublishesPollsAndReconnects_nodeEndsWithMastersDesiredState(
      @ForAll("ops") List<Op> ops) throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    Fleet.Keys keys = new Fleet.Keys();
    Fleet.Wire wire = new Fleet.Wire(Transport.inProcess(keys));
    Signer masterSigner = keys.enrol("master");
    Signer nodeSigner = keys.enrol("node-1");
    DesiredStateMaster master =
        DesiredStateMaster.open(
            wire, "master", masterSigner, HybridClock.create("master", clock, Duration.ZERO));
    HistoryStore store = new HistoryStore();
    // The effect of the handler on the node: the last value it set per field.
    Map<FieldKey, String> onNode = new TreeMap<>();
    long[] lastHandled = {0};
    DesiredStateNode[] node = new DesiredStateNode[1];
    Runnable rebuild =
        () -> {
          try {
            lastHandled[0] = 0;
            node[0] =
                DesiredStateNode.builder()
                    .transport(wire)
                    .node("node-1")
                    .masterOfRecord("master")
                    .signer(nodeSigner)
                    .store(store)
                    .handler(
                        c -> {
                          // Within one incarnation, changes come in the master's order, once.
                          assertThat(c.sequence()).isGreaterThan(lastHandled[0]);
                          lastHandled[0] = c.sequence();
                          onNode.put(c.field(), c.value());
                        })
                    .clock(HybridClock.create("node-1", clock, Duration.ZERO))
                    .build();
          } catch (DesiredStateException e) {
            throw new AssertionError(e);
          }
        };
    rebuild.run();

    for (Op op : ops) {
      if (op instanceof Publish p) {
        clock.advance(Duration.ofSeconds(p.seconds()));
        try {
          master.set(p.forNode1() ? "node-1" : "node-2", p.field(), p.value());
        } catch (DesiredStateException e) {
          assertThat(wire.down).isTrue();
        }
      } else if (op instanceof Poll p) {
        try {
          node[0].poll(p.maxCount(), Duration.ZERO);
        } catch (DesiredStateException e) {
          assertThat(wire.down).isTrue();
        }
      } else if (op instanceof Reconnect) {
        rebuild.run();
      } else if (op instanceof Crash c) {
        store.dropLast(c.savesLost());
        rebuild.run();
      } else if (op instanceof Redeliver r) {
        List<TransportEnvelope> sent = wire.sentOn(DesiredStateMaster.DESIRED_CHANNEL);
        if (!sent.isEmpty() && !wire.down) {
          wire.send(sent.get(r.index() % sent.size()));
        }
      } else if (op instanceof Link l) {
        wire.down = l.down();
      }
    }

    wire.down = false;
    master.flush();
    for (int i = 0; ; i++) {
      assertThat(i).isLessThan(1_000);
      String before = node[0].checkpoint().cursor();
      node[0].poll(4, Duration.ZERO);
      if (node[0].checkpoint().cursor().equals(before)) {
        break;
      }
    }

    assertThat(node[0].desired()).isEqualTo(master.desired("node-1"));
    assertThat(node[0].checkpoint().appliedSequence()).isEqualTo(master.sequence("node-1"));
    // What the handler did on the node agrees with it, even across crashes and redeliveries.
    assertThat(onNode).isEqualTo(master.desired("node-1"));
  }
}
