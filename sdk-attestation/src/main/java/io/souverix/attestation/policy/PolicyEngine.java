package io.souverix.attestation.policy;

import java.util.Set;

/**
 * Evaluates named policies against JSON documents (DESIGN.md §3).
 *
 * <p>Implementations prepare their policies once (the CEL engine compiles and type-checks them when
 * it is built) and are then thread-safe: {@link #evaluate} may be called concurrently and many
 * times. A policy that yields {@code false} is a {@link Decision} that denies; a policy that cannot
 * be evaluated is a {@link PolicyException}, never a silent denial, so callers can tell "the node
 * is not compliant" from "the policy is broken".
 *
 * @since 0.1
 */
public interface PolicyEngine {
  /**
   * The policies this engine can evaluate.
   *
   * @return their names
   */
  Set<String> policies();

  /**
   * Evaluates one policy against one input.
   *
   * @param policy the policy's name, one of {@link #policies()}
   * @param input the JSON document the policy sees as {@code input}
   * @return allow, or deny with reasons
   * @throws PolicyException if the policy is unknown, does not yield a boolean, or fails at run
   *     time
   */
  Decision evaluate(String policy, PolicyInput input) throws PolicyException;
}
