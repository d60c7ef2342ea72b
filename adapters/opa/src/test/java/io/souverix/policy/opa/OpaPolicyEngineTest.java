package io.souverix.policy.opa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.policy.opa.OpaTestDouble.Answer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpaPolicyEngineTest {
  private static final String PATH = "souverix/node/compliant";

  private OpaTestDouble opa;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T00:00:00Z"));
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    opa = new OpaTestDouble();
    opa.policy(
        PATH,
        input ->
            input.path("secure_boot").asBoolean(false)
                ? Answer.result("true")
                : Answer.result("false"));
  }

  @AfterEach
  void stop() {
    opa.close();
  }

  private OpaPolicyEngine.Builder builder() {
    return OpaPolicyEngine.newBuilder(opa.uri())
        .policy("compliant", PATH)
        .clock(clock)
        .sleeper(waits::add);
  }

  private static PolicyInput input(String json) throws PolicyException {
    return PolicyInput.parse(json);
  }

  private static PolicyException error(OpaPolicyEngine engine, String policy, String json) {
    try {
      Decision d = engine.evaluate(policy, input(json));
      throw new AssertionError("expected a PolicyException, but got " + d);
    } catch (PolicyException e) {
      return e;
    }
  }

  @Test
  void evaluate_booleanResult_allowsOrDenies() throws Exception {
    OpaPolicyEngine engine = builder().build();
    assertThat(engine.evaluate("compliant", input("{\"secure_boot\": true}")))
        .isEqualTo(Decision.allowed());
    Decision deny = engine.evaluate("compliant", input("{\"secure_boot\": false}"));
    assertThat(deny.allow()).isFalse();
    assertThat(deny.reasons()).containsExactly("policy compliant denied (" + PATH + ")");
    assertThat(opa.bodies()).first().isEqualTo("{\"input\":{\"secure_boot\": true}}");
  }

  @Test
  void evaluate_objectResult_carriesOpaReasons() throws Exception {
    opa.policy(
        "souverix/node/report",
        in ->
            Answer.result(
                "{\"allow\": false, \"reasons\": [\"secure boot is off\", \"port 23 open\"]}"));
    opa.policy("souverix/node/ok", in -> Answer.result("{\"allow\": true, \"reasons\": []}"));
    opa.policy("souverix/node/bare", in -> Answer.result("{\"allow\": false}"));
    OpaPolicyEngine engine =
        builder()
            .policy("report", "souverix/node/report")
            .policy("ok", "souverix/node/ok")
            .policy("bare", "souverix/node/bare")
            .build();
    assertThat(engine.evaluate("report", input("{}")).reasons())
        .containsExactly("secure boot is off", "port 23 open");
    assertThat(engine.evaluate("ok", input("{}"))).isEqualTo(Decision.allowed());
    assertThat(engine.evaluate("bare", input("{}")).reasons())
        .containsExactly("policy bare denied (souverix/node/bare)");
    assertThat(engine.policies()).containsExactlyInAnyOrder("compliant", "report", "ok", "bare");
  }

  @Test
  void evaluate_noResult_isUndefinedNotADeny() {
    OpaPolicyEngine engine = builder().policy("missing", "souverix/none").build();
    PolicyException e = error(engine, "missing", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.UNDEFINED);
    assertThat(e.policy()).isEqualTo("missing");
    assertThat(e.getMessage()).contains("undefined");
  }

  @Test
  void evaluate_resultNotADecision_isNotBoolean() {
    opa.policy("souverix/n", in -> Answer.result("42"));
    opa.policy("souverix/r", in -> Answer.result("{\"allow\": false, \"reasons\": \"x\"}"));
    OpaPolicyEngine engine = builder().policy("n", "souverix/n").policy("r", "souverix/r").build();
    assertThat(error(engine, "n", "{}").code()).isEqualTo(PolicyException.Code.NOT_BOOLEAN);
    assertThat(error(engine, "n", "{}").getMessage())
        .contains("expected a boolean or an object with a boolean allow, but got number");
    assertThat(error(engine, "r", "{}").getMessage())
        .contains("expected an array of strings, but got string");
  }

  @Test
  void evaluate_serverErrorThenSuccess_retriesWithBackoff() throws Exception {
    opa.script(
        PATH,
        Answer.json(500, "{\"code\":\"internal_error\",\"message\":\"boom\"}"),
        Answer.json(503, ""));
    OpaPolicyEngine engine =
        builder().retries(3, Duration.ofMillis(100), Duration.ofSeconds(1)).build();
    assertThat(engine.evaluate("compliant", input("{\"secure_boot\": true}")).allow()).isTrue();
    assertThat(opa.hits(PATH)).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void evaluate_serverErrorEveryTime_unavailableAfterMaxAttempts() {
    opa.script(PATH, Answer.json(500, "{\"code\":\"internal_error\",\"message\":\"boom\"}"));
    opa.script(PATH, Answer.json(500, "x"), Answer.json(502, "bad gateway"));
    OpaPolicyEngine engine =
        builder().retries(3, Duration.ofMillis(100), Duration.ofMillis(150)).build();
    PolicyException e = error(engine, "compliant", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(e.getMessage()).contains("expected 200, but got 502: bad gateway");
    assertThat(opa.hits(PATH)).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void evaluate_badRequest_isNotRetried() {
    opa.script(
        PATH, Answer.json(400, "{\"code\":\"invalid_parameter\",\"message\":\"bad input\"}"));
    OpaPolicyEngine engine = builder().build();
    PolicyException e = error(engine, "compliant", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.EVALUATION_ERROR);
    assertThat(e.getMessage()).contains("OPA answered 400: invalid_parameter: bad input");
    assertThat(opa.hits(PATH)).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void evaluate_opaEvaluationError_isAnEvaluationErrorNotRetried() {
    opa.script(
        PATH,
        Answer.json(
            500,
            "{\"code\":\"internal_error\",\"message\":\"1 error occurred: node.rego:5:"
                + " eval_conflict_error: complete rules must not produce multiple outputs\"}"));
    PolicyException e = error(builder().build(), "compliant", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.EVALUATION_ERROR);
    assertThat(e.getMessage()).contains("eval_conflict_error");
    assertThat(opa.hits(PATH)).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void evaluate_malformedJson_isUnavailableAndNotRetried() {
    opa.script(PATH, Answer.json(200, "{\"result\": tru"));
    PolicyException e = error(builder().build(), "compliant", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(e.getMessage()).contains("not JSON");
    assertThat(opa.hits(PATH)).isEqualTo(1);
  }

  @Test
  void evaluate_serverNeverAnswers_timesOutWithinTheBound() {
    opa.script(PATH, Answer.hanging(), Answer.hanging());
    OpaPolicyEngine engine =
        builder()
            .requestTimeout(Duration.ofMillis(150))
            .retries(2, Duration.ZERO, Duration.ZERO)
            .build();
    long start = System.nanoTime();
    PolicyException e = error(engine, "compliant", "{}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e.code()).isEqualTo(PolicyException.Code.TIMEOUT);
    assertThat(e.getMessage()).contains("no answer within PT0.15S (attempt 2)");
    assertThat(opa.hits(PATH)).isEqualTo(2);
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(300))
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void evaluate_connectionRefused_isUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    OpaPolicyEngine engine =
        OpaPolicyEngine.newBuilder(URI.create("http://127.0.0.1:" + port))
            .policy("compliant", PATH)
            .retries(2, Duration.ofMillis(10), Duration.ofMillis(10))
            .sleeper(waits::add)
            .build();
    PolicyException e = error(engine, "compliant", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(e.getMessage()).contains("(attempt 2)");
  }

  @Test
  void circuitBreaker_opensAfterThresholdAndHalfOpensWhenTheClockAdvances() throws Exception {
    Answer down = Answer.json(503, "{\"code\":\"internal_error\",\"message\":\"down\"}");
    opa.script(PATH, down, down, down);
    OpaPolicyEngine engine =
        builder()
            .retries(1, Duration.ZERO, Duration.ZERO)
            .circuitBreaker(2, Duration.ofSeconds(30))
            .build();
    String on = "{\"secure_boot\": true}";
    assertThat(error(engine, "compliant", on).code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(error(engine, "compliant", on).code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(opa.hits(PATH)).isEqualTo(2);

    // Open: fails fast without calling OPA.
    PolicyException open = error(engine, "compliant", on);
    assertThat(open.code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(open.getMessage()).contains("circuit breaker open").contains("2026-03-01T00:00:30Z");
    clock.advance(Duration.ofSeconds(29));
    assertThat(error(engine, "compliant", on).getMessage()).contains("circuit breaker open");
    assertThat(opa.hits(PATH)).isEqualTo(2);

    // Half-open: one probe; it fails, so the breaker opens again for another 30 s.
    clock.advance(Duration.ofSeconds(1));
    assertThat(error(engine, "compliant", on).getMessage()).contains("got 503");
    assertThat(opa.hits(PATH)).isEqualTo(3);
    assertThat(error(engine, "compliant", on).getMessage()).contains("circuit breaker open");
    assertThat(opa.hits(PATH)).isEqualTo(3);

    // The next probe succeeds: closed again, calls flow.
    clock.advance(Duration.ofSeconds(30));
    assertThat(engine.evaluate("compliant", input(on)).allow()).isTrue();
    assertThat(engine.evaluate("compliant", input("{}")).allow()).isFalse();
    assertThat(opa.hits(PATH)).isEqualTo(5);
  }

  @Test
  void circuitBreaker_denialsAndClientErrors_doNotCountAsFailures() throws Exception {
    Answer down = Answer.json(500, "");
    Answer bad = Answer.json(400, "{\"code\":\"invalid_parameter\",\"message\":\"no\"}");
    opa.script(PATH, down, bad, down, Answer.result("false"), down);
    OpaPolicyEngine engine =
        builder()
            .retries(1, Duration.ZERO, Duration.ZERO)
            .circuitBreaker(2, Duration.ofSeconds(30))
            .build();
    assertThat(error(engine, "compliant", "{}").code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(error(engine, "compliant", "{}").code())
        .isEqualTo(PolicyException.Code.EVALUATION_ERROR);
    assertThat(error(engine, "compliant", "{}").code()).isEqualTo(PolicyException.Code.UNAVAILABLE);
    assertThat(engine.evaluate("compliant", input("{}")).allow()).isFalse();
    assertThat(error(engine, "compliant", "{}").getMessage()).contains("got 500");
    assertThat(opa.hits(PATH)).isEqualTo(5);
  }

  @Test
  void evaluate_bearerToken_isSent() throws Exception {
    OpaPolicyEngine engine = builder().bearerToken("s3cret").build();
    engine.evaluate("compliant", input("{}"));
    assertThat(opa.authorizations()).containsExactly("Bearer s3cret");
  }

  @Test
  void evaluate_unknownPolicy_isUnknownPolicyWithoutACall() {
    PolicyException e = error(builder().build(), "other", "{}");
    assertThat(e.code()).isEqualTo(PolicyException.Code.UNKNOWN_POLICY);
    assertThat(opa.hits(PATH)).isZero();
  }

  @Test
  void builder_badConfiguration_isRejected() {
    assertThatThrownBy(() -> OpaPolicyEngine.newBuilder(URI.create("ftp://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an absolute http(s) URI");
    assertThatThrownBy(() -> builder().policy("p", "../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data path of p");
    assertThatThrownBy(() -> builder().policy("compliant", "a/b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> builder().requestTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OpaPolicyEngine.newBuilder(opa.uri()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no policy");
  }
}
