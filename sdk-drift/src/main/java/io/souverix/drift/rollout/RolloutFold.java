package io.souverix.drift.rollout;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A rollout's state as a left fold of its stream: {@link #apply} is the only way it changes, so
 * replaying the stream rebuilds exactly what the coordinator had.
 */
final class RolloutFold {
  /** A node's mutable state. */
  static final class NodeRec {
    final Target target;
    final int wave;
    NodePhase phase = NodePhase.PENDING;
    @Nullable Instant updatedAt;
    @Nullable String reason;

    NodeRec(Target target, int wave) {
      this.target = target;
      this.wave = wave;
    }
  }

  record Outcome(Instant at, boolean failed, long sequence) {}

  final RolloutPlan plan;
  final List<List<String>> waves;
  final Map<String, NodeRec> nodes = new LinkedHashMap<>();
  final UUID correlationId;
  final List<Outcome> outcomes = new ArrayList<>();
  RolloutPhase phase = RolloutPhase.RUNNING;
  int currentWave = -1;
  @Nullable String reason;
  long countAfter;
  long version;

  private RolloutFold(RolloutPlan plan, RecordedEvent started) {
    this.plan = plan;
    this.waves = plan.assignWaves();
    Map<String, Target> byNode = new HashMap<>();
    plan.targets().forEach(t -> byNode.put(t.node(), t));
    for (int w = 0; w < waves.size(); w++) {
      for (String n : waves.get(w)) {
        nodes.put(n, new NodeRec(byNode.get(n), w));
      }
    }
    this.correlationId = started.eventId();
    this.version = started.sequence();
  }

  static RolloutFold start(RecordedEvent started) throws RolloutException {
    if (!started.type().equals(EventType.ROLLOUT_STARTED.name())) {
      throw corrupt(started, "the first event is not rollout.started");
    }
    return new RolloutFold(PlanJson.parse(started.payload().json()), started);
  }

  void apply(RecordedEvent e) throws RolloutException {
    if (e.sequence() != version + 1) {
      throw corrupt(e, String.format(Locale.ROOT, "expected sequence %d", version + 1));
    }
    Payload p = e.payload();
    String type = e.type();
    Instant at = e.occurredAt();
    if (type.equals(EventType.ROLLOUT_WAVE_STARTED.name())) {
      currentWave = (int) p.number("wave").orElseThrow().longValue();
    } else if (type.equals(EventType.ROLLOUT_NODE_UPDATED.name())) {
      NodeRec n = node(e);
      n.phase = NodePhase.UPDATING;
      n.updatedAt = at;
      n.reason = null;
    } else if (type.equals(EventType.ROLLOUT_NODE_SUCCEEDED.name())) {
      node(e).phase = NodePhase.SUCCEEDED;
      outcomes.add(new Outcome(at, false, e.sequence()));
    } else if (type.equals(EventType.ROLLOUT_NODE_FAILED.name())) {
      NodeRec n = node(e);
      n.phase = NodePhase.FAILED;
      n.reason = p.requireText("reason");
      outcomes.add(new Outcome(at, true, e.sequence()));
    } else if (type.equals(EventType.ROLLOUT_NODE_DEFERRED.name())) {
      NodeRec n = node(e);
      n.phase = NodePhase.DEFERRED;
      n.reason = p.requireText("reason");
    } else if (type.equals(EventType.ROLLOUT_NODE_RETURNED.name())) {
      NodeRec n = node(e);
      n.phase = NodePhase.PENDING;
      n.reason = null;
    } else if (type.equals(EventType.ROLLOUT_NODE_ROLLED_BACK.name())) {
      NodeRec n = node(e);
      n.phase = NodePhase.ROLLED_BACK;
      n.reason = p.requireText("reason");
    } else if (type.equals(EventType.ROLLOUT_PAUSED.name())) {
      phase = RolloutPhase.PAUSED;
      reason = p.requireText("reason");
    } else if (type.equals(EventType.ROLLOUT_RESUMED.name())) {
      phase = RolloutPhase.RUNNING;
      countAfter = e.sequence();
    } else if (type.equals(EventType.ROLLOUT_ABORTED.name())) {
      phase = RolloutPhase.ABORTED;
      reason = p.requireText("reason");
    } else if (type.equals(EventType.ROLLOUT_COMPLETED.name())) {
      phase = RolloutPhase.COMPLETED;
    } else {
      throw corrupt(e, "unknown rollout event type");
    }
    version = e.sequence();
  }

  private NodeRec node(RecordedEvent e) throws RolloutException {
    NodeRec n = nodes.get(e.payload().requireText("node"));
    if (n == null) {
      throw corrupt(e, "the node is not a target");
    }
    return n;
  }

  boolean isFinal() {
    return phase == RolloutPhase.ABORTED || phase == RolloutPhase.COMPLETED;
  }

  /** Whether no node of wave {@code w} is pending or updating (and a canary had a success). */
  boolean settled(int w) {
    boolean success = false;
    for (String n : waves.get(w)) {
      NodePhase ph = nodes.get(n).phase;
      if (ph == NodePhase.PENDING || ph == NodePhase.UPDATING) {
        return false;
      }
      success |= ph == NodePhase.SUCCEEDED;
    }
    return success || !plan.isCanary(w);
  }

  RolloutStatus status() {
    List<NodeProgress> list = new ArrayList<>();
    nodes.forEach((k, n) -> list.add(new NodeProgress(k, n.wave, n.phase, n.reason)));
    return new RolloutStatus(
        plan.rolloutId(), plan.change(), phase, currentWave, waves, list, reason, version);
  }

  static RolloutException corrupt(RecordedEvent e, String what) {
    return new RolloutException(
        RolloutException.Code.STORE_FAILURE,
        String.format(
            Locale.ROOT,
            "rollout stream %s is unreadable at sequence %d (%s): %s",
            e.streamId(),
            e.sequence(),
            e.type(),
            what));
  }
}
