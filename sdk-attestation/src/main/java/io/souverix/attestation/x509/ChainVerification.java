package io.souverix.attestation.x509;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
  private final List<Check> checks;
  private final Instant validationTime;
  private final @Nullable ReportInputs inputs;

  ChainVerification(
      @Nullable ReasonCode reason,
      String message,
      List<X509Certificate> path,
      List<Check> checks,
      Instant validationTime) {
    this.reason = reason;
    this.message = Objects.requireNonNull(message, "message");
    this.path = List.copyOf(path);
    this.checks = List.copyOf(checks);
    this.validationTime = Objects.requireNonNull(validationTime, "validationTime");
    this.inputs = null;
  }

  private ChainVerification(ChainVerification v, ReportInputs inputs) {
    this.reason = v.reason;
    this.message = v.message;
    this.path = v.path;
    this.checks = v.checks;
    this.validationTime = v.validationTime;
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
    return checks;
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

  @Override
  public String toString() {
    return isValid()
        ? "ChainVerification[valid]"
        : "ChainVerification[" + reason + ": " + message + "]";
  }
}
