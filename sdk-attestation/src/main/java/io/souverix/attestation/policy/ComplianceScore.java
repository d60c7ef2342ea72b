package io.souverix.attestation.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A node's compliance: a set of weighted, named policies evaluated against the node's document by
 * any {@link PolicyEngine}, and the weighted share of them that passed.
 *
 * <p>{@link #score()} is {@code sum of the weights of passed policies / sum of all weights}, in
 * {@code [0, 1]}, and 1 when there are no policies or all weights are 0 (nothing to fail). A policy
 * whose evaluation fails (a {@link PolicyException}: it errs, is undefined, its engine timed out or
 * is unavailable) <strong>counts as failed for the score</strong>, fail closed, and is listed in
 * {@link #errors()} with its code, apart from the policies that were evaluated and denied ({@link
 * #failures()}), so an operator can tell "not compliant" from "could not tell".
 *
 * <p>The score is the drift module's compliance input: {@link #toDriftPolicyJson} writes the {@code
 * policy} object of a node in sdk-drift's fleet-state JSON ({@code desired_version}, {@code
 * actual_version}, {@code results: [{policy, passed, weight}]}), from which sdk-drift's {@code
 * PolicyDrift} computes the same compliance score with the same formula.
 *
 * @since 0.1
 */
public final class ComplianceScore {
  /**
   * A policy and its weight in the score.
   *
   * @param name the policy's name in the engine; not blank
   * @param weight its importance; finite and at least 0
   */
  public record WeightedPolicy(String name, double weight) {
    /**
     * Checks the fields.
     *
     * @param name the policy's name
     * @param weight its weight
     * @throws IllegalArgumentException if the name is blank or the weight negative or not finite
     */
    public WeightedPolicy {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("policy name; expected a name, but got a blank one");
      }
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "weight of %s; expected a finite number >= 0, but got %s",
                name,
                weight));
      }
    }
  }

  /** How one policy ended. */
  public enum Status {
    /** Evaluated and allowed. */
    PASSED,
    /** Evaluated and denied. */
    FAILED,
    /** Could not be evaluated; counts as failed for the score. */
    ERROR
  }

  /**
   * The outcome of one policy.
   *
   * @param policy the policy's name
   * @param weight its weight
   * @param status passed, failed (denied) or error
   * @param reasons the deny reasons, or the error's message; empty when passed
   * @param errorCode the error's code when {@code status} is {@link Status#ERROR}, else null
   */
  public record Outcome(
      String policy,
      double weight,
      Status status,
      List<String> reasons,
      PolicyException.@Nullable Code errorCode) {
    /**
     * Checks and copies.
     *
     * @param policy the policy's name
     * @param weight its weight
     * @param status its status
     * @param reasons the reasons
     * @param errorCode the code of an error
     * @throws IllegalArgumentException if an error has no code or a non-error has one
     */
    public Outcome {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(status, "status");
      reasons = List.copyOf(reasons);
      if ((status == Status.ERROR) != (errorCode != null)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "error code of %s; expected one exactly for status ERROR, but got %s for %s",
                policy,
                errorCode,
                status));
      }
    }

    /**
     * Whether the policy counts as passed for the score.
     *
     * @return true only for {@link Status#PASSED}
     */
    public boolean passed() {
      return status == Status.PASSED;
    }
  }

  private final List<Outcome> outcomes;
  private final double score;

  private ComplianceScore(List<Outcome> outcomes) {
    this.outcomes = List.copyOf(outcomes);
    double total = 0;
    double passed = 0;
    for (Outcome o : outcomes) {
      total += o.weight();
      if (o.passed()) {
        passed += o.weight();
      }
    }
    // Clamped as in sdk-drift's PolicyDrift: rounding must never push the share above 1.
    this.score = total == 0 ? 1 : Math.min(1, passed / total);
  }

  /**
   * Evaluates every policy against one node's document and scores the result. Never throws for a
   * policy that cannot be evaluated: that policy is an {@link Status#ERROR} outcome.
   *
   * @param engine the engine holding the policies; not null
   * @param policies the policies and weights, names unique; not null
   * @param input the node's document; not null
   * @return the score, with an outcome per policy in the given order
   * @throws IllegalArgumentException if a policy name appears twice
   */
  public static ComplianceScore evaluate(
      PolicyEngine engine, List<WeightedPolicy> policies, PolicyInput input) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(input, "input");
    Set<String> seen = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>(policies.size());
    for (WeightedPolicy p : policies) {
      if (!seen.add(p.name())) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "policies; expected unique names, but got %s twice", p.name()));
      }
      Outcome o;
      try {
        Decision d = engine.evaluate(p.name(), input);
        o =
            d.allow()
                ? new Outcome(p.name(), p.weight(), Status.PASSED, List.of(), null)
                : new Outcome(p.name(), p.weight(), Status.FAILED, d.reasons(), null);
      } catch (PolicyException e) {
        o =
            new Outcome(
                p.name(),
                p.weight(),
                Status.ERROR,
                List.of(String.valueOf(e.getMessage())),
                e.code());
      }
      outcomes.add(o);
    }
    return new ComplianceScore(outcomes);
  }

  /**
   * Returns the weighted share of passed policies.
   *
   * @return in {@code [0, 1]}; 1 with no policies or zero total weight
   */
  public double score() {
    return score;
  }

  /**
   * Returns every policy's outcome, in the order given to {@link #evaluate}.
   *
   * @return the outcomes, unmodifiable
   */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /**
   * Returns the policies that were evaluated and denied, with their reasons.
   *
   * @return the failed outcomes, in order
   */
  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.status() == Status.FAILED).toList();
  }

  /**
   * Returns the policies that could not be evaluated, with their codes; they count as failed.
   *
   * @return the error outcomes, in order
   */
  public List<Outcome> errors() {
    return outcomes.stream().filter(o -> o.status() == Status.ERROR).toList();
  }

  /**
   * Writes the {@code policy} object of a node in sdk-drift's fleet-state JSON: {@code
   * {"desired_version", "actual_version", "results": [{"policy", "passed", "weight"}]}}. An error
   * is written {@code "passed": false}, as it counts for the score.
   *
   * @param desiredVersion the policy set version the node should enforce; not null
   * @param actualVersion the version it enforces, or null if unknown
   * @return the JSON object's text
   */
  public String toDriftPolicyJson(String desiredVersion, @Nullable String actualVersion) {
    Objects.requireNonNull(desiredVersion, "desiredVersion");
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("desired_version", desiredVersion);
    n.put("actual_version", actualVersion);
    ArrayNode results = n.putArray("results");
    for (Outcome o : outcomes) {
      results
          .addObject()
          .put("policy", o.policy())
          .put("passed", o.passed())
          .put("weight", o.weight());
    }
    try {
      return Json.MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ComplianceScore[score=%.4f, failures=%d, errors=%d]",
        score,
        failures().size(),
        errors().size());
  }
}
