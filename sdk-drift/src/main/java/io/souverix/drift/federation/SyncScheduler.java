package io.souverix.drift.federation;

import io.souverix.drift.connectivity.LinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Drives a region's upstream sync from explicit {@link #tick} calls (no threads): on the policy's
 * schedule and, if the policy {@linkplain FederationPolicy#syncsOpportunistically() syncs
 * opportunistically}, as soon as the link returns or a local write is waiting. It follows the
 * region's link through {@link #linkChanged} ({@code autonomous} and {@code offline} are
 * unreachable: scheduled syncs are skipped and the region is isolated) and produces the {@code
 * FederationSync} document ({@link #document}). Not thread-safe: one driver calls it.
 *
 * @since 0.1
 */
public final class SyncScheduler {
  private final RegionalMaster master;
  private final Upstream upstream;
  private final Instant start;
  private Instant lastTick;
  private Instant nextDue;
  private LinkState link = LinkState.CONNECTED;
  private boolean returned;
  private @Nullable Instant lastSync;
  private FederationException.@Nullable Code lastFailure;

  private SyncScheduler(RegionalMaster master, Upstream upstream, Instant start) {
    this.master = master;
    this.upstream = upstream;
    this.start = start;
    this.lastTick = start;
    this.nextDue = start.plus(master.policy().syncInterval());
  }

  /**
   * Creates a scheduler whose first scheduled sync is one interval after {@code start}; the link is
   * taken as connected until told otherwise.
   *
   * @param master the region's master; not null
   * @param upstream the link to global control; not null
   * @param start now; not null
   * @return the scheduler
   * @since 0.1
   */
  public static SyncScheduler create(RegionalMaster master, Upstream upstream, Instant start) {
    return new SyncScheduler(
        Objects.requireNonNull(master, "master"),
        Objects.requireNonNull(upstream, "upstream"),
        Objects.requireNonNull(start, "start"));
  }

  /**
   * Records a change of the region's upstream link, for example from a {@code LinkMonitor}.
   *
   * @param state the new link state; not null
   * @param at when; not before the last tick
   * @throws IllegalArgumentException if {@code at} is before the last tick
   * @since 0.1
   */
  public void linkChanged(LinkState state, Instant at) {
    Objects.requireNonNull(state, "state");
    advance(at);
    boolean wasReachable = reachable(link);
    link = state;
    if (!wasReachable && reachable(state)) {
      returned = true;
    }
    master.isolated(!reachable(state));
  }

  /**
   * Syncs if due: opportunistically (link returned, or local writes waiting) when the policy allows
   * it, else on schedule. A due sync while the link is unreachable is skipped and reported as
   * failed with {@code UNREACHABLE}; after any attempt the next scheduled sync is one interval
   * later.
   *
   * @param now the current time; not before the last tick
   * @return the attempt, or empty if nothing was due
   * @throws IllegalArgumentException if {@code now} is before the last tick
   * @since 0.1
   */
  public Optional<SyncResult> tick(Instant now) {
    advance(now);
    boolean reachable = reachable(link);
    SyncResult.Trigger trigger;
    if (reachable
        && master.policy().syncsOpportunistically()
        && (returned || !master.outbox().isEmpty())) {
      trigger = SyncResult.Trigger.OPPORTUNISTIC;
    } else if (!now.isBefore(nextDue)) {
      trigger = SyncResult.Trigger.SCHEDULED;
    } else {
      return Optional.empty();
    }
    nextDue = now.plus(master.policy().syncInterval());
    if (!reachable) {
      lastFailure = FederationException.Code.UNREACHABLE;
      return Optional.of(
          new SyncResult(
              now,
              trigger,
              0,
              0,
              lastFailure,
              String.format(Locale.ROOT, "skipped: the link is %s", link.label())));
    }
    try {
      int[] counts = master.sync(upstream);
      lastSync = now;
      lastFailure = null;
      returned = false;
      master.isolated(false);
      return Optional.of(
          new SyncResult(
              now,
              trigger,
              counts[0],
              counts[1],
              null,
              String.format(Locale.ROOT, "sent %d, received %d", counts[0], counts[1])));
    } catch (FederationException e) {
      lastFailure = e.code();
      if (e.code() == FederationException.Code.UNREACHABLE) {
        master.isolated(true);
      }
      return Optional.of(new SyncResult(now, trigger, 0, 0, e.code(), e.getMessage()));
    }
  }

  /**
   * Returns where the region stands.
   *
   * @return {@code OFFLINE} if the link is unreachable or the last attempt could not reach the
   *     upstream; else {@code CONFLICTED} if fields wait for a decision; else {@code BEHIND} if the
   *     region never synced, its last attempt was refused, or local writes are waiting; else {@code
   *     IN_SYNC}
   * @since 0.1
   */
  public SyncStatus status() {
    if (!reachable(link) || lastFailure == FederationException.Code.UNREACHABLE) {
      return SyncStatus.OFFLINE;
    }
    if (!master.state().pendingConflicts().isEmpty()) {
      return SyncStatus.CONFLICTED;
    }
    if (lastSync == null || lastFailure != null || !master.outbox().isEmpty()) {
      return SyncStatus.BEHIND;
    }
    return SyncStatus.IN_SYNC;
  }

  /**
   * Returns the last successful sync.
   *
   * @return its time, or empty if none
   * @since 0.1
   */
  public Optional<Instant> lastSync() {
    return Optional.ofNullable(lastSync);
  }

  /**
   * Returns the region's {@code FederationSync} document at a time.
   *
   * @param now the current time; not before the last tick
   * @return the document; {@code debt} is the time since the last successful sync (since creation
   *     if none)
   * @throws IllegalArgumentException if {@code now} is before the last tick
   * @since 0.1
   */
  public FederationSync document(Instant now) {
    advance(now);
    FederationPolicy p = master.policy();
    Instant since = lastSync != null ? lastSync : start;
    return new FederationSync(
        master.region(),
        p.localAutonomy(),
        p.canOperateIsolated(),
        p.syncsOpportunistically(),
        status(),
        lastSync,
        Duration.between(since, now),
        master.state().pendingConflicts().size(),
        master.outbox().size(),
        master.clock().current());
  }

  private void advance(Instant now) {
    Objects.requireNonNull(now, "now");
    if (now.isBefore(lastTick)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "time; expected at or after %s, but got %s", lastTick, now));
    }
    lastTick = now;
  }

  private static boolean reachable(LinkState s) {
    return s != LinkState.AUTONOMOUS && s != LinkState.OFFLINE;
  }
}
