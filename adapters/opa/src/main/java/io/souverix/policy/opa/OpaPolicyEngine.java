package io.souverix.policy.opa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PolicyEngine} that asks an <a href="https://www.openpolicyagent.org">Open Policy
 * Agent</a> server through its REST Data API: {@code POST /v1/data/{path}} with {@code {"input":
 * <the input>}}, answered by {@code {"result": <the document at path>}}.
 *
 * <p>Each policy name maps to a data path (for example {@code compliant} to {@code
 * souverix/node/compliant}). The document at the path decides:
 *
 * <ul>
 *   <li>{@code true} allows; {@code false} denies, with the reason {@code "policy <name> denied
 *       (<path>)"};
 *   <li>an object {@code {"allow": <bool>, "reasons": [<string>, ...]}} allows or denies with its
 *       reasons ({@code reasons} is optional; a deny without any gets the default reason; the
 *       reasons of an allow are not kept);
 *   <li>no {@code result} at all (OPA's <em>undefined</em>: no rule matched, or the path does not
 *       exist) is a {@link PolicyException.Code#UNDEFINED} error, not a deny and never an allow;
 *   <li>anything else is {@link PolicyException.Code#NOT_BOOLEAN}.
 * </ul>
 *
 * <p>Failures are typed, never denials: a request that does not complete within the request timeout
 * is {@link PolicyException.Code#TIMEOUT}; connection failures, 5xx answers after the retries,
 * 401/403, a response that is not JSON, and calls refused by the open circuit breaker are {@link
 * PolicyException.Code#UNAVAILABLE}; other 4xx answers (OPA's {@code invalid_parameter}, for
 * example) are {@link PolicyException.Code#EVALUATION_ERROR} with OPA's code and message.
 *
 * <p>Resilience: connection and 5xx failures and timeouts are retried up to {@code maxAttempts}
 * times in all, waiting {@code initialBackoff}, then twice as long each time up to {@code
 * maxBackoff}; 4xx answers and evaluation errors are not retried (the same request would fail the
 * same way). A circuit breaker counts calls that end in such a failure: after {@code
 * failureThreshold} consecutive ones it opens and calls fail at once with {@code UNAVAILABLE}; once
 * {@code openDuration} has passed on the injected clock, one call is let through as a probe (one
 * attempt), and its success closes the breaker while its failure opens it again.
 *
 * <p>Thread-safe: one engine serves any number of threads over one {@link HttpClient}.
 *
 * @since 0.1
 */
public final class OpaPolicyEngine implements PolicyEngine {
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");
  private static final int MAX_ERROR_BODY = 512;
  private static final Pattern EVAL_ERROR = Pattern.compile("\\beval_[a-z_]+_error\\b");

  private final URI base;
  private final Map<String, String> paths;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final @Nullable String bearerToken;
  private final CircuitBreaker breaker;
  private final Sleeper sleeper;

  private OpaPolicyEngine(Builder b) {
    this.base = b.base;
    this.paths = Map.copyOf(b.paths);
    this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.bearerToken = b.bearerToken;
    this.breaker = new CircuitBreaker(b.failureThreshold, b.openDuration, b.clock);
    this.sleeper = b.sleeper;
  }

  /**
   * Starts configuring an engine for one OPA server.
   *
   * @param baseUri the server's base URI, for example {@code http://127.0.0.1:8181}; http or https,
   *     not null
   * @return a builder with the defaults: connect timeout 2 s, request timeout 5 s, 3 attempts,
   *     backoff 100 ms doubling to at most 2 s, breaker threshold 5 and open duration 30 s, the
   *     system UTC clock
   * @throws IllegalArgumentException if the URI is not an absolute http or https URI
   */
  public static Builder newBuilder(URI baseUri) {
    return new Builder(baseUri);
  }

  @Override
  public Set<String> policies() {
    return paths.keySet();
  }

  @Override
  public Decision evaluate(String policy, PolicyInput input) throws PolicyException {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(input, "input");
    String path = paths.get(policy);
    if (path == null) {
      throw new PolicyException(
          PolicyException.Code.UNKNOWN_POLICY,
          policy,
          null,
          String.format(
              Locale.ROOT, "name; expected one of %s, but got %s", paths.keySet(), policy),
          null);
    }
    CircuitBreaker.Permit permit = breaker.tryAcquire();
    if (permit == CircuitBreaker.Permit.REJECT) {
      throw new PolicyException(
          PolicyException.Code.UNAVAILABLE,
          policy,
          null,
          String.format(
              Locale.ROOT,
              "circuit breaker open after repeated failures of %s; not calling OPA until %s",
              base,
              breaker.openUntil()),
          null);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("v1/data/" + path))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"input\":" + input.json() + "}", StandardCharsets.UTF_8));
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    HttpResponse<String> response;
    try {
      response =
          send(policy, request.build(), permit == CircuitBreaker.Permit.PROBE ? 1 : maxAttempts);
    } catch (PolicyException e) {
      breaker.onFailure();
      throw e;
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      breaker.onSuccess();
      throw new PolicyException(
          PolicyException.Code.UNAVAILABLE,
          policy,
          null,
          String.format(
              Locale.ROOT,
              "OPA refused the request with %d (check the bearer token): %s",
              status,
              opaError(response.body())),
          null);
    }
    if (status >= 400 && status < 500) {
      breaker.onSuccess();
      throw new PolicyException(
          PolicyException.Code.EVALUATION_ERROR,
          policy,
          null,
          String.format(Locale.ROOT, "OPA answered %d: %s", status, opaError(response.body())),
          null);
    }
    if (status >= 500 && isEvalError(response.body())) {
      // The server works; the policy failed (a conflict, a built-in error): not retried, not a
      // breaker failure.
      breaker.onSuccess();
      throw new PolicyException(
          PolicyException.Code.EVALUATION_ERROR,
          policy,
          null,
          String.format(
              Locale.ROOT, "OPA could not evaluate %s: %s", path, opaError(response.body())),
          null);
    }
    if (status != 200) {
      breaker.onFailure();
      throw new PolicyException(
          PolicyException.Code.UNAVAILABLE,
          policy,
          null,
          String.format(
              Locale.ROOT,
              "status; expected 200, but got %d: %s",
              status,
              opaError(response.body())),
          null);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      breaker.onFailure();
      throw new PolicyException(
          PolicyException.Code.UNAVAILABLE,
          policy,
          null,
          "response; expected OPA's JSON object, but got text that is not JSON: "
              + e.getOriginalMessage(),
          e);
    }
    if (body == null || !body.isObject()) {
      breaker.onFailure();
      throw new PolicyException(
          PolicyException.Code.UNAVAILABLE,
          policy,
          null,
          String.format(
              Locale.ROOT,
              "response; expected OPA's JSON object, but got %s",
              body == null ? "nothing" : kind(body)),
          null);
    }
    breaker.onSuccess();
    return decision(policy, path, body);
  }

  /** Sends with retries on IO errors, timeouts and 5xx; returns the last response otherwise. */
  private HttpResponse<String> send(String policy, HttpRequest request, int attempts)
      throws PolicyException {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      PolicyException failure;
      try {
        HttpResponse<String> r =
            client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() < 500 || attempt >= attempts || isEvalError(r.body())) {
          return r;
        }
        failure = null;
      } catch (HttpConnectTimeoutException e) {
        failure =
            failure(policy, PolicyException.Code.UNAVAILABLE, attempt, e, "connect timed out");
      } catch (HttpTimeoutException e) {
        failure =
            failure(
                policy,
                PolicyException.Code.TIMEOUT,
                attempt,
                e,
                String.format(Locale.ROOT, "no answer within %s", requestTimeout));
      } catch (IOException e) {
        failure = failure(policy, PolicyException.Code.UNAVAILABLE, attempt, e, String.valueOf(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(policy, PolicyException.Code.UNAVAILABLE, attempt, e, "interrupted");
      }
      if (failure != null && attempt >= attempts) {
        throw failure;
      }
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(policy, PolicyException.Code.UNAVAILABLE, attempt, e, "interrupted");
      }
      backoff =
          backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
  }

  private PolicyException failure(
      String policy, PolicyException.Code code, int attempt, Exception cause, String what) {
    return new PolicyException(
        code,
        policy,
        null,
        String.format(Locale.ROOT, "OPA at %s: %s (attempt %d)", base, what, attempt),
        cause);
  }

  private static Decision decision(String policy, String path, JsonNode body)
      throws PolicyException {
    JsonNode result = body.get("result");
    if (result == null) {
      throw new PolicyException(
          PolicyException.Code.UNDEFINED,
          policy,
          null,
          String.format(
              Locale.ROOT,
              "result of %s; expected a decision, but OPA's answer has no result (undefined: no"
                  + " rule matched or the path does not exist)",
              path),
          null);
    }
    String defaultReason = String.format(Locale.ROOT, "policy %s denied (%s)", policy, path);
    if (result.isBoolean()) {
      return result.booleanValue() ? Decision.allowed() : Decision.denied(List.of(defaultReason));
    }
    JsonNode allow = result.isObject() ? result.get("allow") : null;
    if (allow == null || !allow.isBoolean()) {
      throw new PolicyException(
          PolicyException.Code.NOT_BOOLEAN,
          policy,
          null,
          String.format(
              Locale.ROOT,
              "result of %s; expected a boolean or an object with a boolean allow, but got %s",
              path,
              result.isObject() ? "an object without a boolean allow" : kind(result)),
          null);
    }
    if (allow.booleanValue()) {
      return Decision.allowed();
    }
    List<String> reasons = new ArrayList<>();
    JsonNode rs = result.get("reasons");
    if (rs != null && !rs.isNull()) {
      if (!rs.isArray()) {
        throw notReasons(policy, path, rs);
      }
      for (JsonNode r : rs) {
        if (!r.isTextual()) {
          throw notReasons(policy, path, r);
        }
        if (!r.textValue().isBlank()) {
          reasons.add(r.textValue());
        }
      }
    }
    return Decision.denied(reasons.isEmpty() ? List.of(defaultReason) : reasons);
  }

  private static PolicyException notReasons(String policy, String path, JsonNode got) {
    return new PolicyException(
        PolicyException.Code.NOT_BOOLEAN,
        policy,
        null,
        String.format(
            Locale.ROOT,
            "reasons of %s; expected an array of strings, but got %s",
            path,
            kind(got)),
        null);
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a 5xx body is OPA reporting a policy evaluation error ({@code eval_conflict_error},
   * {@code eval_builtin_error}, ...): OPA answers those with 500 {@code internal_error}.
   */
  private static boolean isEvalError(String body) {
    if (!body.contains("eval_")) {
      return false;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      return n != null
          && n.path("code").isTextual()
          && EVAL_ERROR.matcher(n.path("message").asText("")).find();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** OPA's {@code {"code", "message"}} error, or the start of whatever the body is. */
  private static String opaError(String body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n != null && n.isObject() && n.path("code").isTextual()) {
        return n.path("code").textValue() + ": " + n.path("message").asText("");
      }
    } catch (JsonProcessingException e) {
      // not OPA's error document: show the text
    }
    String t = body.strip();
    return t.isEmpty()
        ? "(empty body)"
        : t.length() <= MAX_ERROR_BODY ? t : t.substring(0, MAX_ERROR_BODY) + " ...";
  }

  /**
   * Configures an {@link OpaPolicyEngine}. Mutable and not thread-safe; every setter may be called
   * at most once.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final URI base;
    private final Map<String, String> paths = new LinkedHashMap<>();
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(2);
    private int failureThreshold = 5;
    private Duration openDuration = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private @Nullable String bearerToken;
    private Sleeper sleeper = Sleeper.THREAD;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      String scheme = baseUri.getScheme();
      if (!baseUri.isAbsolute()
          || baseUri.getHost() == null
          || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "OPA base URI; expected an absolute http(s) URI, but got %s",
                baseUri));
      }
      String s = baseUri.toString();
      this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * Adds a policy: a name callers use and the OPA data path that decides it.
     *
     * @param name the policy's name; not null or blank, not added before
     * @param dataPath the path under {@code /v1/data}, slash-separated segments of letters, digits,
     *     {@code _} and {@code -}, for example {@code souverix/node/compliant}
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or the path malformed
     * @throws IllegalStateException if the name was added before
     */
    public Builder policy(String name, String dataPath) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dataPath, "dataPath");
      if (name.isBlank()) {
        throw new IllegalArgumentException("policy name; expected a non-blank name, but got ''");
      }
      if (!PATH.matcher(dataPath).matches()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "data path of %s; expected segments like souverix/node/compliant, but got '%s'",
                name,
                dataPath));
      }
      if (paths.putIfAbsent(name, dataPath) != null) {
        throw new IllegalStateException("policy " + name + " was already added");
      }
      return this;
    }

    /**
     * Sets how long to wait for a TCP (and TLS) connection.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      once("connectTimeout");
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for each request's response, per attempt.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      once("requestTimeout");
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the retries on connection failures, timeouts and 5xx answers.
     *
     * @param maxAttempts attempts in all, from 1 (no retry)
     * @param initialBackoff the wait before the first retry, doubled for each further one; zero or
     *     positive
     * @param maxBackoff the longest wait; at least {@code initialBackoff}
     * @return this builder
     * @throws IllegalArgumentException if a bound is violated
     */
    public Builder retries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
      once("retries");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "maxAttempts; expected >= 1, but got %d", maxAttempts));
      }
      if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "backoff; expected 0 <= initial <= max, but got %s and %s",
                initialBackoff,
                maxBackoff));
      }
      this.maxAttempts = maxAttempts;
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /**
     * Sets the circuit breaker.
     *
     * @param failureThreshold consecutive failed calls that open it, from 1
     * @param openDuration how long it stays open before a probe call; positive
     * @return this builder
     * @throws IllegalArgumentException if a bound is violated
     */
    public Builder circuitBreaker(int failureThreshold, Duration openDuration) {
      once("circuitBreaker");
      if (failureThreshold < 1) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "failureThreshold; expected >= 1, but got %d", failureThreshold));
      }
      this.failureThreshold = failureThreshold;
      this.openDuration = positive(openDuration, "openDuration");
      return this;
    }

    /**
     * Sets the clock the circuit breaker measures its open duration on.
     *
     * @param clock not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <token>} (OPA's {@code --authentication=token}).
     *
     * @param token not null or blank
     * @return this builder
     */
    public Builder bearerToken(String token) {
      once("bearerToken");
      if (Objects.requireNonNull(token, "token").isBlank()) {
        throw new IllegalArgumentException("bearer token; expected a token, but got a blank one");
      }
      this.bearerToken = token;
      return this;
    }

    /** Replaces the wait between retries (tests record it instead of sleeping). */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if no policy was added
     */
    public OpaPolicyEngine build() {
      if (paths.isEmpty()) {
        throw new IllegalStateException("no policy; add at least one with policy(name, dataPath)");
      }
      return new OpaPolicyEngine(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "%s; expected a positive duration, but got %s", what, d));
      }
      return d;
    }
  }
}
