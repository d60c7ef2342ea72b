package io.souverix.tck;

/**
 * Every rule of the {@link io.souverix.lifecycle.spi.PolicyEngine} conformance kit, one method
 * each. {@link PolicyEngineVerification} implements this interface, so that a rule cannot disappear
 * from the kit without the compiler noticing. The rules, their ids and one-line statements are
 * listed in {@code docs/conformance.md}; each method's Javadoc says where to look when the rule
 * fails.
 *
 * <p>Prefixes: {@code required_} rules must pass; {@code optional_} rules are skipped, with the
 * reason, when the engine declares it does not have the capability they test.
 *
 * @since 0.1
 */
public interface PolicyEngineVerificationRules {
  /**
   * PE-1.1 a policy that holds for the input allows, with no reasons.
   *
   * <p>If this fails, check how the engine maps a true result to {@code Decision.allowed()}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_PE101_policyThatHoldsAllows() throws Throwable;

  /**
   * PE-1.2 a policy that does not hold denies, with at least one non-blank reason.
   *
   * <p>If this fails, check that a false result becomes {@code Decision.denied} with a reason a
   * person can read (the policy's name at least).
   *
   * @throws Throwable when the rule is violated
   */
  void required_PE102_policyThatDoesNotHoldDeniesWithReasons() throws Throwable;

  /**
   * PE-1.3 the reasons a policy gives for a deny reach the caller unchanged and in order (engines
   * whose policies give reasons).
   *
   * <p>If this fails, check the mapping of the policy's reasons into the decision.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_PE103_policyReasonsAreCarried() throws Throwable;

  /**
   * PE-1.4 policies() lists the engine's policies, and an unknown name is UNKNOWN_POLICY.
   *
   * <p>If this fails, check the name lookup before evaluating.
   *
   * @throws Throwable when the rule is violated
   */
  void required_PE104_unknownPolicyIsUnknownPolicy() throws Throwable;

  /**
   * PE-1.5 null arguments are rejected with NullPointerException.
   *
   * <p>If this fails, add {@code Objects.requireNonNull} at the start of {@code evaluate}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_PE105_nullArgumentsAreRejected() throws Throwable;

  /**
   * PE-2.1 a policy that fails at run time is a PolicyException naming the policy, never a deny.
   *
   * <p>If this fails, check that the engine does not catch its evaluation errors and return {@code
   * Decision.denied}: callers must be able to tell "not compliant" from "could not evaluate".
   *
   * @throws Throwable when the rule is violated
   */
  void required_PE201_evaluationErrorIsAnErrorNotADenial() throws Throwable;

  /**
   * PE-2.2 an undefined result is a PolicyException UNDEFINED, neither a deny nor an allow (engines
   * with undefined results, such as OPA).
   *
   * <p>If this fails, check the case of a response without a result.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_PE202_undefinedResultIsDistinctFromDeny() throws Throwable;

  /**
   * PE-2.3 a policy that does not compile is a PolicyException COMPILE_ERROR naming the policy
   * (engines that compile policies).
   *
   * <p>If this fails, check that compile errors are reported when policies are loaded, with the
   * code COMPILE_ERROR.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_PE203_compileErrorIsReportedWithACode() throws Throwable;

  /**
   * PE-2.4 a back-end that does not answer is a PolicyException TIMEOUT within the kit's bound
   * (engines with a remote back-end).
   *
   * <p>If this fails, check the request timeout, and that retries are bounded.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_PE204_timeoutIsAnErrorWithinTheBound() throws Throwable;

  /**
   * PE-3.1 concurrent evaluations from several threads each get their own input's decision.
   *
   * <p>If this fails, look for state shared between evaluations (a cached input, a reused
   * activation or buffer).
   *
   * @throws Throwable when the rule is violated
   */
  void required_PE301_concurrentEvaluationsAreIndependent() throws Throwable;
}
