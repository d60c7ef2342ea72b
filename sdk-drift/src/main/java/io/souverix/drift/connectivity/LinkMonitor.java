package io.souverix.drift.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides one node's {@link LinkState} from heartbeats, silence and announcements, with hysteresis.
 *
 * <p>The rules, in the order they apply (thresholds from {@link LinkPolicy}):
 *
 * <ol>
 *   <li>An announcement of autonomy makes the node {@link LinkState#AUTONOMOUS} at once.
 *   <li>Silence longer than {@code offlineAfter} makes a connected, degraded or returning node
 *       {@link LinkState#OFFLINE} and counts one outage. While {@link LinkState#INTERMITTENT}
 *       because of flapping, only a silence longer than {@code flapWindow} does: an intermittent
 *       link is expected to drop.
 *   <li>{@code flapThreshold} outages within {@code flapWindow} make the link flapping: the node is
 *       {@link LinkState#INTERMITTENT}, and stays so until a whole window passes without an outage
 *       (a Schmitt trigger: the exit threshold is lower than the entry one).
 *   <li>The first heartbeat after an outage or autonomy makes the node {@link
 *       LinkState#INTERMITTENT}: the link is back but not yet proven.
 *   <li>{@code degradeAfter} consecutive slow or lossy heartbeats make a connected node {@link
 *       LinkState#DEGRADED}.
 *   <li>A better state needs {@code recoverAfter} consecutive heartbeats that qualify for it.
 * </ol>
 *
 * So a worse state is entered quickly and left slowly; a link that alternates between up and down
 * settles in {@code INTERMITTENT} instead of flapping between {@code CONNECTED} and {@code
 * OFFLINE}. Observations must come in time order. Not thread-safe: use one monitor per node from
 * one thread, or guard it.
 *
 * @since 0.1
 */
public final class LinkMonitor {
  private final String node;
  private final LinkPolicy policy;
  private final ArrayDeque<Instant> outages = new ArrayDeque<>();
  private LinkState state;
  private Instant lastHeard;
  private Instant lastSeen;
  private int degradedRun;
  private int goodRun;
  private int healthyRun;
  private boolean silent;
  private boolean flapping;

  private LinkMonitor(String node, LinkPolicy policy, LinkState initial, Instant start) {
    this.node = node;
    this.policy = policy;
    this.state = initial;
    this.lastHeard = start;
    this.lastSeen = start;
  }

  /**
   * Starts monitoring a node that is connected now.
   *
   * @param node the node id; not null
   * @param policy the thresholds; not null
   * @param start the time monitoring starts, treated as the last heartbeat; not null
   * @return the monitor, in {@link LinkState#CONNECTED}
   */
  public static LinkMonitor start(String node, LinkPolicy policy, Instant start) {
    return new LinkMonitor(
        Objects.requireNonNull(node, "node"),
        Objects.requireNonNull(policy, "policy"),
        LinkState.CONNECTED,
        Objects.requireNonNull(start, "start"));
  }

  /**
   * Returns the current state.
   *
   * @return the state
   */
  public LinkState state() {
    return state;
  }

  /**
   * Records a heartbeat.
   *
   * @param at when it arrived; not before the previous observation
   * @param latency its round-trip time; not negative
   * @param loss the loss fraction the transport reports for the last interval, in {@code [0, 1]}
   * @return the transitions it caused, oldest first: none, one, or two when the silence before it
   *     had not been ticked (offline, then intermittent)
   * @throws IllegalArgumentException if {@code at} is earlier than the previous observation, or
   *     latency or loss is out of range
   */
  public List<LinkTransition> heartbeat(Instant at, Duration latency, double loss) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative() || !(loss >= 0 && loss <= 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "heartbeat; expected latency >= 0 and loss in [0, 1], but got %s and %s",
              latency,
              loss));
    }
    advance(at);
    List<LinkTransition> out = new ArrayList<>(2);
    tick(at).ifPresent(out::add);
    boolean returning = silent || state == LinkState.AUTONOMOUS || state == LinkState.OFFLINE;
    lastHeard = at;
    silent = false;
    expire(at);
    boolean slow = latency.compareTo(policy.degradedLatency()) > 0 || loss > policy.degradedLoss();
    if (slow) {
      degradedRun++;
      goodRun = 0;
    } else {
      goodRun++;
      degradedRun = 0;
    }
    healthyRun++;
    if (returning) {
      healthyRun = 1;
      move(at, LinkState.INTERMITTENT, "heartbeat after silence; the link is not yet proven")
          .ifPresent(out::add);
      return out;
    }
    LinkState target = state;
    String reason = null;
    if (flapping) {
      target = LinkState.INTERMITTENT;
      reason = outages.size() + " outages within " + policy.flapWindow();
    } else if (state == LinkState.INTERMITTENT) {
      if (healthyRun >= policy.recoverAfter()) {
        target = goodRun >= policy.recoverAfter() ? LinkState.CONNECTED : LinkState.DEGRADED;
        reason = healthyRun + " heartbeats in a row";
      }
    } else if (state == LinkState.DEGRADED) {
      if (goodRun >= policy.recoverAfter()) {
        target = LinkState.CONNECTED;
        reason = goodRun + " good heartbeats in a row";
      }
    } else if (state == LinkState.CONNECTED && degradedRun >= policy.degradeAfter()) {
      target = LinkState.DEGRADED;
      reason =
          String.format(
              Locale.ROOT,
              "%d heartbeats in a row above %s latency or %s loss",
              degradedRun,
              policy.degradedLatency(),
              policy.degradedLoss());
    }
    if (reason != null) {
      move(at, target, reason).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Records that the node announced it operates on its own (for example before a planned link cut).
   *
   * @param at when; not before the previous observation
   * @param reason why, as the node said; not null
   * @return the transition to {@link LinkState#AUTONOMOUS}, unless already there
   * @throws IllegalArgumentException if {@code at} is earlier than the previous observation
   */
  public Optional<LinkTransition> autonomyAnnounced(Instant at, String reason) {
    Objects.requireNonNull(reason, "reason");
    advance(at);
    silent = true;
    healthyRun = 0;
    goodRun = 0;
    degradedRun = 0;
    return move(at, LinkState.AUTONOMOUS, "autonomy announced: " + reason);
  }

  /**
   * Lets time pass without a heartbeat: detects silence.
   *
   * @param now the current time; not before the previous observation
   * @return the transition to {@link LinkState#OFFLINE} if the silence is now too long
   * @throws IllegalArgumentException if {@code now} is earlier than the previous observation
   */
  public Optional<LinkTransition> tick(Instant now) {
    advance(now);
    expire(now);
    if (state == LinkState.AUTONOMOUS || state == LinkState.OFFLINE) {
      return Optional.empty();
    }
    Duration quiet = Duration.between(lastHeard, now);
    if (!silent && quiet.compareTo(policy.offlineAfter()) > 0) {
      // One outage per silence, counted when it passes the ordinary threshold.
      silent = true;
      outages.addLast(lastHeard.plus(policy.offlineAfter()));
      healthyRun = 0;
      goodRun = 0;
      degradedRun = 0;
      expire(now);
    }
    Duration allowed = flapping ? policy.flapWindow() : policy.offlineAfter();
    if (quiet.compareTo(allowed) > 0) {
      return move(now, LinkState.OFFLINE, "no heartbeat for " + quiet);
    }
    if (silent && outages.size() >= policy.flapThreshold()) {
      return move(
          now, LinkState.INTERMITTENT, outages.size() + " outages within " + policy.flapWindow());
    }
    return Optional.empty();
  }

  private void advance(Instant at) {
    Objects.requireNonNull(at, "at");
    if (at.isBefore(lastSeen)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "observation time for %s; expected at or after %s, but got %s",
              node,
              lastSeen,
              at));
    }
    lastSeen = at;
  }

  /** Drops outages older than the window; flapping starts at the threshold, ends with none left. */
  private void expire(Instant now) {
    Instant horizon = now.minus(policy.flapWindow());
    while (!outages.isEmpty() && outages.peekFirst().isBefore(horizon)) {
      outages.removeFirst();
    }
    if (outages.size() >= policy.flapThreshold()) {
      flapping = true;
    } else if (outages.isEmpty()) {
      flapping = false;
    }
  }

  private Optional<LinkTransition> move(Instant at, LinkState to, String reason) {
    if (to == state) {
      return Optional.empty();
    }
    LinkTransition t = new LinkTransition(node, state, to, at, reason);
    state = to;
    return Optional.of(t);
  }
}
