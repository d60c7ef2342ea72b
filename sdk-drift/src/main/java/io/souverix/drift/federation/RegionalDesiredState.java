package io.souverix.drift.federation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A region's desired state as a replicated value (a state-based CRDT): per field, the latest write
 * of global control, of the region and of a person, each a last-writer-wins register ordered by
 * hybrid timestamp; the field's value is chosen from the three by the field's {@link
 * AuthorityRule}.
 *
 * <p>{@link #merge} is the pointwise maximum of the registers, so it is commutative, associative
 * and idempotent: replicas that received the same set of {@link FieldUpdate}s, in any order and
 * with duplicates, are equal, and resolve every field to the same value. Resolution, per field:
 *
 * <ol>
 *   <li>a person's decision supersedes every write with an earlier timestamp; those are ignored;
 *   <li>of the remaining writes, one alone wins;
 *   <li>if both global and the region wrote: {@code GLOBAL_WINS} takes global's, {@code
 *       REGION_WINS} the region's, {@code LATEST_WINS} the greater timestamp's, and {@code
 *       HUMAN_DECISION} the common value if they agree, else it is a {@link PendingConflict} and
 *       the decision (or, without one, the earlier write) stays in force;
 *   <li>with no remaining write, the decision's value.
 * </ol>
 *
 * <p>Immutable; fields cannot be removed, only overwritten.
 *
 * @since 0.1
 */
public final class RegionalDesiredState {
  private final String region;
  private final AuthorityRules rules;
  private final TreeMap<FieldKey, Registers> registers;

  /** The three registers of one field. */
  record Registers(
      @Nullable FieldUpdate global, @Nullable FieldUpdate region, @Nullable FieldUpdate human) {
    static final Registers EMPTY = new Registers(null, null, null);

    Registers with(FieldUpdate u) {
      switch (u.authority()) {
        case GLOBAL:
          return new Registers(max(global, u), region, human);
        case REGION:
          return new Registers(global, max(region, u), human);
        default:
          return new Registers(global, region, max(human, u));
      }
    }

    Registers merge(Registers o) {
      return new Registers(max(global, o.global), max(region, o.region), max(human, o.human));
    }

    private static @Nullable FieldUpdate max(@Nullable FieldUpdate a, @Nullable FieldUpdate b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      return FieldUpdate.CAUSAL.compare(a, b) >= 0 ? a : b;
    }
  }

  private RegionalDesiredState(
      String region, AuthorityRules rules, TreeMap<FieldKey, Registers> registers) {
    this.region = region;
    this.rules = rules;
    this.registers = registers;
  }

