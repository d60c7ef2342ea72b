package io.souverix.lifecycle.spi;

import java.util.Set;

/**
 * Evaluates named policies against JSON documents (DESIGN.md §3): the SPI of policy back-ends,
 * implemented by the embedded CEL engine (sdk-attestation) and the OPA adapter
 * (souverix-policy-opa), and proven by the conformance kit's {@code PolicyEngineVerification}.
 *
 * <p>Implementations prepare their policies once (the CEL engine compiles and type-checks them when
 * it is built) and are then thread-safe: {@link #evaluate} may be called concurrently and many
 * times. There are exactly two outcomes:
 *
 * <ul>
 *   <li>a {@link Decision}: the policy was evaluated and allows, or denies with reasons;
 *   <li>a {@link PolicyException} with a stable {@link PolicyException.Code}: the policy could not
 *       be evaluated (does not compile, fails at run time, gives no result ({@link
 *       PolicyException.Code#UNDEFINED}), its engine timed out or is unavailable).
 * </ul>
 *
 * <p>An error is never turned into a denial by an engine, so callers can tell "the node is not
 * compliant" from "the policy is broken"; a caller that must fail closed treats the exception as
 * its own denial, explicitly.
 *
 * @since 0.1
 */
public interface PolicyEngine {
  /**
   * The policies this engine can evaluate.
   *
   * @return their names, unmodifiable
   */
  Set<String> policies();

  /**
   * Evaluates one policy against one input.
   *
   * @param policy the policy's name, one of {@link #policies()}; not null
   * @param input the JSON document the policy sees as {@code input}; not null
   * @return allow, or deny with reasons
   * @throws PolicyException if the policy is unknown ({@code UNKNOWN_POLICY}), does not yield a
   *     decision ({@code NOT_BOOLEAN}), fails at run time ({@code EVALUATION_ERROR}), gives no
   *     result ({@code UNDEFINED}), or its remote engine timed out ({@code TIMEOUT}) or is
   *     unavailable ({@code UNAVAILABLE})
   */
  Decision evaluate(String policy, PolicyInput input) throws PolicyException;
}
