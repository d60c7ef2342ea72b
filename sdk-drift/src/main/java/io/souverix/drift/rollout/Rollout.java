package io.souverix.drift.rollout;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One rollout, driven by explicit calls: {@link #step()} advances it by the coordinator's clock,
 * {@link #reportHealth} judges an updated node, {@link #nodeReturned} brings a deferred node back,
 * and {@link #pause}, {@link #resume} and {@link #abort} are the operator's. Nothing runs in the
 * background, so a test drives a rollout with a manual clock and no threads.
 *
 * <p>Rules, in the order {@code step()} applies them:
 *
 * <ol>
 *   <li>an updated node that has not passed its gate within the policy's {@code health_timeout}
 *       fails;
 *   <li>while running, every pending node of a started wave is updated if its maintenance window is
 *       open, or deferred if it is unreachable; outside its window it waits;
 *   <li>when no node of the current wave is pending or updating (and a canary wave had a success),
 *       the next wave starts;
 *   <li>when every wave has started and every node succeeded, failed or was rolled back, the
 *       rollout completes.
 * </ol>
 *
 * <p>A failed node is rolled back to its last good version at once. A failure in a canary wave
 * aborts the rollout; after the canary, the {@link FailurePolicy} pauses or aborts it. An abort
 * with {@code rollback_on_abort} rolls back every updated node too.
 *
 * <p>Not thread-safe: one thread drives one rollout.
 *
 * @since 0.1
 */
public final class Rollout {
  private static final Set<String> NODE_EFFECTS =
      Set.of(
          EventType.ROLLOUT_NODE_UPDATED.name(),
          EventType.ROLLOUT_NODE_SUCCEEDED.name(),
          EventType.ROLLOUT_NODE_FAILED.name(),
          EventType.ROLLOUT_NODE_ROLLED_BACK.name());

  private final RolloutCoordinator coordinator;
  private final RolloutFold fold;
  private final String stream;

  Rollout(RolloutCoordinator coordinator, RolloutFold fold) {
    this.coordinator = coordinator;
    this.fold = fold;
    this.stream = RolloutCoordinator.streamId(fold.plan.rolloutId());
  }

  /**
   * Returns the rollout's id.
   *
   * @return the id
   */
  public String id() {
    return fold.plan.rolloutId();
  }

  /**
   * Returns the plan the rollout was started with.
   *
   * @return the plan
   */
  public RolloutPlan plan() {
    return fold.plan;
  }

  /**
   * Returns a snapshot of the rollout's state.
   *
   * @return the status
   */
  public RolloutStatus status() {
    return fold.status();
  }

  /**
   * Advances the rollout at the coordinator clock's current instant (see the class rules).
   *
   * @return the status afterwards
   * @throws RolloutException {@code CONFLICT} if another coordinator wrote to the rollout, {@code
   *     STORE_FAILURE} if the store fails
   */
  public RolloutStatus step() throws RolloutException {
    Instant now = coordinator.clock().instant();
    if (fold.isFinal()) {
      return status();
    }
    for (RolloutFold.NodeRec n : List.copyOf(fold.nodes.values())) {
      if (n.phase == NodePhase.UPDATING
          && n.updatedAt != null
          && !now.isBefore(n.updatedAt.plus(fold.plan.policy().healthTimeout()))) {
        fail(n, List.of(), "no health report within " + fold.plan.policy().healthTimeout(), now);
        if (fold.isFinal()) {
          return status();
        }
      }
    }
    while (fold.phase == RolloutPhase.RUNNING) {
      if (fold.currentWave < 0) {
        startWave(0, now);
      }
      for (RolloutFold.NodeRec n : List.copyOf(fold.nodes.values())) {
        if (fold.phase != RolloutPhase.RUNNING) {
          break;
        }
        if (n.wave > fold.currentWave || n.phase != NodePhase.PENDING) {
          continue;
        }
        String node = n.target.node();
        if (!reachable(node)) {
          emit(
              EventType.ROLLOUT_NODE_DEFERRED,
              now,
              "node",
              node,
              "wave",
              n.wave,
              "reason",
              "the node is unreachable (autonomous or offline)");
        } else if (inWindow(n.target, now)) {
          emit(
              EventType.ROLLOUT_NODE_UPDATED,
              now,
              "node",
              node,
              "wave",
              n.wave,
              "version",
              fold.plan.change().version());
        }
      }
      if (fold.phase == RolloutPhase.RUNNING
          && fold.settled(fold.currentWave)
          && fold.currentWave + 1 < fold.waves.size()) {
        startWave(fold.currentWave + 1, now);
        continue;
      }
      break;
    }
    if (fold.phase == RolloutPhase.RUNNING && fold.currentWave == fold.waves.size() - 1) {
      int succeeded = 0;
      int failed = 0;
      boolean done = true;
      for (RolloutFold.NodeRec n : fold.nodes.values()) {
        switch (n.phase) {
          case SUCCEEDED -> succeeded++;
          case FAILED, ROLLED_BACK -> failed++;
          default -> done = false;
        }
      }
      if (done) {
        emit(EventType.ROLLOUT_COMPLETED, now, "succeeded", succeeded, "failed", failed);
      }
    }
    return status();
  }

  /**
   * Judges an updated node's health report with the coordinator's gate. A pass records a success; a
   * failure records it, rolls the node back and applies the canary rule or the failure policy. A
   * report for a node that is not updating, or on a finished rollout, changes nothing.
   *
   * @param node the node id
   * @param report what the node reported
   * @return the node's progress afterwards
   * @throws RolloutException {@code UNKNOWN_NODE} if the node is not a target, {@code CONFLICT} or
   *     {@code STORE_FAILURE} if writing fails
   */
  public NodeProgress reportHealth(String node, HealthReport report) throws RolloutException {
    RolloutFold.NodeRec n = target(node);
    java.util.Objects.requireNonNull(report, "report");
    if (n.phase == NodePhase.UPDATING && !fold.isFinal()) {
      Instant now = coordinator.clock().instant();
      GateResult verdict;
      try {
        verdict = coordinator.gate().evaluate(node, fold.plan.change(), report);
        if (verdict == null) {
          verdict = GateResult.fail(List.of(), "the health gate returned no verdict");
        }
      } catch (RuntimeException e) {
        verdict =
            GateResult.fail(
                List.of(),
                "the health gate failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (verdict.passed()) {
        emit(
            EventType.ROLLOUT_NODE_SUCCEEDED,
            now,
            "node",
            node,
            "wave",
            n.wave,
            "checks",
            verdict.checks());
        judge(now);
      } else {
        fail(n, verdict.checks(), String.join("; ", verdict.reasons()), now);
      }
    }
    return status().node(node);
  }

  /**
   * Tells the rollout that a deferred node is reachable again; the next {@link #step()} updates it
   * (inside its window, while the rollout runs).
   *
   * @param node the node id
   * @return true if the node was deferred and is now pending; false if it was not deferred or the
   *     rollout is finished (nothing is written)
   * @throws RolloutException {@code UNKNOWN_NODE} if the node is not a target, {@code CONFLICT} or
   *     {@code STORE_FAILURE} if writing fails
   */
  public boolean nodeReturned(String node) throws RolloutException {
    RolloutFold.NodeRec n = target(node);
    if (n.phase != NodePhase.DEFERRED || fold.isFinal()) {
      return false;
    }
    emit(EventType.ROLLOUT_NODE_RETURNED, coordinator.clock().instant(), "node", node);
    return true;
  }

  /**
   * Pauses a running rollout: no further node is updated until {@link #resume}.
   *
   * @param reason why; 1 to 2000 characters
   * @return the status afterwards
   * @throws RolloutException {@code ILLEGAL_STATE} unless the rollout is running; {@code CONFLICT}
   *     or {@code STORE_FAILURE} if writing fails
   */
  public RolloutStatus pause(String reason) throws RolloutException {
    require(RolloutPhase.RUNNING, "pause");
    emit(
        EventType.ROLLOUT_PAUSED,
        coordinator.clock().instant(),
        "reason",
        Checks.text(reason, "reason", 2000),
        "by_policy",
        false);
    return status();
  }

  /**
   * Resumes a paused rollout; failures before now no longer count toward the failure rate.
   *
   * @param reason why; 1 to 2000 characters
   * @return the status afterwards
   * @throws RolloutException {@code ILLEGAL_STATE} unless the rollout is paused; {@code CONFLICT}
   *     or {@code STORE_FAILURE} if writing fails
   */
  public RolloutStatus resume(String reason) throws RolloutException {
    require(RolloutPhase.PAUSED, "resume");
    emit(
        EventType.ROLLOUT_RESUMED,
        coordinator.clock().instant(),
        "reason",
        Checks.text(reason, "reason", 2000));
    return status();
  }

  /**
   * Aborts a running or paused rollout for good; with the policy's {@code rollback_on_abort}, every
   * updated node is rolled back to its last good version.
   *
   * @param reason why; 1 to 2000 characters
   * @return the status afterwards
   * @throws RolloutException {@code ILLEGAL_STATE} if the rollout is finished; {@code CONFLICT} or
   *     {@code STORE_FAILURE} if writing fails
   */
  public RolloutStatus abort(String reason) throws RolloutException {
    if (fold.isFinal()) {
      throw illegal("abort");
    }
    abort(Checks.text(reason, "reason", 2000), false, coordinator.clock().instant());
    return status();
  }

  // ---- decisions

  private void startWave(int wave, Instant now) throws RolloutException {
    emit(EventType.ROLLOUT_WAVE_STARTED, now, "wave", wave, "nodes", fold.waves.get(wave));
  }

  private void fail(RolloutFold.NodeRec n, List<String> checks, String reason, Instant now)
      throws RolloutException {
    String node = n.target.node();
    String why = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    emit(
        EventType.ROLLOUT_NODE_FAILED,
        now,
        "node",
        node,
        "wave",
        n.wave,
        "checks",
        checks,
        "reason",
        why);
    rollBack(n, why, now);
    if (fold.isFinal()) {
      return;
    }
    if (fold.plan.isCanary(n.wave)) {
      abort("canary node " + node + " failed: " + why, true, now);
      return;
    }
    judge(now);
  }

  /** Applies the failure-rate policy to the outcomes in its window (after every outcome). */
  private void judge(Instant now) throws RolloutException {
    if (fold.phase != RolloutPhase.RUNNING) {
      return;
    }
    FailurePolicy policy = fold.plan.policy();
    Instant from = now.minus(policy.window());
    int outcomes = 0;
    int failed = 0;
    for (RolloutFold.Outcome o : fold.outcomes) {
      if (o.sequence() > fold.countAfter && !o.at().isBefore(from)) {
        outcomes++;
        failed += o.failed() ? 1 : 0;
      }
    }
    if (policy.breached(failed, outcomes)) {
      String breach =
          String.format(
              Locale.ROOT,
              "failure rate %d/%d in %s exceeds %s",
              failed,
              outcomes,
              policy.window(),
              policy.maxFailureRate());
      if (policy.onBreach() == FailurePolicy.BreachAction.PAUSE) {
        emit(EventType.ROLLOUT_PAUSED, now, "reason", breach, "by_policy", true);
      } else {
        abort(breach, true, now);
      }
    }
  }

  private void rollBack(RolloutFold.NodeRec n, String reason, Instant now) throws RolloutException {
    String lastGood = n.target.lastGoodVersion();
    if (lastGood == null) {
      return;
    }
    emit(
        EventType.ROLLOUT_NODE_ROLLED_BACK,
        now,
        "node",
        n.target.node(),
        "from_version",
        fold.plan.change().version(),
        "to_version",
        lastGood,
        "reason",
        reason);
  }

  private void abort(String reason, boolean byPolicy, Instant now) throws RolloutException {
    boolean rollback = fold.plan.policy().rollbackOnAbort();
    emit(
        EventType.ROLLOUT_ABORTED,
        now,
        "reason",
        reason,
        "by_policy",
        byPolicy,
        "rollback",
        rollback);
    if (rollback) {
      for (RolloutFold.NodeRec n : List.copyOf(fold.nodes.values())) {
        if (n.phase == NodePhase.SUCCEEDED || n.phase == NodePhase.UPDATING) {
          rollBack(n, "rollout aborted: " + reason, now);
        }
      }
    }
  }

  // ---- events

  private void emit(EventType type, Instant now, Object... fields) throws RolloutException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rollout_id", id());
    for (int i = 0; i < fields.length; i += 2) {
      m.put((String) fields[i], fields[i + 1]);
    }
    NewEvent e =
        NewEvent.builder(type)
            .eventId(coordinator.ids().next())
            .occurredAt(now)
            .actor(coordinator.actor())
            .correlationId(fold.correlationId)
            .payload(Payload.of(m))
            .build();
    RecordedEvent recorded;
    try {
      recorded =
          coordinator
              .store()
              .append(stream, ExpectedVersion.exactly(fold.version), List.of(e))
              .events()
              .get(0);
    } catch (EventStoreException ex) {
      throw RolloutCoordinator.storeFailure(stream, ex);
    }
    fold.apply(recorded);
    publishNodeEvents(recorded);
  }

  /** Re-publishes the node events of the stream's last decision if a crash lost them. */
  void repair(RecordedEvent last) throws RolloutException {
    if (!NODE_EFFECTS.contains(last.type())) {
      return;
    }
    String node = last.payload().requireText("node");
    try {
      long v = coordinator.store().streamVersion(node);
      for (RecordedEvent e : coordinator.store().readStream(node, Math.max(1, v - 7), 8)) {
        if (last.eventId().equals(e.causationId())) {
          return;
        }
      }
    } catch (EventStoreException ex) {
      throw RolloutCoordinator.storeFailure(node, ex);
    }
    publishNodeEvents(last);
  }

  private void publishNodeEvents(RecordedEvent decision) throws RolloutException {
    if (!NODE_EFFECTS.contains(decision.type())) {
      return;
    }
    Payload p = decision.payload();
    String node = p.requireText("node");
    RolloutFold.NodeRec n = fold.nodes.get(node);
    DesiredChange change = fold.plan.change();
    List<NewEvent> out = new ArrayList<>();
    String type = decision.type();
    if (type.equals(EventType.ROLLOUT_NODE_UPDATED.name())) {
      out.add(
          nodeEvent(decision, n, EventType.NODE_DESIRED_STATE_CHANGED, desired(change.version())));
      out.add(nodeEvent(decision, n, EventType.ROLLOUT_PROGRESSED, progressed(n, "started")));
    } else if (type.equals(EventType.ROLLOUT_NODE_SUCCEEDED.name())
        || type.equals(EventType.ROLLOUT_NODE_FAILED.name())) {
      boolean ok = type.equals(EventType.ROLLOUT_NODE_SUCCEEDED.name());
      out.add(
          nodeEvent(
              decision,
              n,
              EventType.NODE_HEALTH_VALIDATED,
              Payload.of("healthy", ok, "checks", p.toMap().get("checks"))));
      out.add(
          nodeEvent(
              decision,
              n,
              EventType.ROLLOUT_PROGRESSED,
              progressed(n, ok ? "succeeded" : "failed")));
    } else {
      String to = p.requireText("to_version");
      out.add(nodeEvent(decision, n, EventType.NODE_DESIRED_STATE_CHANGED, desired(to)));
      out.add(
          nodeEvent(
              decision,
              n,
              EventType.ROLLOUT_ROLLED_BACK,
              Payload.of(
                  "rollout_id",
                  id(),
                  "component",
                  change.component(),
                  "from_version",
                  p.requireText("from_version"),
                  "to_version",
                  to,
                  "reason",
                  p.requireText("reason"))));
    }
    try {
      coordinator.store().append(node, ExpectedVersion.any(), out);
    } catch (EventStoreException ex) {
      throw RolloutCoordinator.storeFailure(node, ex);
    }
  }

  private Payload desired(String version) {
    DesiredChange change = fold.plan.change();
    return Payload.of(
        "component",
        change.component(),
        change.kind().desiredStateField(),
        version,
        "source",
        fold.plan.source());
  }

  private Payload progressed(RolloutFold.NodeRec n, String status) {
    DesiredChange change = fold.plan.change();
    return Payload.of(
        "rollout_id",
        id(),
        "component",
        change.component(),
        "version",
        change.version(),
        "wave",
        n.wave,
        "status",
        status);
  }

  private NewEvent nodeEvent(
      RecordedEvent decision, RolloutFold.NodeRec n, EventType type, Payload payload) {
    return NewEvent.builder(type)
        .eventId(coordinator.ids().next())
        .occurredAt(decision.occurredAt())
        .actor(coordinator.actor())
        .region(n.target.region())
        .causationId(decision.eventId())
        .correlationId(fold.correlationId)
        .payload(payload)
        .build();
  }

  // ---- checks

  private boolean reachable(String node) {
    try {
      return coordinator.availability().isReachable(node);
    } catch (RuntimeException e) {
      return false; // an availability source that cannot answer must not let an update through
    }
  }

  private boolean inWindow(Target t, Instant now) {
    List<MaintenanceWindow> own = new ArrayList<>();
    List<MaintenanceWindow> region = new ArrayList<>();
    for (MaintenanceWindow w : fold.plan.windows()) {
      if (t.node().equals(w.node())) {
        own.add(w);
      } else if (w.region() != null && w.region().equals(t.region())) {
        region.add(w);
      }
    }
    List<MaintenanceWindow> applicable = own.isEmpty() ? region : own;
    return applicable.isEmpty() || applicable.stream().anyMatch(w -> w.isOpenAt(now));
  }

  private RolloutFold.NodeRec target(String node) throws RolloutException {
    RolloutFold.NodeRec n = fold.nodes.get(java.util.Objects.requireNonNull(node, "node"));
    if (n == null) {
      throw new RolloutException(
          RolloutException.Code.UNKNOWN_NODE,
          String.format(
              Locale.ROOT, "node; expected a target of rollout %s, but got '%s'", id(), node));
    }
    return n;
  }

  private void require(RolloutPhase phase, String what) throws RolloutException {
    if (fold.phase != phase) {
      throw illegal(what);
    }
  }

  private RolloutException illegal(String what) {
    return new RolloutException(
        RolloutException.Code.ILLEGAL_STATE,
        String.format(
            Locale.ROOT,
            "cannot %s rollout %s; expected it %s, but it is %s",
            what,
            id(),
            what.equals("resume")
                ? "paused"
                : what.equals("pause") ? "running" : "running or paused",
            fold.phase.name().toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return "Rollout[" + id() + ", " + fold.phase + "]";
  }
}
