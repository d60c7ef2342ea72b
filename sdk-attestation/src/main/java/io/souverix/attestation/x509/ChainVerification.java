package io.souverix.attestation.x509;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The report of one trust-chain validation: whether the chain is valid, the chosen path (leaf
 * first, trust anchor last), every check that ran with its outcome, the reason code of a failure
 * and the validation time. Only {@link TrustChainValidator} creates it.
 *
 * @since 0.1
 */
public final class ChainVerification {
  /** The outcome of one check. */
  public enum Outcome {
    /** The check passed. */
    PASSED,
    /** The check failed; on the chosen path this makes the chain invalid. */
    FAILED
  }

  /**
   * One check that ran.
   *
   * @param name a short stable name such as {@code validity} or {@code signature}
   * @param subject the subject DN (RFC 2253) of the certificate the check is about
   * @param outcome passed or failed
   * @param detail a human-readable explanation
   */
  public record Check(String name, String subject, Outcome outcome, String detail) {
    /**
     * Validates the components.
     *
     * @param name the check's name
     * @param subject the certificate's subject
     * @param outcome the outcome
     * @param detail the explanation
     */
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private final @Nullable ReasonCode reason;
  private final String message;
  private final List<X509Certificate> path;
  private volatile @Nullable List<Check> checks;
  private final @Nullable Supplier<List<Check>> pendingChecks;
  private final Instant validationTime;
  private final List<RevocationStatus> revocation;
  private final List<String> warnings;
  private final Set<String> authoritiesConstrainedPolicies;
  private final Set<String> userConstrainedPolicies;
  private final @Nullable ReportInputs inputs;

  ChainVerification(
      @Nullable ReasonCode reason,
      String message,
      List<X509Certificate> path,
      List<Check> checks,
      Instant validationTime) {
    this(
        reason,
        message,
        path,
        copyOf(checks),
        validationTime,
        List.of(),
        List.of(),
        Set.of(),
        Set.of());
  }

  private static Supplier<List<Check>> copyOf(List<Check> checks) {
    List<Check> copy = List.copyOf(checks);
    return () -> copy;
  }

  ChainVerification(
      @Nullable ReasonCode reason,
      String message,
      List<X509Certificate> path,
      Supplier<List<Check>> checks,
      Instant validationTime,
      List<RevocationStatus> revocation,
      List<String> warnings,
      Set<String> authoritiesConstrainedPolicies,
      Set<String> userConstrainedPolicies) {
    this.reason = reason;
    this.message = Objects.requireNonNull(message, "message");
    this.path = List.copyOf(path);
    this.checks = null;
    this.pendingChecks = Objects.requireNonNull(checks, "checks");
    this.validationTime = Objects.requireNonNull(validationTime, "validationTime");
    this.revocation = List.copyOf(revocation);
    this.warnings = List.copyOf(warnings);
    this.authoritiesConstrainedPolicies = Set.copyOf(authoritiesConstrainedPolicies);
    this.userConstrainedPolicies = Set.copyOf(userConstrainedPolicies);
    this.inputs = null;
  }

  private ChainVerification(ChainVerification v, ReportInputs inputs) {
    this.reason = v.reason;
    this.message = v.message;
    this.path = v.path;
    this.checks = v.checks;
    this.pendingChecks = v.pendingChecks;
    this.validationTime = v.validationTime;
    this.revocation = v.revocation;
    this.warnings = v.warnings;
    this.authoritiesConstrainedPolicies = v.authoritiesConstrainedPolicies;
    this.userConstrainedPolicies = v.userConstrainedPolicies;
    this.inputs = inputs;
  }

  /** This report with the inputs it was computed from, for {@link VerificationReport}. */
  ChainVerification withInputs(ReportInputs in) {
    return new ChainVerification(this, Objects.requireNonNull(in, "inputs"));
  }

  /** The inputs of the validation; null only for a report not made by {@code validate}. */
  @Nullable ReportInputs inputs() {
    return inputs;
  }

  /**
   * Tells whether a valid path from the leaf to a trust anchor was found and every policy check
   * passed.
   *
   * @return true if the chain is valid
   */
  public boolean isValid() {
    return reason == null;
  }

  /**
   * Returns why the chain was rejected.
   *
   * @return the reason code, empty when the chain is valid
   */
  public Optional<ReasonCode> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns a one-line explanation: {@code "ok"} when valid, otherwise what failed and where.
   *
   * @return the explanation
   */
  public String message() {
    return message;
  }

  /**
   * Returns the chosen path, leaf first and trust anchor last. When the chain is invalid this is
   * the path the failure was found on, possibly partial or just the leaf.
   *
   * @return an unmodifiable list
   */
  public List<X509Certificate> path() {
    return path;
  }

  /**
   * Returns every check that ran on the reported path, in order.
   *
   * @return an unmodifiable list
   */
  public List<Check> checks() {
    List<Check> c = checks;
    if (c == null) {
      // Rendered on first use: subjects and details cost more than the validation needs them.
      c = List.copyOf(Objects.requireNonNull(pendingChecks).get());
      checks = c;
    }
    return c;
  }

  /**
   * Returns the instant the chain was validated at, truncated to whole seconds (the granularity of
   * certificate validity).
   *
   * @return the validation time
   */
  public Instant validationTime() {
    return validationTime;
  }

  /**
   * Returns the revocation status of each certificate that revocation checking covered on the
   * reported path, leaf first; empty when revocation was not checked (no CRL or OCSP response
   * supplied and no explicit revocation policy) or the path failed before it.
   *
   * @return an unmodifiable list
   */
  public List<RevocationStatus> revocation() {
    return revocation;
  }

  /**
   * Returns warnings that did not make the chain invalid, such as a revocation status that could
   * not be established under {@link RevocationPolicy.Mode#SOFT_FAIL}.
   *
   * @return an unmodifiable list, empty when there is nothing to report
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Returns the authorities-constrained policy set (RFC 5280 6.1): the certificate policy OIDs, in
   * the trust anchor's policy domain, that the CAs on the path allow for the leaf; {@code
   * 2.5.29.32.0} (anyPolicy) when every certificate asserts anyPolicy. Empty when the chain is
   * invalid or no policy is valid for the path.
   *
   * @return an unmodifiable set of dotted OIDs
   */
  public Set<String> authoritiesConstrainedPolicies() {
    return authoritiesConstrainedPolicies;
  }

  /**
   * Returns the user-constrained policy set (RFC 5280 6.1.6): the authorities-constrained set
   * intersected with the validator's initial policy set. Empty when the chain is invalid or no
   * policy is valid for the path.
   *
   * @return an unmodifiable set of dotted OIDs
   */
  public Set<String> userConstrainedPolicies() {
    return userConstrainedPolicies;
  }

  @Override
  public String toString() {
    return isValid()
        ? "ChainVerification[valid]"
        : "ChainVerification[" + reason + ": " + message + "]";
  }
}
