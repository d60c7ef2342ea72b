package io.souverix.policy.opa;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.policy.opa.OpaTestDouble.Answer;
import io.souverix.tck.PolicyEngineVerification;
import io.souverix.tck.TckEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The PolicyEngine conformance kit against the OPA adapter, talking to {@link OpaTestDouble} (the
 * OPA binary cannot be installed here). The double's fixture policies answer as OPA would for the
 * equivalent Rego: {@code trusted := input.trusted == true}; a conflict error (500 {@code
 * eval_conflict_error}) for the failing one; {@code {"allow": false, "reasons": input.reasons}};
 * and no result for the undefined one.
 */
class OpaPolicyEngineConformanceTest extends PolicyEngineVerification {
  private final List<OpaTestDouble> doubles = new ArrayList<>();

  private OpaTestDouble start() throws Exception {
    OpaTestDouble opa = new OpaTestDouble();
    doubles.add(opa);
    return opa;
  }

  @AfterEach
  void stopDoubles() {
    doubles.forEach(OpaTestDouble::close);
  }

  @Override
  protected PolicyEngine createEngine(TckEnvironment env) throws Exception {
    OpaTestDouble opa =
        start()
            .policy(
                "tck/trusted",
                in -> Answer.result(String.valueOf(in.path("trusted").asBoolean(false))))
            .policy(
                "tck/failing",
                in ->
                    Answer.json(
                        500,
                        "{\"code\":\"internal_error\",\"message\":\"1 error occurred: tck.rego:4:"
                            + " eval_conflict_error: complete rules must not produce multiple"
                            + " outputs\"}"))
            .policy(
                "tck/reasons",
                in -> {
                  JsonNode reasons = in.path("reasons");
                  return Answer.result(
                      "{\"allow\": false, \"reasons\": " + reasons.toString() + "}");
                });
    return OpaPolicyEngine.newBuilder(opa.uri())
        .policy(TRUSTED, "tck/trusted")
        .policy(FAILING, "tck/failing")
        .policy(REASONS, "tck/reasons")
        .policy(UNDEFINED, "tck/undefined")
        .clock(env.clock())
        .build();
  }

  @Override
  protected boolean policiesGiveReasons() {
    return true;
  }

  @Override
  protected boolean hasUndefinedResults() {
    return true;
  }

  @Override
  protected PolicyEngine createUnresponsiveEngine(TckEnvironment env, Duration timeout)
      throws Exception {
    OpaTestDouble opa = start().policy("tck/trusted", in -> Answer.hanging());
    return OpaPolicyEngine.newBuilder(opa.uri())
        .policy(TRUSTED, "tck/trusted")
        .requestTimeout(timeout)
        .retries(2, Duration.ofMillis(10), Duration.ofMillis(10))
        .build();
  }
}
