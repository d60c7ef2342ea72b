package io.souverix.drift.autonomy;

import io.souverix.drift.Backlog;
import io.souverix.drift.ReplayCosts;
import io.souverix.drift.SyncDebt;
import io.souverix.drift.connectivity.LinkState;
import io.souverix.drift.connectivity.LinkTransition;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.FieldUpdate;
import io.souverix.drift.federation.RegionalDesiredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One node's time in autonomous mode, from the connectivity break to its validated return.
 *
 * <ol>
 *   <li>{@link #enter}: captures a snapshot of the node's expected state (desired state and its
 *       hash) and records the break ({@link #connectivityBreak()}, a {@code
 *       node.connectivity_changed} event by {@link LinkTransition#toEvent}).
 *   <li>While away: the node's local changes ({@link #reportActual}) accumulate as {@link
 *       #drift()}; the updates it misses ({@link #missed}) accumulate as a {@link #backlog()} that
 *       feeds its {@link #debt sync debt}.
 *   <li>On return: {@link #returning} orders every missed update causally (by hybrid timestamp)
 *       into a {@link ReplayPlan}; after the node applied it, {@link #complete} compares the hash
 *       of the expected state with the hash of the node's reported state. A match resumes normal
 *       operation (backlog and debt drop to zero); a mismatch names each differing field and leaves
 *       the session returning, to be completed again.
 * </ol>
 *
 * <p>Not thread-safe: one coordinator drives a session.
 *
 * @since 0.1
 */
public final class AutonomySession {
  /** Where the session is. */
  public enum Phase {
    /** The node operates on its snapshot. */
    AUTONOMOUS,
    /** A replay plan was handed out; waiting for the node's reported state. */
    RETURNING,
    /** The replay validated; the node operates normally. */
    RESUMED
  }

  private final String node;
  private final LinkTransition connectivityBreak;
  private final RegionalDesiredState snapshotState;
  private final ExpectedState snapshot;
  private final Map<FieldKey, String> actual;
  private final Set<FieldUpdate> missed = new LinkedHashSet<>();
  private Phase phase = Phase.AUTONOMOUS;
  private @Nullable ReplayPlan plan;
  private @Nullable Instant resumedAt;
  private Instant lastObserved;

  private AutonomySession(LinkTransition connectivityBreak, RegionalDesiredState expected) {
    this.node = connectivityBreak.node();
    this.connectivityBreak = connectivityBreak;
    this.snapshotState = expected;
    this.snapshot = ExpectedState.of(node, expected.resolved());
    this.actual = new HashMap<>(snapshot.fields());
    this.lastObserved = connectivityBreak.at();
  }

  /**
   * Enters autonomous mode: captures the node's expected state and records the break.
   *
   * @param toAutonomous the node's transition to {@code autonomous}, for example from {@code
   *     LinkMonitor.autonomyAnnounced}; not null
   * @param expected the desired state of the node's region at the break; not null
   * @return the session, {@link Phase#AUTONOMOUS}
   * @throws IllegalArgumentException if the transition is not to {@code autonomous}
   * @since 0.1
   */
  public static AutonomySession enter(LinkTransition toAutonomous, RegionalDesiredState expected) {
    Objects.requireNonNull(toAutonomous, "toAutonomous");
    Objects.requireNonNull(expected, "expected");
    if (toAutonomous.to() != LinkState.AUTONOMOUS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "transition of %s; expected one to autonomous, but got one to %s",
              toAutonomous.node(),
              toAutonomous.to().label()));
    }
    return new AutonomySession(toAutonomous, expected);
  }

  /**
   * Returns the node id.
   *
   * @return the node
   * @since 0.1
   */
  public String node() {
    return node;
  }

  /**
   * Returns where the session is.
   *
   * @return the phase
   * @since 0.1
   */
  public Phase phase() {
    return phase;
  }

  /**
   * Returns the recorded connectivity break.
   *
   * @return the transition to {@code autonomous}
   * @since 0.1
   */
  public LinkTransition connectivityBreak() {
    return connectivityBreak;
  }

  /**
   * Returns the expected state captured on entering autonomy.
   *
   * @return the snapshot and its hash
   * @since 0.1
   */
  public ExpectedState snapshot() {
    return snapshot;
  }

  /**
   * Records a change the node made locally while away (its actual state).
   *
   * @param field the field; not null
   * @param value the node's actual value; not null
   * @param at when the node reported it; not before the last observation
   * @throws IllegalStateException if the session has resumed
   * @throws IllegalArgumentException if {@code at} is before the last observation
   * @since 0.1
   */
  public void reportActual(FieldKey field, String value, Instant at) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    requireAway();
    observe(at);
    actual.put(field, value);
  }

  /**
   * Returns how the node's actual state has drifted from the snapshot while away.
   *
   * @return the differing fields, in field order
   * @since 0.1
   */
  public List<StateDifference> drift() {
    return differences(snapshot.fields(), actual);
  }

  /**
   * Records an update the node did not receive; the same update twice counts once.
   *
   * @param update the update; not null
   * @param at when it was recorded upstream; not before the last observation
   * @return true if it was new
   * @throws IllegalStateException if the session is no longer autonomous
   * @throws IllegalArgumentException if {@code at} is before the last observation
   * @since 0.1
   */
  public boolean missed(FieldUpdate update, Instant at) {
    Objects.requireNonNull(update, "update");
    if (phase != Phase.AUTONOMOUS) {
      throw new IllegalStateException("missed updates are recorded while autonomous; now " + phase);
    }
    observe(at);
    return missed.add(update);
  }

  /**
   * Returns what the node owes, by class: each missed update is one message, and one configuration,
   * policy or version update (security fixes count as version updates).
   *
   * @return the backlog; {@link Backlog#EMPTY} once resumed
   * @since 0.1
   */
  public Backlog backlog() {
    if (phase == Phase.RESUMED) {
      return Backlog.EMPTY;
    }
    long config = 0;
    long policy = 0;
    long version = 0;
    for (FieldUpdate u : missed) {
      switch (u.field().kind()) {
        case CONFIG_OBJECT:
          config++;
          break;
        case POLICY_VERSION:
          policy++;
          break;
        default:
          version++;
      }
    }
    return new Backlog(missed.size(), config, policy, version);
  }

  /**
   * Returns the node's sync debt: since the break while away, since the return once resumed.
   *
   * @param now the current time; not before the break (or the return)
   * @param costs the replay rate and apply costs; not null
   * @return the debt of {@link #backlog()}
   * @throws IllegalArgumentException if {@code now} is before the last sync
   * @since 0.1
   */
  public SyncDebt debt(Instant now, ReplayCosts costs) {
    Instant lastSync = resumedAt != null ? resumedAt : connectivityBreak.at();
    return SyncDebt.compute(node, lastSync, now, backlog(), costs);
  }

  /**
   * Starts the return: adds every update of the region's current state the snapshot lacks to the
   * missed updates, and orders them causally into the plan the node must apply.
   *
   * @param current the region's desired state now (a later replica of the snapshot's); not null
   * @param at when; not before the last observation
   * @return the plan; calling again replaces it
   * @throws IllegalStateException if the session has resumed
   * @throws IllegalArgumentException if {@code current} is of another region, or {@code at} is
   *     before the last observation
   * @since 0.1
   */
  public ReplayPlan returning(RegionalDesiredState current, Instant at) {
    Objects.requireNonNull(current, "current");
    requireAway();
    if (!current.region().equals(snapshotState.region())) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "current state of %s; expected region %s, but got %s",
              node,
              snapshotState.region(),
              current.region()));
    }
    observe(at);
    missed.addAll(current.updatesSince(snapshotState));
    TreeSet<FieldUpdate> ordered = new TreeSet<>(FieldUpdate.causalOrder());
    ordered.addAll(missed);
    RegionalDesiredState state = snapshotState;
    List<ReplayStep> steps = new ArrayList<>();
    for (FieldUpdate u : ordered) {
      Optional<String> before = state.value(u.field());
      state = state.apply(u);
      Optional<String> after = state.value(u.field());
      if (after.isPresent() && !after.equals(before)) {
        steps.add(new ReplayStep(u.field(), after.get(), u.stamp()));
      }
    }
    phase = Phase.RETURNING;
    plan =
        new ReplayPlan(node, List.copyOf(ordered), steps, ExpectedState.of(node, state.resolved()));
    return plan;
  }

  /**
   * Validates the node's state after it applied the plan; on a match the node resumes normal
   * operation.
   *
   * @param reported the node's reported state; not null
   * @param at when; not before the last observation
   * @return the validation; {@link ReplayValidation#consistent()} tells whether the node resumed
   * @throws IllegalStateException if {@link #returning} was not called, or the session resumed
   * @throws IllegalArgumentException if {@code at} is before the last observation
   * @since 0.1
   */
  public ReplayValidation complete(Map<FieldKey, String> reported, Instant at) {
    Objects.requireNonNull(reported, "reported");
    ReplayPlan p = plan;
    if (phase != Phase.RETURNING || p == null) {
      throw new IllegalStateException("complete needs a replay plan; the session is " + phase);
    }
    observe(at);
    ExpectedState got = ExpectedState.of(node, reported);
    ReplayValidation v =
        new ReplayValidation(
            node,
            at,
            p.expected().hash(),
            got.hash(),
            differences(p.expected().fields(), got.fields()));
    actual.clear();
    actual.putAll(got.fields());
    if (v.consistent()) {
      phase = Phase.RESUMED;
      resumedAt = at;
      missed.clear();
    }
    return v;
  }

  private void requireAway() {
    if (phase == Phase.RESUMED) {
      throw new IllegalStateException("the session of " + node + " has resumed");
    }
  }

  private void observe(Instant at) {
    Objects.requireNonNull(at, "at");
    if (at.isBefore(lastObserved)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "time; expected at or after %s, but got %s", lastObserved, at));
    }
    lastObserved = at;
  }

  private static List<StateDifference> differences(
      Map<FieldKey, String> expected, Map<FieldKey, String> reported) {
    TreeMap<FieldKey, StateDifference> out = new TreeMap<>();
    Set<FieldKey> keys = new TreeSet<>(expected.keySet());
    keys.addAll(reported.keySet());
    for (FieldKey k : keys) {
      String e = expected.get(k);
      String r = reported.get(k);
      if (!Objects.equals(e, r)) {
        out.put(k, new StateDifference(k, e, r));
      }
    }
    return List.copyOf(out.values());
  }
}
