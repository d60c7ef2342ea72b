package io.souverix.drift.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A region's master of record for its desired state: local writes and decisions under the region's
 * {@link FederationPolicy}, and the region's half of the sync with global control (driven by a
 * {@link SyncScheduler}). Thread-safe.
 *
 * @since 0.1
 */
public final class RegionalMaster {
  private final HybridClock clock;
  private final FederationPolicy policy;
  private RegionalDesiredState state;
  private final List<FieldUpdate> outbox = new ArrayList<>();
  private long cursor;
  private boolean isolated;

  private RegionalMaster(HybridClock clock, FederationPolicy policy, AuthorityRules rules) {
    this.clock = clock;
    this.policy = policy;
    this.state = RegionalDesiredState.empty(clock.origin(), rules);
  }

  /**
   * Creates the master of a region with an empty desired state.
   *
   * @param clock the region's hybrid clock; its origin is the region id; not null
   * @param policy the region's federation policy; not null
   * @param rules the authority rules, the same as global control's; not null
   * @return the master
   * @since 0.1
   */
  public static RegionalMaster create(
      HybridClock clock, FederationPolicy policy, AuthorityRules rules) {
    return new RegionalMaster(
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(rules, "rules"));
  }

  /**
   * Returns the region.
   *
   * @return the region id (the clock's origin)
   * @since 0.1
   */
  public String region() {
    return clock.origin();
  }

  /**
   * Returns the region's federation policy.
   *
   * @return the policy
   * @since 0.1
   */
  public FederationPolicy policy() {
    return policy;
  }

  /**
   * Returns the region's hybrid clock.
   *
   * @return the clock
   * @since 0.1
   */
  public HybridClock clock() {
    return clock;
  }

  /**
   * Writes a field of the region's desired state as the region.
   *
   * @param field the field; not null
   * @param value the value; not null
   * @return the update, stamped by the region's clock and queued for upstream
   * @throws FederationException with {@code LOCAL_WRITE_REFUSED} if the policy has no local
   *     autonomy, or the region is isolated and may not operate isolated
   * @since 0.1
   */
  public synchronized FieldUpdate set(FieldKey field, String value) throws FederationException {
    return write(field, value, Authority.REGION);
  }

  /**
   * Records a person's decision in the region; it settles a pending conflict once its timestamp is
   * after both writes.
   *
   * @param field the field; not null
   * @param value the decided value; not null
   * @return the decision, stamped by the region's clock and queued for upstream
   * @throws FederationException with {@code LOCAL_WRITE_REFUSED} as for {@link #set}
   * @since 0.1
   */
  public synchronized FieldUpdate decide(FieldKey field, String value) throws FederationException {
    return write(field, value, Authority.HUMAN);
  }

  private FieldUpdate write(FieldKey field, String value, Authority authority)
      throws FederationException {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    if (!policy.localAutonomy() || (isolated && !policy.canOperateIsolated())) {
      throw new FederationException(
          FederationException.Code.LOCAL_WRITE_REFUSED,
          String.format(
              Locale.ROOT,
              "local write of %s in %s; expected local autonomy%s, but got %s",
              field,
              region(),
              isolated ? " while isolated" : "",
              policy.localAutonomy()
                  ? "an isolated region that may not operate isolated"
                  : "none"));
    }
    FieldUpdate u = new FieldUpdate(field, value, authority, clock.now());
    state = state.apply(u);
    outbox.add(u);
    return u;
  }

  /**
   * Returns the region's desired state.
   *
   * @return the current replica
   * @since 0.1
   */
  public synchronized RegionalDesiredState state() {
    return state;
  }

  /**
   * Returns the region's updates not yet acknowledged by global control.
   *
   * @return the updates, oldest first
   * @since 0.1
   */
  public synchronized List<FieldUpdate> outbox() {
    return List.copyOf(outbox);
  }

  synchronized boolean isolated() {
    return isolated;
  }

  synchronized void isolated(boolean isolated) {
    this.isolated = isolated;
  }

  /**
   * One exchange with the upstream; the response is checked whole before anything is applied.
   *
   * @return {sent, received}
   */
  synchronized int[] sync(Upstream upstream) throws FederationException {
    List<FieldUpdate> sending = List.copyOf(outbox);
    SyncResponse response = upstream.exchange(new SyncRequest(region(), sending, cursor));
    for (FieldUpdate u : response.updates()) {
      if (u.authority() == Authority.REGION || u.stamp().origin().equals(region())) {
        throw new FederationException(
            FederationException.Code.AUTHORITY_MISMATCH,
            String.format(
                Locale.ROOT,
                "upstream update of %s; expected a global or human write by global control, but got"
                    + " %s stamped by %s",
                u.field(),
                u.authority(),
                u.stamp().origin()));
      }
      clock.check(u.stamp());
    }
    for (FieldUpdate u : response.updates()) {
      clock.receive(u.stamp());
    }
    state = state.applyAll(response.updates());
    outbox.subList(0, sending.size()).clear();
    cursor = response.cursor();
    return new int[] {sending.size(), response.updates().size()};
  }
}
