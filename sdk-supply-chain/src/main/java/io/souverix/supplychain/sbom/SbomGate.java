package io.souverix.supplychain.sbom;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a rollout may go ahead given the SBOM diff between what runs and what would run:
 * every {@link SbomRule} is checked and the result is allow, or deny with one reason per violation,
 * each {@code RULE: TEXT} naming the component ({@code KEY@VERSION}).
 *
 * <p>Policy rules see the diff through {@link #policyInput(SbomDiff)}, the JSON of {@link
 * SbomDiff#toJson()} (its schema is in {@code docs/supply-chain.md}). Immutable and thread-safe
 * when its rules are.
 *
 * @since 0.1
 */
public final class SbomGate {
  private final List<SbomRule> rules;

  private SbomGate(List<SbomRule> rules) {
    this.rules = rules;
  }

  /**
   * A gate of the given rules, checked in order.
   *
   * @param rules the rules; not null, no null element, at least one
   * @return the gate
   * @throws IllegalArgumentException if there is no rule
   * @since 0.1
   */
  public static SbomGate of(List<SbomRule> rules) {
    List<SbomRule> copy = List.copyOf(rules);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("rules; expected at least one rule, but got none");
    }
    return new SbomGate(copy);
  }

  /**
   * A gate of the four built-in rules ({@link SbomRule#builtIns()}).
   *
   * @return the gate
   * @since 0.1
   */
  public static SbomGate builtIns() {
    return new SbomGate(SbomRule.builtIns());
  }

  /**
   * The input a policy engine sees for a diff: the diff's JSON object.
   *
   * @param diff the diff; not null
   * @return the policy input
   * @throws PolicyException never in practice (the diff's JSON is always an object); declared by
   *     {@link PolicyInput#parse}
   * @since 0.1
   */
  public static PolicyInput policyInput(SbomDiff diff) throws PolicyException {
    return PolicyInput.parse(Objects.requireNonNull(diff, "diff").toJson());
  }

  /**
   * Checks every rule against a diff.
   *
   * @param diff the diff; not null
   * @return allow when no rule has a violation, else deny with every violation of every rule, in
   *     rule order, each prefixed with the rule's name
   * @throws PolicyException if a policy rule cannot be evaluated (never turned into a decision)
   * @since 0.1
   */
  public Decision evaluate(SbomDiff diff) throws PolicyException {
    Objects.requireNonNull(diff, "diff");
    List<String> reasons = new ArrayList<>();
    for (SbomRule r : rules) {
      for (String v : r.violations(diff)) {
        reasons.add(r.name() + ": " + v);
      }
    }
    return reasons.isEmpty() ? Decision.allowed() : Decision.denied(reasons);
  }

  /**
   * The rules of this gate.
   *
   * @return the rules, in order
   * @since 0.1
   */
  public List<SbomRule> rules() {
    return rules;
  }
}
