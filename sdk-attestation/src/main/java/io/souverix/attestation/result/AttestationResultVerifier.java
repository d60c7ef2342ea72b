package io.souverix.attestation.result;

import static io.souverix.attestation.result.AttestationResultException.Code.ALG_KEY_MISMATCH;
import static io.souverix.attestation.result.AttestationResultException.Code.ALG_NOT_ALLOWED;
import static io.souverix.attestation.result.AttestationResultException.Code.AUDIENCE_MISMATCH;
import static io.souverix.attestation.result.AttestationResultException.Code.CRIT_UNSUPPORTED;
import static io.souverix.attestation.result.AttestationResultException.Code.EXPIRED;
import static io.souverix.attestation.result.AttestationResultException.Code.ISSUER_MISMATCH;
import static io.souverix.attestation.result.AttestationResultException.Code.MALFORMED;
import static io.souverix.attestation.result.AttestationResultException.Code.NONCE_MISMATCH;
import static io.souverix.attestation.result.AttestationResultException.Code.NOT_YET_VALID;
import static io.souverix.attestation.result.AttestationResultException.Code.SIGNATURE_INVALID;
import static io.souverix.attestation.result.AttestationResultException.Code.UNKNOWN_KID;
import static io.souverix.attestation.result.AttestationResultException.Code.UNTRUSTED_KEY;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.KeyUsage;
import io.souverix.attestation.x509.TrustChainValidator;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;

/**
 * Verifies attestation-result JWTs: signature, algorithm, key, header and claims, in that order.
 * Returns a {@link VerifiedAttestationResult} or throws an {@link AttestationResultException} with
 * a stable {@link AttestationResultException.Code}.
 *
 * <p>The key is chosen by the header: {@code x5c} (validated to a trust anchor with {@link
 * TrustChainValidator}, leaf key usage digitalSignature), otherwise {@code kid} in the accepted key
 * set. Signatures are checked through Nimbus JOSE+JWT with a Bouncy Castle provider by default.
 * Immutable and thread-safe.
 *
 * <h3>Security guarantees</h3>
 *
 * <ul>
 *   <li>{@code alg: none}, and any {@code alg} outside the allow-list (default: every {@link
 *       SigningAlgorithm}, all asymmetric) is rejected; the {@code alg} must fit the selected key
 *       (type, curve, RSA size, the JWK's own {@code alg} and {@code use}), so an HMAC algorithm
 *       can never be verified with a public key's bytes as its secret (RFC 8725, section 2.1).
 *   <li>Any {@code crit} header is rejected: this verifier understands no extension (RFC 7515,
 *       section 4.1.11). Keys offered by {@code jwk}, {@code jku} or {@code x5u} are never used,
 *       and a token that offers one is rejected.
 *   <li>{@code exp} and {@code iat} are required; {@code exp}, {@code nbf} and {@code iat} are
 *       checked against the injected clock with a bounded skew (default 60 s).
 *   <li>Issuer and audience are checked when configured.
 * </ul>
 *
 * See RFC 7515, RFC 7519, RFC 8725 and draft-ietf-rats-ear.
 *
 * @since 0.1
 */
public final class AttestationResultVerifier {
  /** Longest token accepted, in characters. */
  public static final int MAX_TOKEN_CHARS = 64 * 1024;

  /** Largest clock skew a verifier may allow. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private final Map<String, AcceptedKey> keys;
  private final @Nullable TrustChainValidator chains;
  private final Clock clock;
  private final Duration skew;
  private final @Nullable String issuer;
  private final @Nullable String audience;
  private final Set<SigningAlgorithm> allowed;
  private final Provider provider;

  private AttestationResultVerifier(Builder b, Map<String, AcceptedKey> keys, Provider provider) {
    this.keys = Map.copyOf(keys);
    this.clock = Objects.requireNonNull(b.clock);
    this.chains =
        b.anchors.isEmpty()
            ? null
            : TrustChainValidator.newBuilder()
                .trustAnchors(b.anchors)
                .clock(clock)
                .requiredKeyUsages(Set.of(KeyUsage.DIGITAL_SIGNATURE))
                .build();
    this.skew = b.skew;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.allowed = Set.copyOf(b.allowed);
    this.provider = provider;
  }

  /**
   * Starts a builder. Accepted keys ({@link Builder#jwkSet} or {@link Builder#key}) or trust
   * anchors ({@link Builder#trustAnchors}) are required.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Verifies a token.
   *
   * @param token the compact JWS; not null
   * @return the verified result
   * @throws AttestationResultException if the token is rejected, with the first failing check's
   *     code
   */
  public VerifiedAttestationResult verify(String token) throws AttestationResultException {
    return check(Objects.requireNonNull(token, "token"), null);
  }

