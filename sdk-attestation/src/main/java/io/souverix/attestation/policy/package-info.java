/**
 * Policy compliance: {@link io.souverix.attestation.policy.CelPolicyEngine}, the embedded default
 * {@link io.souverix.lifecycle.spi.PolicyEngine} (Common Expression Language), and {@link
 * io.souverix.attestation.policy.ComplianceScore}, a node's weighted compliance over a set of
 * policies evaluated by any engine.
 *
 * <p>The SPI itself (PolicyEngine, PolicyInput, Decision, PolicyException) lives in sdk-core's
 * {@code io.souverix.lifecycle.spi}, so that other back-ends (the OPA adapter) and the conformance
 * kit depend on sdk-core only. The rules are described in {@code docs/attestation.md}.
 */
@NullMarked
package io.souverix.attestation.policy;

import org.jspecify.annotations.NullMarked;
