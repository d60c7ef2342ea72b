package io.souverix.drift.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Global control's side of federation: a replica of every region's desired state, its own writes
 * and decisions, and the {@link Upstream} exchange regions sync through. Thread-safe.
 *
 * @since 0.1
 */
public final class GlobalControl implements Upstream {
  private final HybridClock clock;
  private final AuthorityRules rules;
  private final Map<String, RegionalDesiredState> states = new HashMap<>();
  private final Map<String, List<FieldUpdate>> logs = new HashMap<>();

  private GlobalControl(HybridClock clock, AuthorityRules rules) {
    this.clock = clock;
    this.rules = rules;
  }

  /**
   * Creates global control with no regions.
   *
   * @param clock global control's hybrid clock; its origin is global control's id; not null
   * @param rules the authority rules every region's state uses; not null
   * @return global control
   * @since 0.1
   */
  public static GlobalControl create(HybridClock clock, AuthorityRules rules) {
    return new GlobalControl(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(rules, "rules"));
  }

  /**
   * Writes a field of a region's desired state as global control.
   *
   * @param region the region; not null
   * @param field the field; not null
   * @param value the value; not null
   * @return the update, stamped by global control's clock
   * @since 0.1
   */
  public synchronized FieldUpdate set(String region, FieldKey field, String value) {
    return write(region, new FieldUpdate(field, value, Authority.GLOBAL, clock.now()));
  }

  /**
   * Records a person's decision at global control: it supersedes every write of the field that the
   * decision's timestamp is after, and so settles a pending conflict.
   *
   * @param region the region; not null
   * @param field the field; not null
   * @param value the decided value; not null
   * @return the decision, stamped by global control's clock
   * @since 0.1
   */
  public synchronized FieldUpdate decide(String region, FieldKey field, String value) {
    return write(region, new FieldUpdate(field, value, Authority.HUMAN, clock.now()));
  }

  private FieldUpdate write(String region, FieldUpdate u) {
    states.put(region, stateOf(region).apply(u));
    logs.computeIfAbsent(region, r -> new ArrayList<>()).add(u);
    return u;
  }

  /**
   * Returns global control's replica of a region's desired state.
   *
   * @param region the region; not null
   * @return the replica; empty for a region never written or synced
   * @since 0.1
   */
  public synchronized RegionalDesiredState stateOf(String region) {
    Objects.requireNonNull(region, "region");
    RegionalDesiredState s = states.get(region);
    return s != null ? s : RegionalDesiredState.empty(region, rules);
  }

  /**
   * Applies a region's updates and returns global control's updates for it after the request's
   * cursor. The request is checked whole before anything is applied.
   *
   * @param request the region's request; not null
   * @return global control's updates for the region and the next cursor
   * @throws FederationException with {@code CLOCK_AHEAD} if an update's timestamp is too far ahead
   *     of global control's clock, {@code AUTHORITY_MISMATCH} if an update is not the region's own
   *     (written as {@code REGION} or {@code HUMAN} by a clock named after the region), or {@code
   *     INVALID_REQUEST} if the cursor is beyond what global control has written for the region
   * @since 0.1
   */
  @Override
  public synchronized SyncResponse exchange(SyncRequest request) throws FederationException {
    Objects.requireNonNull(request, "request");
    String region = request.region();
    List<FieldUpdate> log = logs.getOrDefault(region, List.of());
    if (request.cursor() > log.size()) {
      throw new FederationException(
          FederationException.Code.INVALID_REQUEST,
          String.format(
              Locale.ROOT,
              "cursor of %s; expected at most %d, but got %d",
              region,
              log.size(),
              request.cursor()));
    }
    for (FieldUpdate u : request.updates()) {
      if (u.authority() == Authority.GLOBAL || !u.stamp().origin().equals(region)) {
        throw new FederationException(
            FederationException.Code.AUTHORITY_MISMATCH,
            String.format(
                Locale.ROOT,
                "update of %s from %s; expected a region or human write stamped by %s, but got %s"
                    + " stamped by %s",
                u.field(),
                region,
                region,
                u.authority(),
                u.stamp().origin()));
      }
      clock.check(u.stamp());
    }
    for (FieldUpdate u : request.updates()) {
      clock.receive(u.stamp());
    }
    states.put(region, stateOf(region).applyAll(request.updates()));
    return new SyncResponse(log.subList((int) request.cursor(), log.size()), log.size());
  }
}
