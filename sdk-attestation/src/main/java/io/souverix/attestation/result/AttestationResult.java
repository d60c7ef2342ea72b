package io.souverix.attestation.result;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an appraisal of a node's evidence: who judged (issuer), whom (subject, the node
 * id), for which challenge (nonce), when and until when, the overall {@link Tier} and the appraisal
 * of each {@link TrustClaim} of the trustworthiness vector.
 *
 * <p>Immutable. The overall status is never more favourable than the worst claim: a result with a
 * {@link Tier#CONTRAINDICATED} claim cannot be {@link Tier#AFFIRMING}. Times are whole seconds, as
 * in a JWT.
 *
 * @since 0.1
 */
public final class AttestationResult {
  /** The EAT profile of the results this package writes and reads (draft-ietf-rats-ear). */
  public static final String EAT_PROFILE = "tag:github.com,2023:veraison/ear";

  /** Longest issuer and subject accepted (the {@code verifier} limit of the event). */
  static final int MAX_NAME_LENGTH = 200;

  private final String issuer;
  private final String subject;
  private final byte[] nonce;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final @Nullable String audience;
  private final Tier status;
  private final Map<TrustClaim, ClaimAppraisal> claims;

  private AttestationResult(Builder b, Tier status) {
    this.issuer = Objects.requireNonNull(b.issuer);
    this.subject = Objects.requireNonNull(b.subject);
    this.nonce = Objects.requireNonNull(b.nonce).clone();
    this.issuedAt = Objects.requireNonNull(b.issuedAt);
    this.expiresAt = Objects.requireNonNull(b.expiresAt);
    this.audience = b.audience;
    this.status = status;
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
  }

  /**
   * Starts a builder. Issuer, subject, nonce, issue and expiry time are required.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns who appraised the evidence ({@code iss}).
   *
   * @return the issuer, 1 to 200 characters
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns whose evidence was appraised ({@code sub}): the node id, which is its stream id.
   *
   * @return the subject, 1 to 200 characters
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns the challenge the evidence answered ({@code eat_nonce}).
   *
   * @return a copy of the nonce, 8 to 64 bytes
   */
  public byte[] nonce() {
    return nonce.clone();
  }

  /**
   * Returns when the result was issued ({@code iat}).
   *
   * @return the instant, whole seconds
   */
  public Instant issuedAt() {
    return issuedAt;
  }

  /**
   * Returns when the result stops being valid ({@code exp}).
   *
   * @return the instant, whole seconds, after {@link #issuedAt()}
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Returns the relying party the result is meant for ({@code aud}), if one is named.
   *
   * @return the audience, or empty
   */
  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  /**
   * Returns the overall status ({@code ear.status}).
   *
   * @return the tier
   */
  public Tier status() {
    return status;
  }

  /**
   * Returns whether the overall status is {@link Tier#AFFIRMING}.
   *
   * @return true when affirming
   */
  public boolean isAffirming() {
    return status == Tier.AFFIRMING;
  }

  /**
   * Returns the trustworthiness vector: the appraisal of each claim made, in the order added.
   *
   * @return an unmodifiable map
   */
  public Map<TrustClaim, ClaimAppraisal> claims() {
    return claims;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AttestationResult)) {
      return false;
    }
    AttestationResult r = (AttestationResult) o;
    return issuer.equals(r.issuer)
        && subject.equals(r.subject)
        && Arrays.equals(nonce, r.nonce)
        && issuedAt.equals(r.issuedAt)
        && expiresAt.equals(r.expiresAt)
        && Objects.equals(audience, r.audience)
        && status == r.status
        && claims.equals(r.claims);
  }

  @Override
  public int hashCode() {
    return Objects.hash(issuer, subject, Arrays.hashCode(nonce), issuedAt, expiresAt, status);
  }

  @Override
  public String toString() {
    return "AttestationResult[" + subject + " " + status.jsonName() + " by " + issuer + "]";
  }

  /**
   * Configures an {@link AttestationResult}. Mutable and not thread-safe; each option may be set
   * once, each claim added once.
   */
  public static final class Builder {
    private @Nullable String issuer;
    private @Nullable String subject;
    private byte @Nullable [] nonce;
    private @Nullable Instant issuedAt;
    private @Nullable Instant expiresAt;
    private @Nullable String audience;
    private @Nullable Tier status;
    private final Map<TrustClaim, ClaimAppraisal> claims = new LinkedHashMap<>();
    private final Set<String> set = new LinkedHashSet<>();

    private Builder() {}

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "%s; expected to be set once, but got a second call", option));
      }
    }

    private static String name(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s length; expected 1 to %d characters, but got %d",
                what,
                MAX_NAME_LENGTH,
                value.length()));
      }
      return value;
    }

    /**
     * Sets the issuer (required).
     *
     * @param issuer the verifier's name, 1 to 200 characters
     * @return this builder
     * @throws IllegalArgumentException if empty or too long
     * @throws IllegalStateException if called twice
     */
    public Builder issuer(String issuer) {
      once("issuer");
      this.issuer = name("issuer", issuer);
      return this;
    }

    /**
     * Sets the subject (required): the node id.
     *
     * @param subject the node id, 1 to 200 characters
     * @return this builder
     * @throws IllegalArgumentException if empty or too long
     * @throws IllegalStateException if called twice
     */
    public Builder subject(String subject) {
      once("subject");
      this.subject = name("subject", subject);
      return this;
    }

    /**
     * Sets the nonce (required): the challenge the evidence answered, for example one issued by
     * {@link io.souverix.attestation.NonceRegistry}.
     *
     * @param nonce 8 to 64 bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if shorter than 8 or longer than 64 bytes (EAT, RFC 9711)
     * @throws IllegalStateException if called twice
     */
    public Builder nonce(byte[] nonce) {
      once("nonce");
      Objects.requireNonNull(nonce, "nonce");
      if (nonce.length < 8 || nonce.length > 64) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "nonce length; expected 8 to 64 bytes, but got %d", nonce.length));
      }
      this.nonce = nonce.clone();
      return this;
    }

    /**
     * Sets when the result is issued (required).
     *
     * @param issuedAt the instant; truncated to whole seconds
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder issuedAt(Instant issuedAt) {
      once("issuedAt");
      this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
      return this;
    }

    /**
     * Sets when the result expires (required).
     *
     * @param expiresAt the instant, after the issue time; truncated to whole seconds
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder expiresAt(Instant expiresAt) {
      once("expiresAt");
      this.expiresAt =
          Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
      return this;
    }

    /**
     * Names the relying party the result is meant for (optional).
     *
     * @param audience the audience, 1 to 200 characters
     * @return this builder
     * @throws IllegalArgumentException if empty or too long
     * @throws IllegalStateException if called twice
     */
    public Builder audience(String audience) {
      once("audience");
      this.audience = name("audience", audience);
      return this;
    }

    /**
     * Sets the overall status explicitly (optional). By default it is the most severe tier among
     * the claims, and {@link Tier#NONE} without claims.
     *
     * @param status the status; not more favourable than the worst claim
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder status(Tier status) {
      once("status");
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Adds the appraisal of a claim.
     *
     * @param claim the claim
     * @param appraisal its value and reason
     * @return this builder
     * @throws IllegalStateException if the claim was already added
     */
    public Builder claim(TrustClaim claim, ClaimAppraisal appraisal) {
      Objects.requireNonNull(claim, "claim");
      Objects.requireNonNull(appraisal, "appraisal");
      if (claims.putIfAbsent(claim, appraisal) != null) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "claim %s; expected to be added once, but got a second call", claim));
      }
      return this;
    }

    /**
     * Adds the appraisal of a claim by tier, with the tier's generic value.
     *
     * @param claim the claim
     * @param tier its tier
     * @param reason why; may be empty
     * @return this builder
     * @throws IllegalStateException if the claim was already added
     */
    public Builder claim(TrustClaim claim, Tier tier, String reason) {
      return claim(claim, ClaimAppraisal.of(tier, reason));
    }

    /**
     * Builds the result.
     *
     * @return the result
     * @throws IllegalStateException if a required option is missing, the expiry is not after the
     *     issue time, or the explicit status is more favourable than the worst claim
     */
    public AttestationResult build() {
      for (String required : new String[] {"issuer", "subject", "nonce", "issuedAt", "expiresAt"}) {
        if (!set.contains(required)) {
          throw new IllegalStateException(
              String.format(Locale.ROOT, "%s; expected to be set, but got none", required));
        }
      }
      if (!Objects.requireNonNull(expiresAt).isAfter(Objects.requireNonNull(issuedAt))) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "expiresAt; expected after issuedAt %s, but got %s",
                issuedAt,
                expiresAt));
      }
      Tier worst = Tier.NONE;
      for (ClaimAppraisal a : claims.values()) {
        if (a.tier().compareTo(worst) > 0) {
          worst = a.tier();
        }
      }
      if (status != null && status.compareTo(worst) < 0) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "status; expected %s or more severe (the worst claim), but got %s",
                worst.jsonName(),
                status.jsonName()));
      }
      return new AttestationResult(this, status != null ? status : worst);
    }
  }
}
