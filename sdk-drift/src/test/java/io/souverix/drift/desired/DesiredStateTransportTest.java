package io.souverix.drift.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.drift.autonomy.StateDifference;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridClock;
import io.souverix.drift.federation.HybridTimestamp;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import io.souverix.lifecycle.time.ManualClock;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DesiredStateTransportTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final FieldKey AGENT = FieldKey.componentVersion("agent");
  static final FieldKey NTP = FieldKey.configObject("ntp");
  static final FieldKey BASELINE = FieldKey.policyVersion("baseline");

  /** A master of record and node-1 on an in-process transport, on one fake clock. */
  static final class World {
    final ManualClock clock = ManualClock.at(T0);
    final Fleet.Keys keys = new Fleet.Keys();
    final Fleet.Wire wire = new Fleet.Wire(Transport.inProcess(keys));
    final Signer masterSigner = keys.enrol("master");
    final Signer node1Signer = keys.enrol("node-1");
    final Signer node2Signer = keys.enrol("node-2");
    final DesiredStateStore store = DesiredStateStore.inMemory();
    final List<DesiredChange> handled = new ArrayList<>();
    DesiredStateMaster master;

    World() throws Exception {
      master = openMaster();
    }

    DesiredStateMaster openMaster() throws Exception {
      return DesiredStateMaster.open(
          wire, "master", masterSigner, HybridClock.create("master", clock, Duration.ofMinutes(1)));
    }

    DesiredStateNode node() throws Exception {
      return DesiredStateNode.builder()
          .transport(wire)
          .node("node-1")
          .masterOfRecord("master")
          .signer(node1Signer)
          .store(store)
          .handler(handled::add)
          .clock(HybridClock.create("node-1", clock, Duration.ofMinutes(1)))
          .build();
    }

    void advance() {
      clock.advance(Duration.ofSeconds(1));
    }
  }

  static void pollUntilQuiet(DesiredStateNode node) throws Exception {
    for (int i = 0; i < 1_000; i++) {
      String before = node.checkpoint().cursor();
      node.poll(3, Duration.ZERO);
      if (node.checkpoint().cursor().equals(before)) {
        return;
      }
    }
    throw new AssertionError("node did not catch up");
  }

  @Test
  void poll_nodeDisconnectedWhileMasterPublishes_resumesFromCursorToExactlyMastersState()
      throws Exception {
    World w = new World();
    w.master.setComponentVersion("node-1", "agent", "2.4.0");
    w.advance();
    w.master.setConfig("node-1", "ntp", "{ \"servers\": [\"a\", \"b\"], \"iburst\": true }");
    w.advance();
    w.master.setPolicyVersion("node-1", "baseline", "7");
    DesiredStateNode node = w.node();
    PollOutcome<DesiredChange> first = node.poll(2, Duration.ZERO);
    assertThat(first.accepted()).extracting(DesiredChange::sequence).containsExactly(1L, 2L);

    // The node disconnects: the instance is gone, only its checkpoint in the store remains.
    node = null;
    for (int i = 0; i < 5; i++) {
      w.advance();
      w.master.setComponentVersion("node-1", "agent", "2.5." + i);
      w.master.setComponentVersion("node-2", "agent", "9.9." + i);
    }
    w.master.setConfig("node-1", "ntp", "{\"servers\":[\"c\"]}");

    DesiredStateNode resumed = w.node();
    assertThat(resumed.checkpoint().appliedSequence()).isEqualTo(2);
    pollUntilQuiet(resumed);

    assertThat(resumed.desired()).isEqualTo(w.master.desired("node-1"));
    assertThat(resumed.desired())
        .containsEntry(AGENT, "2.5.4")
        .containsEntry(NTP, "{\"servers\":[\"c\"]}")
        .containsEntry(BASELINE, "7");
    // No gap, no change twice, in the master's order.
    assertThat(w.handled)
        .extracting(DesiredChange::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(w.handled).allSatisfy(c -> assertThat(c.node()).isEqualTo("node-1"));
  }

  @Test
  void poll_redeliveredAndResentEnvelopes_duplicatesHarmless() throws Exception {
    World w = new World();
    w.master.setComponentVersion("node-1", "agent", "1");
    w.advance();
    w.master.setComponentVersion("node-1", "agent", "2");
    DesiredStateNode node = w.node();
    pollUntilQuiet(node);
    // At-least-once: the first envelope is stored again (a retried send).
    w.wire.send(w.wire.sentOn(DesiredStateMaster.DESIRED_CHANNEL).get(0));
    PollOutcome<DesiredChange> again = node.poll(10, Duration.ZERO);
    assertThat(again.accepted()).isEmpty();
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(node.desired()).containsEntry(AGENT, "2");

    // A crash before the checkpoint was saved: the node resumes from an older checkpoint.
    w.store.save(NodeCheckpoint.initial());
    DesiredStateNode restarted = w.node();
    pollUntilQuiet(restarted);
    assertThat(restarted.desired()).isEqualTo(w.master.desired("node-1"));
  }

  @Test
  void poll_envelopeSignedWithRevokedKey_rejectedAndNeverApplied() throws Exception {
    World w = new World();
    // A key the attacker holds is (wrongly) trusted for the master, long enough to send one.
    KeyPair stolen = Fleet.keyPair();
    Signer impostor = Signer.inMemory(stolen, SigningAlgorithm.ED25519);
    w.keys.trust("master", impostor.keyId(), stolen.getPublic());
    // Stamped ahead of anything the master will write, so it would win if it were applied.
    DesiredChange evil =
        new DesiredChange(
            "node-1",
            1,
            AGENT,
            "0.0.1-evil",
            new HybridTimestamp(T0.toEpochMilli() + 10_000, 0, "master"));
    w.wire.send(
        TransportEnvelope.sign(
            impostor, DesiredStateMaster.DESIRED_CHANNEL, "node-1", "master", 1, evil.toPayload()));
    w.keys.revoke("master", impostor.keyId());
    w.master.setComponentVersion("node-1", "agent", "2.4.1");

    DesiredStateNode node = w.node();
    PollOutcome<DesiredChange> out = node.poll(10, Duration.ZERO);

    assertThat(out.rejections()).hasSize(1);
    assertThat(out.rejections().get(0).code()).isEqualTo(TransportException.Code.UNKNOWN_KEY);
    assertThat(out.accepted()).extracting(DesiredChange::value).containsExactly("2.4.1");
    assertThat(w.handled).extracting(DesiredChange::value).doesNotContain("0.0.1-evil");
    assertThat(node.desired()).isEqualTo(w.master.desired("node-1"));
  }

  @Test
  void send_forgedOrForeignSignature_refusedAndNeverApplied() throws Exception {
    World w = new World();
    DesiredChange forged =
        new DesiredChange(
            "node-1", 1, AGENT, "0.0.1-evil", new HybridTimestamp(T0.toEpochMilli(), 0, "master"));
    // Signed with node-1's key but claiming the master's key id: the signature does not verify.
    TransportEnvelope signedByNode =
        TransportEnvelope.sign(
            w.node1Signer,
            DesiredStateMaster.DESIRED_CHANNEL,
            "node-1",
            "node-1",
            1,
            forged.toPayload());
    TransportEnvelope claimingMaster =
        TransportEnvelope.of(
            signedByNode.channel(),
            "node-1",
            "master",
            1,
            signedByNode.payload(),
            signedByNode.algorithm(),
            w.masterSigner.keyId(),
            signedByNode.signature());
    assertThatThrownBy(() -> w.wire.send(claimingMaster))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.code()).isEqualTo(TransportException.Code.SIGNATURE_INVALID));
    // With its own key id, in the master's name: the key is not the master's.
    TransportEnvelope ownKeyAsMaster =
        TransportEnvelope.sign(
            w.node1Signer,
            DesiredStateMaster.DESIRED_CHANNEL,
            "node-1",
            "master",
            1,
            forged.toPayload());
    assertThatThrownBy(() -> w.wire.send(ownKeyAsMaster))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.code()).isEqualTo(TransportException.Code.UNKNOWN_KEY));
    // Unsigned.
    assertThatThrownBy(
            () ->
                w.wire.send(
                    TransportEnvelope.of(
                        DesiredStateMaster.DESIRED_CHANNEL,
                        "node-1",
                        "master",
                        1,
                        forged.toPayload(),
                        SigningAlgorithm.ED25519,
                        "",
                        new byte[0])))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.code()).isEqualTo(TransportException.Code.UNSIGNED));
    // Correctly signed by node-2 in its own name: delivered, but node-2 is not the master.
    w.wire.send(
        TransportEnvelope.sign(
            w.node2Signer,
            DesiredStateMaster.DESIRED_CHANNEL,
            "node-1",
            "node-2",
            1,
            forged.toPayload()));

    DesiredStateNode node = w.node();
    PollOutcome<DesiredChange> out = node.poll(10, Duration.ZERO);
    assertThat(out.accepted()).isEmpty();
    assertThat(out.ignored()).singleElement().asString().contains("master of record");
    assertThat(w.handled).isEmpty();
    assertThat(node.desired()).isEmpty();
  }

  @Test
  void report_nodeLagging_masterListsTheDifference() throws Exception {
    World w = new World();
    w.master.setComponentVersion("node-1", "agent", "2.4.1");
    w.master.setPolicyVersion("node-1", "baseline", "7");
    DesiredStateNode node = w.node();
    pollUntilQuiet(node);
    node.report(Map.of(AGENT, "2.4.0", BASELINE, "7"));
    // node-2 reporting in node-1's name is delivered (its own signature) and ignored.
    w.wire.send(
        TransportEnvelope.sign(
            w.node2Signer,
            DesiredStateMaster.ACTUAL_CHANNEL,
            "node-1",
            "node-2",
            5,
            new ActualStateReport(
                    "node-1",
                    5,
                    new HybridTimestamp(1, 0, "node-2"),
                    2,
                    new TreeMap<>(Map.of(AGENT, "2.4.1", BASELINE, "7")))
                .toPayload()));

    PollOutcome<ActualStateReport> out = w.master.collectReports(10, Duration.ZERO);

    assertThat(out.accepted()).hasSize(1);
    assertThat(out.ignored()).hasSize(1);
    assertThat(w.master.actual("node-1").orElseThrow().appliedSequence()).isEqualTo(2);
    assertThat(w.master.differences("node-1"))
        .containsExactly(new StateDifference(AGENT, "2.4.1", "2.4.0"));

    node.report(Map.of(AGENT, "2.4.1", BASELINE, "7"));
    w.master.collectReports(10, Duration.ZERO);
    assertThat(w.master.differences("node-1")).isEmpty();
    assertThat(node.checkpoint().reportSequence()).isEqualTo(2);
  }

  @Test
  void open_restartedMaster_continuesEachNodesSequence() throws Exception {
    World w = new World();
    w.master.setComponentVersion("node-1", "agent", "1");
    w.master.setComponentVersion("node-1", "agent", "2");
    DesiredChange last = w.master.setComponentVersion("node-2", "agent", "x");
    DesiredStateMaster restarted = w.openMaster();
    assertThat(restarted.sequence("node-1")).isEqualTo(2);
    assertThat(restarted.desired("node-1")).isEqualTo(w.master.desired("node-1"));
    DesiredChange next = restarted.setComponentVersion("node-1", "agent", "3");
    assertThat(next.sequence()).isEqualTo(3);
    // Same physical time, new clock: recovery merged the old stamps, so the new one is after them.
    assertThat(next.stamp()).isGreaterThan(last.stamp());
    DesiredStateNode node = w.node();
    pollUntilQuiet(node);
    assertThat(node.desired()).containsEntry(AGENT, "3");
    assertThat(w.handled).extracting(DesiredChange::sequence).containsExactly(1L, 2L, 3L);
  }

  @Test
  void set_transportDown_changeQueuedAndSentByFlushInOrder() throws Exception {
    World w = new World();
    w.master.setComponentVersion("node-1", "agent", "1");
    w.wire.down = true;
    assertThatThrownBy(() -> w.master.setComponentVersion("node-1", "agent", "2"))
        .isInstanceOfSatisfying(
            DesiredStateException.class,
            e -> assertThat(e.code()).isEqualTo(DesiredStateException.Code.TRANSPORT_FAILED));
    assertThatThrownBy(() -> w.master.setPolicyVersion("node-1", "baseline", "3"))
        .isInstanceOf(DesiredStateException.class);
    assertThat(w.master.pendingCount()).isEqualTo(2);
    w.wire.down = false;
    assertThat(w.master.flush()).isEqualTo(2);
    DesiredStateNode node = w.node();
    pollUntilQuiet(node);
    assertThat(node.desired()).isEqualTo(w.master.desired("node-1"));
    assertThat(w.handled).extracting(DesiredChange::sequence).containsExactly(1L, 2L, 3L);
  }

  @Test
  void poll_handlerFails_changeOfferedAgainAndCheckpointBeforeIt() throws Exception {
    World w = new World();
    w.master.setComponentVersion("node-1", "agent", "1");
    w.master.setComponentVersion("node-1", "agent", "2");
    List<String> seen = new ArrayList<>();
    boolean[] fail = {true};
    DesiredStateNode node =
        DesiredStateNode.builder()
            .transport(w.wire)
            .node("node-1")
            .masterOfRecord("master")
            .signer(w.node1Signer)
            .store(w.store)
            .handler(
                c -> {
                  if (c.sequence() == 2 && fail[0]) {
                    throw new IllegalStateException("disk full");
                  }
                  seen.add(c.value());
                })
            .clock(HybridClock.create("node-1", w.clock, Duration.ofMinutes(1)))
            .build();
    assertThatThrownBy(() -> node.poll(10, Duration.ZERO))
        .isInstanceOfSatisfying(
            DesiredStateException.class,
            e -> assertThat(e.code()).isEqualTo(DesiredStateException.Code.APPLY_FAILED));
    assertThat(node.checkpoint().appliedSequence()).isEqualTo(1);
    assertThat(node.desired()).containsEntry(AGENT, "1");
    fail[0] = false;
    pollUntilQuiet(node);
    assertThat(seen).containsExactly("1", "2");
    assertThat(node.desired()).isEqualTo(w.master.desired("node-1"));
  }

  @Test
  void checkpoint_toJsonAndParse_roundTrips() throws Exception {
    World w = new World();
    w.master.setConfig("node-1", "ntp", "{\"b\":1,\"a\":[true,null]}");
    w.master.setPolicyVersion("node-1", "baseline", "7");
    DesiredStateNode node = w.node();
    pollUntilQuiet(node);
    NodeCheckpoint cp = node.checkpoint();
    assertThat(NodeCheckpoint.parse(cp.toJson())).isEqualTo(cp);
    assertThat(cp.desired()).containsEntry(NTP, "{\"a\":[true,null],\"b\":1}");
    assertThatThrownBy(() -> NodeCheckpoint.parse("{\"type\":\"other\"}"))
        .isInstanceOfSatisfying(
            DesiredStateException.class,
            e -> assertThat(e.code()).isEqualTo(DesiredStateException.Code.MALFORMED));
  }
}