  /**
   * Returns the empty desired state of a region.
   *
   * @param region the region id; not empty
   * @param rules the authority rules; not null
   * @return the state
   * @throws IllegalArgumentException if {@code region} is empty
   * @since 0.1
   */
  public static RegionalDesiredState empty(String region, AuthorityRules rules) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(rules, "rules");
    if (region.isEmpty()) {
      throw new IllegalArgumentException("region; expected a non-empty id, but got ''");
    }
    return new RegionalDesiredState(region, rules, new TreeMap<>());
  }

  /**
   * Returns the region.
   *
   * @return the region id
   * @since 0.1
   */
  public String region() {
    return region;
  }

  /**
   * Returns the authority rules.
   *
   * @return the rules
   * @since 0.1
   */
  public AuthorityRules rules() {
    return rules;
  }

  /**
   * Returns the state with one more update; applying an update already held changes nothing.
   *
   * @param update the update; not null
   * @return the new state
   * @since 0.1
   */
  public RegionalDesiredState apply(FieldUpdate update) {
    return applyAll(List.of(Objects.requireNonNull(update, "update")));
  }

  /**
   * Returns the state with more updates, in any order.
   *
   * @param updates the updates; not null
   * @return the new state
   * @since 0.1
   */
  public RegionalDesiredState applyAll(Collection<FieldUpdate> updates) {
    Objects.requireNonNull(updates, "updates");
    if (updates.isEmpty()) {
      return this;
    }
    TreeMap<FieldKey, Registers> next = new TreeMap<>(registers);
    for (FieldUpdate u : updates) {
      next.put(u.field(), next.getOrDefault(u.field(), Registers.EMPTY).with(u));
    }
    return new RegionalDesiredState(region, rules, next);
  }

  /**
   * Merges another replica of the same region's state: the union of both sets of updates.
   *
   * @param other the other replica; not null
   * @return the merged state
   * @throws IllegalArgumentException if {@code other} is of another region or has other rules
   * @since 0.1
   */
  public RegionalDesiredState merge(RegionalDesiredState other) {
    Objects.requireNonNull(other, "other");
    if (!region.equals(other.region) || !rules.equals(other.rules)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "merge; expected a replica of %s with the same rules, but got %s with %s",
              region,
              other.region,
              other.rules));
    }
    TreeMap<FieldKey, Registers> next = new TreeMap<>(registers);
    other.registers.forEach((k, r) -> next.merge(k, r, Registers::merge));
    return new RegionalDesiredState(region, rules, next);
  }

  /**
   * Returns every field's value after resolution (see the class comment).
   *
   * @return the values by field, in field order; unmodifiable
   * @since 0.1
   */
  public SortedMap<FieldKey, String> resolved() {
    TreeMap<FieldKey, String> out = new TreeMap<>();
    registers.forEach(
        (k, r) -> {
          String v = resolve(k, r, null);
          if (v != null) {
            out.put(k, v);
          }
        });
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * Returns one field's value after resolution.
   *
   * @param field the field; not null
   * @return the value, or empty if nobody wrote it
   * @since 0.1
   */
  public Optional<String> value(FieldKey field) {
    Registers r = registers.get(Objects.requireNonNull(field, "field"));
    return r == null ? Optional.empty() : Optional.ofNullable(resolve(field, r, null));
  }

  /**
   * Returns the fields waiting for a person's decision.
   *
   * @return the conflicts, in field order
   * @since 0.1
   */
  public List<PendingConflict> pendingConflicts() {
    List<PendingConflict> out = new ArrayList<>();
    registers.forEach((k, r) -> resolve(k, r, out));
    return List.copyOf(out);
  }

  /**
   * Returns the updates this state holds (the winner of each register): applied to an empty state
   * they give this state.
   *
   * @return the updates in causal order
   * @since 0.1
   */
  public List<FieldUpdate> updates() {
    List<FieldUpdate> out = new ArrayList<>();
    registers.values().forEach(r -> addAll(out, r));
    out.sort(FieldUpdate.CAUSAL);
    return List.copyOf(out);
  }

  /**
   * Returns the updates this state holds and {@code earlier} does not: what a replica that was at
   * {@code earlier} missed.
   *
   * @param earlier an earlier replica of this region; not null
   * @return the missing updates in causal order
   * @since 0.1
   */
  public List<FieldUpdate> updatesSince(RegionalDesiredState earlier) {
    Objects.requireNonNull(earlier, "earlier");
    List<FieldUpdate> out = new ArrayList<>();
    registers.forEach(
        (k, r) -> {
          Registers e = earlier.registers.getOrDefault(k, Registers.EMPTY);
          addIfNew(out, r.global(), e.global());
          addIfNew(out, r.region(), e.region());
          addIfNew(out, r.human(), e.human());
        });
    out.sort(FieldUpdate.CAUSAL);
    return List.copyOf(out);
  }

  private static void addAll(List<FieldUpdate> out, Registers r) {
    addIfNew(out, r.global(), null);
    addIfNew(out, r.region(), null);
    addIfNew(out, r.human(), null);
  }

  private static void addIfNew(
      List<FieldUpdate> out, @Nullable FieldUpdate now, @Nullable FieldUpdate before) {
    if (now != null && !now.equals(before)) {
      out.add(now);
    }
  }

  private @Nullable String resolve(
      FieldKey field, Registers r, @Nullable List<PendingConflict> conflicts) {
    FieldUpdate h = r.human();
    FieldUpdate g = after(r.global(), h);
    FieldUpdate reg = after(r.region(), h);
    if (g == null && reg == null) {
      return h == null ? null : h.value();
    }
    if (g == null) {
      return reg.value();
    }
    if (reg == null) {
      return g.value();
    }
    switch (rules.ruleFor(field)) {
      case GLOBAL_WINS:
        return g.value();
      case REGION_WINS:
        return reg.value();
      case LATEST_WINS:
        return (FieldUpdate.CAUSAL.compare(g, reg) >= 0 ? g : reg).value();
      default:
        if (g.value().equals(reg.value())) {
          return g.value();
        }
        String inForce =
            h != null ? h.value() : (FieldUpdate.CAUSAL.compare(g, reg) <= 0 ? g : reg).value();
        if (conflicts != null) {
          conflicts.add(new PendingConflict(field, g, reg, inForce));
        }
        return inForce;
    }
  }

  /** The write if it is after the decision (or there is none), else null: the decision saw it. */
  private static @Nullable FieldUpdate after(
      @Nullable FieldUpdate write, @Nullable FieldUpdate decision) {
    if (write == null || decision == null) {
      return write;
    }
    return write.stamp().isAfter(decision.stamp()) ? write : null;
  }

  /**
   * Returns whether {@code o} is a replica of the same region, with the same rules, holding the
   * same updates.
   *
   * @param o the other object
   * @return true if equal
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RegionalDesiredState)) {
      return false;
    }
    RegionalDesiredState s = (RegionalDesiredState) o;
    return region.equals(s.region) && rules.equals(s.rules) && registers.equals(s.registers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, registers);
  }

  @Override
  public String toString() {
    return "RegionalDesiredState{" + region + ", " + resolved() + "}";
  }
}