  /**
   * Verifies a token and that it answers a given challenge.
   *
   * @param token the compact JWS; not null
   * @param expectedNonce the nonce the result must carry in {@code eat_nonce}
   * @return the verified result
   * @throws AttestationResultException if the token is rejected; {@code NONCE_MISMATCH} if it is
   *     valid but for another nonce
   */
  public VerifiedAttestationResult verify(String token, byte[] expectedNonce)
      throws AttestationResultException {
    return check(
        Objects.requireNonNull(token, "token"),
        Objects.requireNonNull(expectedNonce, "expectedNonce"));
  }

  private VerifiedAttestationResult check(String token, byte @Nullable [] expectedNonce)
      throws AttestationResultException {
    Instant now = clock.instant();
    if (token.length() > MAX_TOKEN_CHARS) {
      throw AttestationResultException.of(
          MALFORMED,
          "token length; expected at most %d characters, but got %d",
          MAX_TOKEN_CHARS,
          token.length());
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      // Nimbus refuses some headers we report with their own codes: alg none (a "plain" header).
      throw classifyUnparsable(token, e);
    }
    JWSHeader header = jwt.getHeader();
    String alg = header.getAlgorithm().getName();
    if (alg.equalsIgnoreCase("none")) {
      throw AttestationResultException.of(
          ALG_NOT_ALLOWED, "header alg; expected a signature algorithm, but got '%s'", alg);
    }
    if (header.getCriticalParams() != null || header.getIncludedParams().contains("crit")) {
      throw AttestationResultException.of(
          CRIT_UNSUPPORTED,
          "header crit; expected none (no extension is understood), but got %s",
          header.getCriticalParams());
    }
    for (String offered : List.of("jwk", "jku", "x5u")) {
      if (header.getIncludedParams().contains(offered)) {
        throw AttestationResultException.of(
            UNTRUSTED_KEY,
            "header %s; expected keys only from the accepted key set or x5c, but got one",
            offered);
      }
    }
    Selected key = header.getX509CertChain() != null ? fromX5c(header) : fromKid(header);

    SigningAlgorithm algorithm = ours(alg);
    if (algorithm == null || !algorithm.accepts(key.key.key())) {
      throw AttestationResultException.of(
          ALG_KEY_MISMATCH,
          "header alg; expected one that fits key '%s' (%s), but got '%s'",
          key.keyId,
          describe(key.key.key()),
          alg);
    }
    if (key.key.jwkAlg() != null && !alg.equals(key.key.jwkAlg())) {
      throw AttestationResultException.of(
          ALG_KEY_MISMATCH,
          "header alg; expected '%s' (the JWK's alg of key '%s'), but got '%s'",
          key.key.jwkAlg(),
          key.keyId,
          alg);
    }
    if (!key.key.forSignatures()) {
      throw AttestationResultException.of(
          ALG_KEY_MISMATCH,
          "key '%s' use; expected signature verification, but the JWK excludes it",
          key.keyId);
    }
    if (!allowed.contains(algorithm)) {
      throw AttestationResultException.of(
          ALG_NOT_ALLOWED, "header alg; expected one of %s, but got '%s'", names(allowed), alg);
    }
    boolean valid;
    try {
      valid = jwt.verify(key.key.verifier());
    } catch (JOSEException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw AttestationResultException.of(
          SIGNATURE_INVALID,
          "signature; expected a valid %s signature by key '%s', but it does not verify",
          alg,
          key.keyId);
    }

    // The JDK's Base64 decoder: Nimbus's constant-time one is needless for public claims and
    // costs a noticeable share of a verification.
    String claimsJson;
    JWTClaimsSet claims;
    try {
      claimsJson =
          new String(
              java.util.Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()),
              StandardCharsets.UTF_8);
      claims = JWTClaimsSet.parse(JSONObjectUtils.parse(claimsJson));
    } catch (ParseException | IllegalArgumentException e) {
      throw AttestationResultException.of(
          MALFORMED, e, "claims; expected a JWT claims set, but got %s", e.getMessage());
    }
    checkTimes(claims, now);
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      throw AttestationResultException.of(
          ISSUER_MISMATCH, "iss; expected '%s', but got '%s'", issuer, claims.getIssuer());
    }
    if (audience != null && !claims.getAudience().contains(audience)) {
      throw AttestationResultException.of(
          AUDIENCE_MISMATCH, "aud; expected '%s', but got %s", audience, claims.getAudience());
    }
    AttestationResult result;
    try {
      result = ResultClaims.fromClaims(claims);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw AttestationResultException.of(MALFORMED, e, "attestation result; %s", e.getMessage());
    }
    if (expectedNonce != null && !MessageDigest.isEqual(expectedNonce, result.nonce())) {
      throw AttestationResultException.of(
          NONCE_MISMATCH, "eat_nonce; expected the challenge issued, but got another nonce");
    }
    return new VerifiedAttestationResult(
        result,
        key.keyId,
        algorithm,
        key.path,
        claimsJson,
        "sha256:" + Sha256.hex(token.getBytes(StandardCharsets.US_ASCII)),
        now);
  }

  /** Explains why Nimbus could not parse a token, with the code of the first problem found. */
  private static AttestationResultException classifyUnparsable(String token, ParseException cause) {
    Map<String, Object> header;
    try {
      header =
          JSONObjectUtils.parse(
              new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString());
    } catch (ParseException | RuntimeException e) {
      return AttestationResultException.of(
          MALFORMED, e, "JWS header; expected base64url JSON, but got %s", e.getMessage());
    }
    Object alg = header.get("alg");
    if (alg instanceof String && ((String) alg).equalsIgnoreCase("none")) {
      return AttestationResultException.of(
          ALG_NOT_ALLOWED, "header alg; expected a signature algorithm, but got '%s'", alg);
    }
    if (header.containsKey("crit")) {
      return AttestationResultException.of(
          CRIT_UNSUPPORTED,
          "header crit; expected none (no extension is understood), but got %s",
          header.get("crit"));
    }
    return AttestationResultException.of(
        MALFORMED, cause, "compact JWS; expected to parse, but got %s", cause.getMessage());
  }

  private void checkTimes(JWTClaimsSet claims, Instant now) throws AttestationResultException {
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || iat == null) {
      throw AttestationResultException.of(
          MALFORMED, "claims exp and iat; expected both, but got exp=%s, iat=%s", exp, iat);
    }
    // RFC 7519, section 4.1.4: the current time must be before exp; the skew is the only leeway.
    if (!now.isBefore(exp.toInstant().plus(skew))) {
      throw AttestationResultException.of(
          EXPIRED,
          "exp; expected after %s (now %s, skew %ds), but got %s",
          now.minus(skew),
          now,
          skew.toSeconds(),
          exp.toInstant());
    }
    Instant latest = now.plus(skew);
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(latest)) {
      throw AttestationResultException.of(
          NOT_YET_VALID,
          "nbf; expected at or before %s (now %s, skew %ds), but got %s",
          latest,
          now,
          skew.toSeconds(),
          nbf.toInstant());
    }
    if (iat.toInstant().isAfter(latest)) {
      throw AttestationResultException.of(
          NOT_YET_VALID,
          "iat; expected at or before %s (now %s, skew %ds), but got %s",
          latest,
          now,
          skew.toSeconds(),
          iat.toInstant());
    }
  }

  /** The key a token is checked with. */
  private record Selected(String keyId, AcceptedKey key, List<X509Certificate> path) {}

  private Selected fromKid(JWSHeader header) throws AttestationResultException {
    String kid = header.getKeyID();
    AcceptedKey key = kid == null ? null : keys.get(kid);
    if (key == null) {
      throw AttestationResultException.of(
          UNKNOWN_KID,
          "header kid; expected one of %s, but got %s",
          keys.keySet().stream().sorted().toList(),
          kid == null ? "none" : "'" + kid + "'");
    }
    return new Selected(kid, key, List.of());
  }

  private Selected fromX5c(JWSHeader header) throws AttestationResultException {
    if (chains == null) {
      throw AttestationResultException.of(
          UNTRUSTED_KEY, "header x5c; expected trust anchors to validate it, but none are set");
    }
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Base64 der : header.getX509CertChain()) {
        certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der.decode())));
      }
    } catch (CertificateException | RuntimeException e) {
      throw AttestationResultException.of(
          MALFORMED, e, "header x5c; expected DER certificates, but got %s", e.getMessage());
    }
    if (certs.isEmpty()) {
      throw AttestationResultException.of(
          MALFORMED, "header x5c; expected at least one certificate, but got none");
    }
    ChainVerification v = chains.validate(certs.get(0), certs.subList(1, certs.size()));
    if (!v.isValid()) {
      throw AttestationResultException.of(
          UNTRUSTED_KEY,
          "header x5c; expected a chain to a trust anchor, but got %s: %s",
          v.reason().map(Enum::name).orElse("INVALID"),
          v.message());
    }
    PublicKey leafKey = certs.get(0).getPublicKey();
    String kid = header.getKeyID();
    AcceptedKey listed = kid == null ? null : keys.get(kid);
    if (listed != null && !MessageDigest.isEqual(listed.key().getEncoded(), leafKey.getEncoded())) {
      throw AttestationResultException.of(
          UNTRUSTED_KEY,
          "header x5c; expected the leaf to hold key '%s' named by kid, but got another key",
          kid);
    }
    AcceptedKey key;
    try {
      key = AcceptedKey.of(kid != null ? kid : Sha256.hex(leafKey.getEncoded()), leafKey, provider);
    } catch (IllegalArgumentException e) {
      throw AttestationResultException.of(
          ALG_KEY_MISMATCH, e, "header x5c leaf key; %s", e.getMessage());
    }
    return new Selected(key.kid(), key, v.path());
  }

  private static @Nullable SigningAlgorithm ours(String jwsName) {
    for (SigningAlgorithm a : SigningAlgorithm.values()) {
      if (a.jwsName().equals(jwsName)) {
        return a;
      }
    }
    return null;
  }

  private static String describe(PublicKey key) {
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      return "EC " + ec.getParams().getOrder().bitLength() + "-bit";
    }
    if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength() + "-bit";
    }
    return key.getAlgorithm();
  }

  private static List<String> names(Set<SigningAlgorithm> algorithms) {
    return EnumSet.copyOf(algorithms).stream().map(SigningAlgorithm::jwsName).toList();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "AttestationResultVerifier[keys=%s, x5c=%s, skew=%ds, allowed=%s]",
        keys.keySet(),
        chains != null,
        skew.toSeconds(),
        names(allowed));
  }

  /**
   * Configures an {@link AttestationResultVerifier}. Mutable and not thread-safe; each option may
   * be set once, each key added once.
   */
  public static final class Builder {
    private @Nullable String jwkSet;
    private final Map<String, PublicKey> extraKeys = new LinkedHashMap<>();
    private final List<X509Certificate> anchors = new ArrayList<>();
    private @Nullable Clock clock;
    private Duration skew = Duration.ofSeconds(60);
    private @Nullable String issuer;
    private @Nullable String audience;
    private Set<SigningAlgorithm> allowed = EnumSet.allOf(SigningAlgorithm.class);
    private @Nullable Provider provider;
    private final Set<String> set = new LinkedHashSet<>();

    private Builder() {}

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "%s; expected to be set once, but got a second call", option));
      }
    }

    /**
     * Accepts the keys of a JWK Set (RFC 7517): EC P-256/P-384, RSA and Ed25519 public keys, each
     * with a distinct {@code kid}. A JWK's {@code alg}, {@code use} and {@code key_ops} constrain
     * its use. Private members, if present, are ignored.
     *
     * @param json the JWK Set JSON
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder jwkSet(String json) {
      once("jwkSet");
      this.jwkSet = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Accepts one public key under a key id.
     *
     * @param kid the key id tokens name it by
     * @param key an EC P-256/P-384, RSA or Ed25519 public key
     * @return this builder
     * @throws IllegalStateException if the kid was already added
     */
    public Builder key(String kid, PublicKey key) {
      Objects.requireNonNull(kid, "kid");
      Objects.requireNonNull(key, "key");
      if (extraKeys.putIfAbsent(kid, key) != null) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "key '%s'; expected to be added once, but got it twice", kid));
      }
      return this;
    }

    /**
     * Accepts tokens whose {@code x5c} chain validates to one of these anchors (RFC 5280, with
     * {@link TrustChainValidator}; the leaf needs key usage digitalSignature if it has the
     * extension). Without anchors, every token with {@code x5c} is rejected.
     *
     * @param trustAnchors the trusted certificates
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder trustAnchors(Collection<X509Certificate> trustAnchors) {
      once("trustAnchors");
      for (X509Certificate c : trustAnchors) {
        anchors.add(Objects.requireNonNull(c, "trust anchor"));
      }
      return this;
    }

    /**
     * Sets the time source for {@code exp}, {@code nbf}, {@code iat} and certificate validity
     * (default: the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the allowed clock skew (default 60 s).
     *
     * @param skew zero to {@link #MAX_CLOCK_SKEW}
     * @return this builder
     * @throws IllegalArgumentException if negative or above the maximum
     * @throws IllegalStateException if called twice
     */
    public Builder clockSkew(Duration skew) {
      once("clockSkew");
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "clockSkew; expected 0 to %s, but got %s", MAX_CLOCK_SKEW, skew));
      }
      this.skew = skew;
      return this;
    }

    /**
     * Requires {@code iss} to equal this issuer.
     *
     * @param issuer the expected issuer
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder expectedIssuer(String issuer) {
      once("expectedIssuer");
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Requires {@code aud} to include this audience.
     *
     * @param audience the expected audience
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder expectedAudience(String audience) {
      once("expectedAudience");
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /**
     * Narrows the accepted algorithms (default: all of {@link SigningAlgorithm}).
     *
     * @param algorithms at least one
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if called twice
     */
    public Builder allowedAlgorithms(Set<SigningAlgorithm> algorithms) {
      once("allowedAlgorithms");
      if (algorithms.isEmpty()) {
        throw new IllegalArgumentException(
            "allowedAlgorithms; expected at least one, but got none");
      }
      this.allowed = EnumSet.copyOf(algorithms);
      return this;
    }

    /**
     * Sets the JCA provider that verifies signatures (default: a private Bouncy Castle provider
     * instance, which verifies ECDSA several times faster than the JDK's SunEC on Java 17).
     *
     * @param provider the provider
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder provider(Provider provider) {
      once("provider");
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if neither keys nor trust anchors were given
     * @throws IllegalArgumentException if the JWK Set does not parse, holds a symmetric or
     *     unsupported key, a key without {@code kid}, or a {@code kid} twice
     */
    public AttestationResultVerifier build() {
      if (jwkSet == null && extraKeys.isEmpty() && anchors.isEmpty()) {
        throw new IllegalStateException(
            "accepted keys; expected a JWK Set, a key or trust anchors, but got none");
      }
      Provider p = provider != null ? provider : BOUNCY_CASTLE;
      Map<String, AcceptedKey> keys =
          jwkSet == null ? new LinkedHashMap<>() : AcceptedKey.parseJwkSet(jwkSet, p);
      for (Map.Entry<String, PublicKey> e : extraKeys.entrySet()) {
        if (keys.putIfAbsent(e.getKey(), AcceptedKey.of(e.getKey(), e.getValue(), p)) != null) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "key '%s'; expected distinct kids, but the JWK Set has it too",
                  e.getKey()));
        }
      }
      if (clock == null) {
        clock = Clock.systemUTC();
      }
      return new AttestationResultVerifier(this, keys, p);
    }
  }
}
