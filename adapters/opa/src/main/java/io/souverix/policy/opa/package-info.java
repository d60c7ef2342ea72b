/**
 * A {@link io.souverix.lifecycle.spi.PolicyEngine} over <a
 * href="https://www.openpolicyagent.org/docs/latest/rest-api/#data-api">Open Policy Agent's REST
 * Data API</a>: start with {@link io.souverix.policy.opa.OpaPolicyEngine#newBuilder}.
 *
 * <p>Each named policy is a path under {@code /v1/data}; the adapter posts {@code {"input": ...}}
 * and maps OPA's {@code result} to a {@link io.souverix.lifecycle.spi.Decision}. Timeouts, bounded
 * retries with backoff and a circuit breaker keep a slow or failing OPA from holding up callers;
 * every failure is a typed {@link io.souverix.lifecycle.spi.PolicyException}, never a denial. The
 * rules are described in {@code docs/attestation.md}.
 */
@NullMarked
package io.souverix.policy.opa;

import org.jspecify.annotations.NullMarked;
