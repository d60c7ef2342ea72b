package io.souverix.attestation.result;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps an {@link AttestationResult} to and from the EAR claims of a JWT. */
final class ResultClaims {
  static final String PROFILE = "eat_profile";
  static final String NONCE = "eat_nonce";
  static final String VERIFIER_ID = "ear.verifier-id";
  static final String SUBMODS = "submods";
  static final String STATUS = "ear.status";
  static final String VECTOR = "ear.trustworthiness-vector";
  static final String REASONS = "souverix.reasons";
  static final String BUILD = "souverix-sdk-attestation";

  private ResultClaims() {}

  static JWTClaimsSet toClaims(AttestationResult r) {
    Map<String, Object> vector = new LinkedHashMap<>();
    Map<String, Object> reasons = new LinkedHashMap<>();
    r.claims()
        .forEach(
            (claim, appraisal) -> {
              vector.put(claim.name(), appraisal.value());
              if (!appraisal.reason().isEmpty()) {
                reasons.put(claim.name(), appraisal.reason());
              }
            });
    Map<String, Object> submod = new LinkedHashMap<>();
    submod.put(STATUS, r.status().jsonName());
    submod.put(VECTOR, vector);
    if (!reasons.isEmpty()) {
      submod.put(REASONS, reasons);
    }
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(r.issuer())
            .subject(r.subject())
            .issueTime(Date.from(r.issuedAt()))
            .expirationTime(Date.from(r.expiresAt()))
            .claim(PROFILE, AttestationResult.EAT_PROFILE)
            .claim(NONCE, Base64.getUrlEncoder().withoutPadding().encodeToString(r.nonce()))
            .claim(VERIFIER_ID, Map.of("developer", r.issuer(), "build", BUILD))
            .claim(SUBMODS, Map.of(r.subject(), submod));
    r.audience().ifPresent(b::audience);
    return b.build();
  }

  /**
   * Reads a result from verified claims.
   *
   * @throws IllegalArgumentException or IllegalStateException if the claims are not an EAR result
   *     of this profile with one submodule named after the subject
   */
  static AttestationResult fromClaims(JWTClaimsSet c) {
    require(
        AttestationResult.EAT_PROFILE.equals(c.getClaim(PROFILE)),
        PROFILE,
        "'" + AttestationResult.EAT_PROFILE + "'");
    AttestationResult.Builder b =
        AttestationResult.newBuilder()
            .issuer(text(c.getIssuer(), "iss"))
            .subject(text(c.getSubject(), "sub"));
    Date iat = c.getIssueTime();
    Date exp = c.getExpirationTime();
    require(iat != null, "iat", "a NumericDate");
    require(exp != null, "exp", "a NumericDate");
    b.issuedAt(iat.toInstant()).expiresAt(exp.toInstant());
    List<String> audience = c.getAudience();
    require(audience.size() <= 1, "aud", "at most one audience");
    if (audience.size() == 1) {
      b.audience(audience.get(0));
    }
    Object nonce = c.getClaim(NONCE);
    require(nonce instanceof String, NONCE, "a base64url string");
    try {
      b.nonce(Base64.getUrlDecoder().decode((String) nonce));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "eat_nonce; expected 8 to 64 bytes in base64url, but got " + e.getMessage(), e);
    }
    Map<?, ?> submods = map(c.getClaim(SUBMODS), SUBMODS);
    require(
        submods.size() == 1 && submods.containsKey(c.getSubject()),
        SUBMODS,
        "exactly one submodule, named after sub '" + c.getSubject() + "'");
    Map<?, ?> submod = map(submods.get(c.getSubject()), SUBMODS + "." + c.getSubject());
    Object status = submod.get(STATUS);
    require(status instanceof String, STATUS, "a tier name");
    Map<?, ?> vector = submod.containsKey(VECTOR) ? map(submod.get(VECTOR), VECTOR) : Map.of();
    Map<?, ?> reasons = submod.containsKey(REASONS) ? map(submod.get(REASONS), REASONS) : Map.of();
    for (Map.Entry<?, ?> e : vector.entrySet()) {
      Object v = e.getValue();
      require(
          (v instanceof Long || v instanceof Integer)
              && ((Number) v).longValue() >= -128
              && ((Number) v).longValue() <= 127,
          VECTOR + "." + e.getKey(),
          "an integer from -128 to 127");
      Object reason = reasons.get(e.getKey());
      require(reason == null || reason instanceof String, REASONS + "." + e.getKey(), "a string");
      b.claim(
          TrustClaim.of(String.valueOf(e.getKey())),
          new ClaimAppraisal(((Number) v).intValue(), reason == null ? "" : (String) reason));
    }
    for (Object k : reasons.keySet()) {
      require(vector.containsKey(k), REASONS + "." + k, "a claim of the trustworthiness vector");
    }
    b.status(Tier.fromJsonName((String) status));
    return b.build();
  }

  private static String text(@org.jspecify.annotations.Nullable String value, String claim) {
    require(value != null, claim, "a string");
    return value;
  }

  private static Map<?, ?> map(@org.jspecify.annotations.Nullable Object value, String claim) {
    require(value instanceof Map, claim, "a JSON object");
    return (Map<?, ?>) value;
  }

  private static void require(boolean ok, String claim, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "claim " + claim + "; expected " + expected + ", but got something else");
    }
  }
}
