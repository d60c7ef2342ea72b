package io.souverix.supplychain.provenance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a bundle: valid or not, a stable {@link Reason}, a message for humans,
 * and what was established about the signature (who signed, when, which statement).
 *
 * <p>Only {@link ProvenanceVerifier} creates results; a valid result proves every check ran.
 *
 * @since 0.1
 */
public final class ProvenanceResult {
  private final Reason reason;
  private final String message;
  private final @Nullable String identity;
  private final @Nullable String issuer;
  private final @Nullable Instant signedAt;
  private final @Nullable InTotoStatement statement;

  ProvenanceResult(
      Reason reason,
      String message,
      @Nullable String identity,
      @Nullable String issuer,
      @Nullable Instant signedAt,
      @Nullable InTotoStatement statement) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
    this.identity = identity;
    this.issuer = issuer;
    this.signedAt = signedAt;
    this.statement = statement;
  }

  /**
   * Returns whether every check passed.
   *
   * @return true when {@link #reason()} is {@link Reason#OK}
   * @since 0.1
   */
  public boolean valid() {
    return reason == Reason.OK;
  }

  /**
   * Returns why the bundle was accepted or rejected.
   *
   * @return the reason
   * @since 0.1
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns a one-line explanation of the reason.
   *
   * @return the message; {@code "ok"} when valid
   * @since 0.1
   */
  public String message() {
    return message;
  }

  /**
   * Returns the signing certificate's SAN (keyless bundles).
   *
   * @return the identity, or empty in key mode or when no certificate was read
   * @since 0.1
   */
  public Optional<String> identity() {
    return Optional.ofNullable(identity);
  }

  /**
   * Returns the OIDC issuer recorded in the signing certificate (keyless bundles).
   *
   * @return the issuer, or empty
   * @since 0.1
   */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /**
   * Returns the trusted signing time: the log's integrated time, else the RFC 3161 timestamp.
   *
   * @return the time, or empty if none was established
   * @since 0.1
   */
  public Optional<Instant> signedAt() {
    return Optional.ofNullable(signedAt);
  }

  /**
   * Returns the in-toto statement of a verified DSSE bundle.
   *
   * @return the statement, or empty for a message signature or an invalid result
   * @since 0.1
   */
  public Optional<InTotoStatement> statement() {
    return Optional.ofNullable(statement);
  }

  @Override
  public String toString() {
    return reason.code() + (valid() ? "" : ": " + message);
  }
}
