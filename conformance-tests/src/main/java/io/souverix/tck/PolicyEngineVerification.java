package io.souverix.tck;

import static io.souverix.tck.EventStoreVerification.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance rules of the {@link PolicyEngine} SPI. A vendor extends this class in its test
 * sources and implements {@link #createEngine(TckEnvironment)}, returning an engine that holds the
 * kit's fixture policies, written in the engine's own language:
 *
 * <ul>
 *   <li>{@value #TRUSTED}: holds exactly when {@code input.trusted} is {@code true} (inputs always
 *       have a boolean {@code trusted});
 *   <li>{@value #FAILING}: fails at run time for every input the kit gives (for example by reading
 *       {@code input.tck_absent.value}, a field the kit's inputs never have);
 *   <li>{@value #REASONS} (when {@link #policiesGiveReasons()}): denies with the strings of {@code
 *       input.reasons}, in order;
 *   <li>{@value #UNDEFINED} (when {@link #hasUndefinedResults()}): gives no result for any input.
 * </ul>
 *
 * <pre>{@code
 * class CelConformanceTest extends PolicyEngineVerification {
 *   protected PolicyEngine createEngine(TckEnvironment env) throws Exception {
 *     return CelPolicyEngine.compile(Map.of(
 *         TRUSTED, "input.trusted == true",
 *         FAILING, "input.tck_absent.value == 1"));
 *   }
 * }
 * }</pre>
 *
 * <p>Capability hooks ({@link #policiesGiveReasons()}, {@link #hasUndefinedResults()}, {@link
 * #supportsCompilation()}, {@link #createUnresponsiveEngine}) declare what an engine does not have;
 * the rules that need it are then reported as skipped, with the reason, never as passed. Rule ids
 * ({@code PE-x.y}) are listed in {@code docs/conformance.md}.
 *
 * @since 0.1
 */
@DisplayName("PolicyEngine conformance")
public abstract class PolicyEngineVerification implements PolicyEngineVerificationRules {
  /** The fixture policy that holds exactly when {@code input.trusted} is true. */
  public static final String TRUSTED = "tck_trusted";

  /** The fixture policy that fails at run time for every input of the kit. */
  public static final String FAILING = "tck_failing";

  /** The fixture policy that denies with the reasons in {@code input.reasons}. */
  public static final String REASONS = "tck_reasons";

  /** The fixture policy that gives no result (undefined). */
  public static final String UNDEFINED = "tck_undefined";

  /** The timeout the kit asks {@link #createUnresponsiveEngine} to configure. */
  public static final Duration UNRESPONSIVE_TIMEOUT = Duration.ofMillis(200);

  private static final int THREADS = 4;

  private @Nullable TckEnvironment env;
  private @Nullable PolicyEngine engine;

  /**
   * Creates the engine under test, holding the fixture policies (see the class documentation).
   *
   * @param env the test's environment
   * @return the engine
   * @throws Exception if it cannot be created
   */
  protected abstract PolicyEngine createEngine(TckEnvironment env) throws Exception;

  /**
   * Returns whether the engine's policies give their own deny reasons; true runs PE-1.3 on the
   * {@value #REASONS} fixture.
   *
   * @return false by default
   */
  protected boolean policiesGiveReasons() {
    return false;
  }

  /**
   * Returns whether the engine's policies can have undefined results; true runs PE-2.2 on the
   * {@value #UNDEFINED} fixture.
   *
   * @return false by default
   */
  protected boolean hasUndefinedResults() {
    return false;
  }

  /**
   * Returns whether the engine compiles policy sources; true runs PE-2.3 through {@link
   * #compileInvalidPolicy}.
   *
   * @return false by default
   */
  protected boolean supportsCompilation() {
    return false;
  }

  /**
   * Compiles, in the engine's language, a policy named {@code name} whose source has a syntax
   * error; called only when {@link #supportsCompilation()} is true.
   *
   * @param name the policy's name
   * @throws PolicyException the compile error the rule expects
   * @throws Exception for any other failure (the rule then fails)
   */
  protected void compileInvalidPolicy(String name) throws Exception {
    throw new UnsupportedOperationException(
        "supportsCompilation() is true, so compileInvalidPolicy(String) must be overridden");
  }

  /**
   * Creates an engine holding {@value #TRUSTED} whose back-end accepts requests and never answers,
   * configured to give up after {@code timeout} per attempt; null (the default) skips PE-2.4, for
   * engines that evaluate in process. Release the back-end in an {@code @AfterEach} of the
   * subclass.
   *
   * @param env the test's environment
   * @param timeout the request timeout to configure
   * @return the engine, or null
   * @throws Exception if it cannot be created
   */
  protected @Nullable PolicyEngine createUnresponsiveEngine(TckEnvironment env, Duration timeout)
      throws Exception {
    return null;
  }

  @BeforeEach
  final void setUpEngine() throws Exception {
    env = new TckEnvironment();
    engine = createEngine(env);
  }

  @AfterEach
  final void cleanUpEngine() {
    if (env != null) {
      env.cleanUp();
    }
  }

  private PolicyEngine engine() {
    return Objects.requireNonNull(engine, "engine");
  }

  private TckEnvironment env() {
    return Objects.requireNonNull(env, "env");
  }

  /** PE-1.x: decisions. */
  @Nested
  @DisplayName("PE-1 Decisions")
  class DecisionRules {
    @Test
    @Tag("required")
    @DisplayName("PE-1.1 a policy that holds for the input allows, with no reasons")
    void required_PE101_policyThatHoldsAllows() throws Throwable {
      PolicyEngineVerification.this.required_PE101_policyThatHoldsAllows();
    }

    @Test
    @Tag("required")
    @DisplayName("PE-1.2 a policy that does not hold denies, with at least one non-blank reason")
    void required_PE102_policyThatDoesNotHoldDeniesWithReasons() throws Throwable {
      PolicyEngineVerification.this.required_PE102_policyThatDoesNotHoldDeniesWithReasons();
    }

    @Test
    @Tag("optional")
    @DisplayName(
        "PE-1.3 the reasons a policy gives for a deny reach the caller unchanged, in order")
    void optional_PE103_policyReasonsAreCarried() throws Throwable {
      PolicyEngineVerification.this.optional_PE103_policyReasonsAreCarried();
    }

    @Test
    @Tag("required")
    @DisplayName("PE-1.4 policies() lists the policies, and an unknown name is UNKNOWN_POLICY")
    void required_PE104_unknownPolicyIsUnknownPolicy() throws Throwable {
      PolicyEngineVerification.this.required_PE104_unknownPolicyIsUnknownPolicy();
    }

    @Test
    @Tag("required")
    @DisplayName("PE-1.5 null arguments are rejected with NullPointerException")
    void required_PE105_nullArgumentsAreRejected() throws Throwable {
      PolicyEngineVerification.this.required_PE105_nullArgumentsAreRejected();
    }
  }

  /** PE-2.x: errors are errors. */
  @Nested
  @DisplayName("PE-2 Errors")
  class ErrorRules {
    @Test
    @Tag("required")
    @DisplayName(
        "PE-2.1 a policy that fails at run time is a PolicyException naming it, never a deny")
    void required_PE201_evaluationErrorIsAnErrorNotADenial() throws Throwable {
      PolicyEngineVerification.this.required_PE201_evaluationErrorIsAnErrorNotADenial();
    }

    @Test
    @Tag("optional")
    @DisplayName("PE-2.2 an undefined result is UNDEFINED, neither a deny nor an allow")
    void optional_PE202_undefinedResultIsDistinctFromDeny() throws Throwable {
      PolicyEngineVerification.this.optional_PE202_undefinedResultIsDistinctFromDeny();
    }

    @Test
    @Tag("optional")
    @DisplayName("PE-2.3 a policy that does not compile is COMPILE_ERROR naming the policy")
    void optional_PE203_compileErrorIsReportedWithACode() throws Throwable {
      PolicyEngineVerification.this.optional_PE203_compileErrorIsReportedWithACode();
    }

    @Test
    @Tag("optional")
    @DisplayName("PE-2.4 a back-end that does not answer is TIMEOUT within the kit's bound")
    void optional_PE204_timeoutIsAnErrorWithinTheBound() throws Throwable {
      PolicyEngineVerification.this.optional_PE204_timeoutIsAnErrorWithinTheBound();
    }
  }

  /** PE-3.x: concurrency. */
  @Nested
  @DisplayName("PE-3 Concurrency")
  class ConcurrencyRules {
    @Test
    @Tag("required")
    @DisplayName("PE-3.1 concurrent evaluations from several threads each get their own decision")
    void required_PE301_concurrentEvaluationsAreIndependent() throws Throwable {
      PolicyEngineVerification.this.required_PE301_concurrentEvaluationsAreIndependent();
    }
  }

  private static PolicyInput input(boolean trusted, int n) throws PolicyException {
    return PolicyInput.parse(
        String.format(
            Locale.ROOT, "{\"trusted\": %s, \"n\": %d, \"node\": \"node-%d\"}", trusted, n, n));
  }

  /** The outcome of one evaluation: a decision or the exception, for assertions. */
  private static Object outcome(PolicyEngine e, String policy, PolicyInput in) {
    try {
      return e.evaluate(policy, in);
    } catch (PolicyException x) {
      return x;
    }
  }

  private static PolicyException expectError(
      PolicyEngine e, String policy, PolicyInput in, String what) {
    Object o = outcome(e, policy, in);
    assertThat(o)
        .as("%s; expected a PolicyException, but got %s", what, o)
        .isInstanceOf(PolicyException.class);
    return (PolicyException) o;
  }

  @Override
  public void required_PE101_policyThatHoldsAllows() throws Throwable {
    Decision d = engine().evaluate(TRUSTED, input(true, 1));
    assertThat(d.allow()).as("allow of %s for a trusted input", TRUSTED).isTrue();
    assertThat(d.reasons()).as("reasons of an allow").isEmpty();
  }

  @Override
  public void required_PE102_policyThatDoesNotHoldDeniesWithReasons() throws Throwable {
    Decision d = engine().evaluate(TRUSTED, input(false, 1));
    assertThat(d.allow()).as("allow of %s for an untrusted input", TRUSTED).isFalse();
    assertThat(d.reasons()).as("reasons of the deny").isNotEmpty();
    assertThat(d.reasons()).as("reasons of the deny").allSatisfy(r -> assertThat(r).isNotBlank());
  }

  @Override
  public void optional_PE103_policyReasonsAreCarried() throws Throwable {
    assumeTrue(
        policiesGiveReasons(),
        "the engine's policies give no reasons of their own" + " (policiesGiveReasons() is false)");
    Decision d =
        engine()
            .evaluate(
                REASONS,
                PolicyInput.parse(
                    "{\"trusted\": false, \"reasons\": [\"secure boot is off\","
                        + " \"port 23 is open\", \"ünïcode ✓\"]}"));
    assertThat(d.allow()).as("allow of %s", REASONS).isFalse();
    assertThat(d.reasons())
        .as("reasons of %s", REASONS)
        .containsExactly("secure boot is off", "port 23 is open", "ünïcode ✓");
  }

  @Override
  public void required_PE104_unknownPolicyIsUnknownPolicy() throws Throwable {
    assertThat(engine().policies()).as("policies()").contains(TRUSTED, FAILING);
    PolicyException e =
        expectError(engine(), "tck_no_such_policy", input(true, 1), "an unknown policy");
    assertThat(e.code())
        .as("code of an unknown policy")
        .isEqualTo(PolicyException.Code.UNKNOWN_POLICY);
    assertThat(e.policy()).as("policy named by the exception").isEqualTo("tck_no_such_policy");
  }

  @Override
  public void required_PE105_nullArgumentsAreRejected() throws Throwable {
    PolicyInput in = input(true, 1);
    assertRejects(
        () -> engine().evaluate(null, in), NullPointerException.class, "evaluate(null, input)");
    assertRejects(
        () -> engine().evaluate(TRUSTED, null),
        NullPointerException.class,
        "evaluate(policy, null)");
  }

  @Override
  public void required_PE201_evaluationErrorIsAnErrorNotADenial() throws Throwable {
    for (boolean trusted : new boolean[] {true, false}) {
      PolicyException e =
          expectError(engine(), FAILING, input(trusted, 2), FAILING + " with trusted=" + trusted);
      assertThat(e.policy()).as("policy named by the exception").isEqualTo(FAILING);
      assertThat(e.code()).as("code of the evaluation error").isNotNull();
      assertThat(e.code())
          .as("code of a run-time failure")
          .isNotIn(PolicyException.Code.UNKNOWN_POLICY, PolicyException.Code.INVALID_INPUT);
    }
    // The engine still evaluates after an error.
    assertThat(engine().evaluate(TRUSTED, input(true, 3)).allow())
        .as("allow after an error")
        .isTrue();
  }

  @Override
  public void optional_PE202_undefinedResultIsDistinctFromDeny() throws Throwable {
    assumeTrue(
        hasUndefinedResults(),
        "the engine has no undefined results" + " (hasUndefinedResults() is false)");
    for (boolean trusted : new boolean[] {true, false}) {
      PolicyException e =
          expectError(
              engine(), UNDEFINED, input(trusted, 4), UNDEFINED + " with trusted=" + trusted);
      assertThat(e.code())
          .as("code of an undefined result")
          .isEqualTo(PolicyException.Code.UNDEFINED);
      assertThat(e.policy()).as("policy named by the exception").isEqualTo(UNDEFINED);
    }
  }

  @Override
  public void optional_PE203_compileErrorIsReportedWithACode() throws Throwable {
    assumeTrue(
        supportsCompilation(),
        "the engine does not compile policies" + " (supportsCompilation() is false)");
    String name = "tck_invalid";
    Throwable t = null;
    try {
      compileInvalidPolicy(name);
    } catch (PolicyException e) {
      t = e;
    }
    assertThat(t)
        .as("compiling a policy with a syntax error; expected a PolicyException, but got %s", t)
        .isInstanceOf(PolicyException.class);
    PolicyException e = (PolicyException) t;
    assertThat(e.code())
        .as("code of the compile error")
        .isEqualTo(PolicyException.Code.COMPILE_ERROR);
    assertThat(e.policy()).as("policy named by the compile error").isEqualTo(name);
  }

  @Override
  public void optional_PE204_timeoutIsAnErrorWithinTheBound() throws Throwable {
    PolicyEngine slow = createUnresponsiveEngine(env(), UNRESPONSIVE_TIMEOUT);
    assumeTrue(
        slow != null,
        "the engine has no remote back-end" + " (createUnresponsiveEngine returns null)");
    Duration bound = env().timeout();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      PolicyInput in = input(true, 5);
      Future<Object> f = pool.submit(() -> outcome(slow, TRUSTED, in));
      Object o;
      try {
        o = f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(
            String.format(
                Locale.ROOT,
                "evaluation against a back-end that never answers; expected a TIMEOUT within %s"
                    + " (request timeout %s), but got no answer",
                bound,
                UNRESPONSIVE_TIMEOUT),
            e);
      }
      assertThat(o)
          .as(
              "evaluation against a back-end that never answers; expected a PolicyException, but"
                  + " got %s",
              o)
          .isInstanceOf(PolicyException.class);
      assertThat(((PolicyException) o).code())
          .as("code of the timed-out evaluation")
          .isEqualTo(PolicyException.Code.TIMEOUT);
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void required_PE301_concurrentEvaluationsAreIndependent() throws Throwable {
    PolicyEngine e = engine();
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  List<String> wrong = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    int n = thread * perThread + i;
                    boolean trusted = (n * 7 + thread) % 3 != 0;
                    Object o = outcome(e, TRUSTED, input(trusted, n));
                    if (!(o instanceof Decision d) || d.allow() != trusted) {
                      wrong.add(
                          String.format(Locale.ROOT, "input %d (trusted=%s): %s", n, trusted, o));
                    }
                    if (i % 10 == 0) {
                      Object err = outcome(e, FAILING, input(trusted, n));
                      if (!(err instanceof PolicyException)) {
                        wrong.add(
                            String.format(Locale.ROOT, "%s on input %d: %s", FAILING, n, err));
                      }
                    }
                  }
                  return wrong;
                }));
      }
      List<String> wrong = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        wrong.addAll(f.get(env().timeout().toMillis(), TimeUnit.MILLISECONDS));
      }
      assertThat(wrong).as("evaluations that got another input's outcome").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
