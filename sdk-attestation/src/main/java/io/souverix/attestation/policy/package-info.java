/**
 * Policy compliance: the {@link io.souverix.attestation.policy.PolicyEngine} SPI and its embedded
 * default, {@link io.souverix.attestation.policy.CelPolicyEngine} (Common Expression Language).
 *
 * <p>A policy engine evaluates a named policy against a JSON document ({@link
 * io.souverix.attestation.policy.PolicyInput}) and answers a {@link
 * io.souverix.attestation.policy.Decision}: allow, or deny with reasons. A policy that cannot be
 * evaluated (does not compile, does not yield a boolean, fails at run time) is an error, reported
 * as a {@link io.souverix.attestation.policy.PolicyException} with a stable code and, where known,
 * a source position; it is never silently a denial. The rules are described in {@code
 * docs/attestation.md}.
 */
@NullMarked
package io.souverix.attestation.policy;

import org.jspecify.annotations.NullMarked;
