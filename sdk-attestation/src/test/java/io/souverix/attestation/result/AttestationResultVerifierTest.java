package io.souverix.attestation.result;

import static io.souverix.attestation.result.ResultFixtures.ISSUER;
import static io.souverix.attestation.result.ResultFixtures.NODE;
import static io.souverix.attestation.result.ResultFixtures.NONCE;
import static io.souverix.attestation.result.ResultFixtures.NOW;
import static io.souverix.attestation.result.ResultFixtures.affirming;
import static io.souverix.attestation.result.ResultFixtures.claims;
import static io.souverix.attestation.result.ResultFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.souverix.attestation.result.AttestationResultException.Code;
import io.souverix.attestation.result.ResultFixtures.Ca;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttestationResultVerifierTest {
  private static final Signer EC = ResultFixtures.es256(ResultFixtures.ecKeys());
  private static final Signer ED = ResultFixtures.eddsa(ResultFixtures.edKeys());
  private static final Signer OTHER_EC = ResultFixtures.es256(ResultFixtures.ecKeys());

  private final ManualClock clock = ManualClock.at(NOW);

  private AttestationResultVerifier.Builder verifierBuilder() {
    return AttestationResultVerifier.newBuilder()
        .jwkSet(ResultFixtures.jwkSet(EC, ED))
        .clock(clock);
  }

  private AttestationResultVerifier verifier() {
    return verifierBuilder().build();
  }

  private static String sign(Signer s, AttestationResult r) throws Exception {
    return AttestationResultSigner.create(s).sign(r);
  }

  private static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", alg);
    h.put("typ", "JWT");
    if (kid != null) {
      h.put("kid", kid);
    }
    return h;
  }

  private static Code rejected(AttestationResultVerifier v, String token) {
    AttestationResultException e =
        catchThrowableOfType(AttestationResultException.class, () -> v.verify(token));
    assertThat(e).as("expected a rejection").isNotNull();
    assertThat(e.getMessage()).startsWith(e.code() + ": ");
    return e.code();
  }

  @Test
  void verify_es256RoundTrip_returnsTheResult() throws Exception {
    AttestationResult r = affirming().audience("fleet-controller").build();
    VerifiedAttestationResult v = verifier().verify(sign(EC, r));

    assertThat(v.result()).isEqualTo(r);
    assertThat(v.result().status()).isEqualTo(Tier.AFFIRMING);
    assertThat(v.result().claims().get(TrustClaim.EXECUTABLES))
        .isEqualTo(new ClaimAppraisal(3, "boot chain matches golden PCRs"));
    assertThat(v.keyId()).isEqualTo(EC.keyId());
    assertThat(v.algorithm()).isEqualTo(SigningAlgorithm.ES256);
    assertThat(v.certificatePath()).isEmpty();
    assertThat(v.verifiedAt()).isEqualTo(NOW);
    assertThat(v.tokenDigest()).matches("sha256:[0-9a-f]{64}");
    assertThat(v.claimsJson())
        .contains("\"eat_profile\":\"tag:github.com,2023:veraison/ear\"")
        .contains("\"ear.status\":\"affirming\"")
        .contains("\"instance-identity\":2");
  }

  @Test
  void verify_eddsaRoundTrip_returnsTheResult() throws Exception {
    AttestationResult r =
        AttestationResult.newBuilder()
            .issuer(ISSUER)
            .subject(NODE)
            .nonce(NONCE)
            .issuedAt(NOW)
            .expiresAt(NOW.plusSeconds(600))
            .claim(TrustClaim.CONFIGURATION, Tier.WARNING, "kernel parameter mitigations=off")
            .build();
    VerifiedAttestationResult v = verifier().verify(sign(ED, r));

    assertThat(v.result()).isEqualTo(r);
    assertThat(v.result().status()).isEqualTo(Tier.WARNING);
    assertThat(v.result().isAffirming()).isFalse();
    assertThat(v.algorithm()).isEqualTo(SigningAlgorithm.ED25519);
  }

  @Test
  void sign_es256_verifiesWithNimbusAndTheJdkProvider() throws Exception {
    // Differential: the r||s transcoding of the Signer adapter against Nimbus's own verifier.
    SignedJWT jwt = SignedJWT.parse(sign(EC, affirming().build()));
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(EC.keyId());
    assertThat(jwt.getSignature().decode()).hasSize(64);
    assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) EC.publicKey()))).isTrue();
  }

  @Test
  void verify_sunEcProvider_acceptsToo() throws Exception {
    AttestationResultVerifier sunEc =
        verifierBuilder().provider(java.security.Security.getProvider("SunEC")).build();
    assertThat(sunEc.verify(sign(EC, affirming().build())).keyId()).isEqualTo(EC.keyId());
  }

  @Test
  void verify_signedByAnotherKeyUnderTheSameKid_isSignatureInvalid() {
    String forged = token(OTHER_EC, header("ES256", EC.keyId()), claims(affirming().build()));
    assertThat(rejected(verifier(), forged)).isEqualTo(Code.SIGNATURE_INVALID);
  }

  @Test
  void verify_payloadChangedAfterSigning_isSignatureInvalid() throws Exception {
    String[] parts = sign(EC, affirming().build()).split("\\.");
    Map<String, Object> c = claims(affirming().build());
    c.put("sub", "node-000666");
    String tampered =
        parts[0] + "." + Base64URL.encode(JSONObjectUtils.toJSONString(c)) + "." + parts[2];
    assertThat(rejected(verifier(), tampered)).isEqualTo(Code.SIGNATURE_INVALID);
  }

  @Test
  void verify_algNone_isAlgNotAllowed() {
    String unsigned =
        Base64URL.encode(JSONObjectUtils.toJSONString(header("none", EC.keyId())))
            + "."
            + Base64URL.encode(JSONObjectUtils.toJSONString(claims(affirming().build())))
            + ".";
    assertThat(rejected(verifier(), unsigned)).isEqualTo(Code.ALG_NOT_ALLOWED);
    String noneWithSignature = unsigned + "AAAA";
    assertThat(rejected(verifier(), noneWithSignature)).isEqualTo(Code.ALG_NOT_ALLOWED);
    String upperCase = token(EC, header("NONE", EC.keyId()), claims(affirming().build()));
    assertThat(rejected(verifier(), upperCase)).isEqualTo(Code.ALG_NOT_ALLOWED);
  }

  @Test
  void verify_algOutsideTheAllowList_isAlgNotAllowed() throws Exception {
    AttestationResultVerifier edOnly =
        verifierBuilder().allowedAlgorithms(Set.of(SigningAlgorithm.ED25519)).build();
    assertThat(rejected(edOnly, sign(EC, affirming().build()))).isEqualTo(Code.ALG_NOT_ALLOWED);
  }

  @Test
  void verify_hs256WithThePublicKeyBytesAsSecret_isAlgKeyMismatch() throws Exception {
    // The classic algorithm-confusion attack: HMAC keyed with the verifier's public key.
    ECKey publicJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.publicKey()).build();
    for (byte[] secret :
        List.of(
            EC.publicKey().getEncoded(),
            publicJwk.toJSONString().getBytes(StandardCharsets.UTF_8))) {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(EC.keyId()).build(),
              JWTClaimsSet.parse(claims(affirming().build())));
      jwt.sign(new MACSigner(secret));
      assertThat(rejected(verifier(), jwt.serialize())).isEqualTo(Code.ALG_KEY_MISMATCH);
    }
  }

  @Test
  void verify_es256HeaderOnAnEd25519Key_isAlgKeyMismatch() {
    String token = token(EC, header("ES256", ED.keyId()), claims(affirming().build()));
    assertThat(rejected(verifier(), token)).isEqualTo(Code.ALG_KEY_MISMATCH);
    String token2 = token(ED, header("EdDSA", EC.keyId()), claims(affirming().build()));
    assertThat(rejected(verifier(), token2)).isEqualTo(Code.ALG_KEY_MISMATCH);
  }

  @Test
  void verify_jwkRestrictedToAnotherAlgOrUse_isAlgKeyMismatch() throws Exception {
    ECKey restricted =
        new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.publicKey())
            .keyID(EC.keyId())
            .algorithm(JWSAlgorithm.ES384)
            .build();
    AttestationResultVerifier v =
        AttestationResultVerifier.newBuilder()
            .jwkSet(new JWKSet(restricted).toString())
            .clock(clock)
            .build();
    assertThat(rejected(v, sign(EC, affirming().build()))).isEqualTo(Code.ALG_KEY_MISMATCH);

    ECKey encryption =
        new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.publicKey())
            .keyID(EC.keyId())
            .keyUse(KeyUse.ENCRYPTION)
            .build();
    AttestationResultVerifier v2 =
        AttestationResultVerifier.newBuilder()
            .jwkSet(new JWKSet(encryption).toString())
            .clock(clock)
            .build();
    assertThat(rejected(v2, sign(EC, affirming().build()))).isEqualTo(Code.ALG_KEY_MISMATCH);
  }

  @Test
  void verify_critHeader_isCritUnsupported() {
    Map<String, Object> h = header("ES256", EC.keyId());
    h.put("crit", List.of("souverix-policy"));
    h.put("souverix-policy", "strict");
    String token = token(EC, h, claims(affirming().build()));
    assertThat(rejected(verifier(), token)).isEqualTo(Code.CRIT_UNSUPPORTED);
  }

  @Test
  void verify_expiredBeyondSkew_isExpired() throws Exception {
    String token = sign(EC, affirming().build());
    clock.set(NOW.plus(Duration.ofHours(1)).plusSeconds(59));
    assertThat(verifier().verify(token).result().subject()).as("within the skew").isEqualTo(NODE);
    clock.set(NOW.plus(Duration.ofHours(1)).plusSeconds(60));
    assertThat(rejected(verifier(), token)).isEqualTo(Code.EXPIRED);
  }

  @Test
  void verify_issuedInTheFutureBeyondSkew_isNotYetValid() throws Exception {
    String token = sign(EC, affirming().build());
    clock.set(NOW.minusSeconds(60));
    assertThat(verifier().verify(token).result().subject()).as("within the skew").isEqualTo(NODE);
    clock.set(NOW.minusSeconds(61));
    assertThat(rejected(verifier(), token)).isEqualTo(Code.NOT_YET_VALID);
  }

  @Test
  void verify_notBeforeInTheFutureBeyondSkew_isNotYetValid() {
    Map<String, Object> c = claims(affirming().build());
    c.put("nbf", NOW.plusSeconds(61).getEpochSecond());
    String token = token(EC, header("ES256", EC.keyId()), c);
    assertThat(rejected(verifier(), token)).isEqualTo(Code.NOT_YET_VALID);
    clock.set(NOW.plusSeconds(1));
    assertThat(
            catchThrowableOfType(AttestationResultException.class, () -> verifier().verify(token)))
        .as("nbf within the skew")
        .isNull();
  }

  @Test
  void verify_wrongAudience_isAudienceMismatch() throws Exception {
    String token = sign(EC, affirming().audience("billing").build());
    AttestationResultVerifier v = verifierBuilder().expectedAudience("fleet-controller").build();
    assertThat(rejected(v, token)).isEqualTo(Code.AUDIENCE_MISMATCH);
    assertThat(rejected(v, sign(EC, affirming().build())))
        .as("no aud")
        .isEqualTo(Code.AUDIENCE_MISMATCH);
    AttestationResultVerifier right = verifierBuilder().expectedAudience("billing").build();
    assertThat(right.verify(token).result().audience()).contains("billing");
  }

  @Test
  void verify_wrongIssuer_isIssuerMismatch() throws Exception {
    String token = sign(EC, affirming().build());
    AttestationResultVerifier v = verifierBuilder().expectedIssuer("https://other.test").build();
    assertThat(rejected(v, token)).isEqualTo(Code.ISSUER_MISMATCH);
    assertThat(verifierBuilder().expectedIssuer(ISSUER).build().verify(token)).isNotNull();
  }

  @Test
  void verify_kidNotInTheKeySet_isUnknownKid() {
    String token = token(OTHER_EC, header("ES256", OTHER_EC.keyId()), claims(affirming().build()));
    assertThat(rejected(verifier(), token)).isEqualTo(Code.UNKNOWN_KID);
    String noKid = token(EC, header("ES256", null), claims(affirming().build()));
    assertThat(rejected(verifier(), noKid)).isEqualTo(Code.UNKNOWN_KID);
  }

  @Test
  void verify_x5cChainingToATrustAnchor_isAccepted() throws Exception {
    Ca root = ResultFixtures.root("Souverix Test Root");
    String token =
        AttestationResultSigner.create(
                EC, List.of(ResultFixtures.leaf("verifier-1", EC.publicKey(), root)))
            .sign(affirming().build());
    AttestationResultVerifier anchorsOnly =
        AttestationResultVerifier.newBuilder()
            .trustAnchors(List.of(root.cert()))
            .clock(clock)
            .build();

    VerifiedAttestationResult v = anchorsOnly.verify(token);

    assertThat(v.keyId()).isEqualTo(EC.keyId());
    assertThat(v.certificatePath()).hasSize(2);
    assertThat(v.certificatePath().get(1)).isEqualTo(root.cert());
  }

  @Test
  void verify_x5cToAnotherRoot_isUntrustedKey() throws Exception {
    Ca root = ResultFixtures.root("Souverix Test Root");
    Ca rogue = ResultFixtures.root("Rogue Root");
    String token =
        AttestationResultSigner.create(
                EC, List.of(ResultFixtures.leaf("verifier-1", EC.publicKey(), rogue)))
            .sign(affirming().build());
    AttestationResultVerifier anchorsOnly =
        AttestationResultVerifier.newBuilder()
            .trustAnchors(List.of(root.cert()))
            .clock(clock)
            .build();
    assertThat(rejected(anchorsOnly, token)).isEqualTo(Code.UNTRUSTED_KEY);
    assertThat(rejected(verifier(), token))
        .as("no trust anchors at all")
        .isEqualTo(Code.UNTRUSTED_KEY);
  }

  @Test
  void verify_x5cLeafHoldingAnotherKeyThanItsKid_isUntrustedKey() {
    Ca root = ResultFixtures.root("Souverix Test Root");
    Map<String, Object> h = header("ES256", EC.keyId());
    h.put(
        "x5c",
        List.of(
            Base64.encode(
                    uncheckedEncoded(ResultFixtures.leaf("other", OTHER_EC.publicKey(), root)))
                .toString()));
    String token = token(OTHER_EC, h, claims(affirming().build()));
    AttestationResultVerifier v = verifierBuilder().trustAnchors(List.of(root.cert())).build();
    assertThat(rejected(v, token)).isEqualTo(Code.UNTRUSTED_KEY);
  }

  @Test
  void verify_embeddedJwkHeader_isUntrustedKey() {
    Map<String, Object> h = header("ES256", EC.keyId());
    h.put("jwk", ResultFixtures.jwk(OTHER_EC).toJSONObject());
    String token = token(OTHER_EC, h, claims(affirming().build()));
    assertThat(rejected(verifier(), token)).isEqualTo(Code.UNTRUSTED_KEY);
  }

  @Test
  void verify_notACompactJws_isMalformed() {
    AttestationResultVerifier v = verifier();
    assertThat(rejected(v, "")).isEqualTo(Code.MALFORMED);
    assertThat(rejected(v, "abc.def")).isEqualTo(Code.MALFORMED);
    assertThat(rejected(v, "!!!.e30.AA")).isEqualTo(Code.MALFORMED);
    assertThat(rejected(v, "e30.e30.AA")).as("header without alg").isEqualTo(Code.MALFORMED);
    assertThat(rejected(v, "a".repeat(AttestationResultVerifier.MAX_TOKEN_CHARS + 1)))
        .isEqualTo(Code.MALFORMED);
  }

  @Test
  void verify_validSignatureOverClaimsThatAreNoResult_isMalformed() {
    Map<String, Object> noProfile = claims(affirming().build());
    noProfile.remove("eat_profile");
    assertThat(rejected(verifier(), token(EC, header("ES256", EC.keyId()), noProfile)))
        .isEqualTo(Code.MALFORMED);

    Map<String, Object> noExp = claims(affirming().build());
    noExp.remove("exp");
    assertThat(rejected(verifier(), token(EC, header("ES256", EC.keyId()), noExp)))
        .isEqualTo(Code.MALFORMED);

    // ear.status affirming over a contraindicated claim: the status contradicts the vector.
    Map<String, Object> contradictory = claims(affirming().build());
    @SuppressWarnings("unchecked")
    Map<String, Object> submod =
        (Map<String, Object>) ((Map<String, Object>) contradictory.get("submods")).get(NODE);
    @SuppressWarnings("unchecked")
    Map<String, Object> vector = (Map<String, Object>) submod.get("ear.trustworthiness-vector");
    vector.put("hardware", 96L);
    assertThat(rejected(verifier(), token(EC, header("ES256", EC.keyId()), contradictory)))
        .isEqualTo(Code.MALFORMED);
  }

  @Test
  void verify_otherNonceThanExpected_isNonceMismatch() throws Exception {
    String token = sign(EC, affirming().build());
    assertThat(verifier().verify(token, NONCE).result().nonce()).isEqualTo(NONCE);
    AttestationResultException e =
        catchThrowableOfType(
            AttestationResultException.class,
            () -> verifier().verify(token, "another-nonce-42".getBytes(StandardCharsets.US_ASCII)));
    assertThat(e.code()).isEqualTo(Code.NONCE_MISMATCH);
  }

  @Test
  void build_symmetricKeyInTheSet_isRejected() {
    String set =
        new JWKSet(new OctetSequenceKey.Builder(new byte[32]).keyID("hmac").build())
            .toString(false);
    assertThatThrownBy(() -> AttestationResultVerifier.newBuilder().jwkSet(set).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'hmac'");
  }

  @Test
  void build_keyWithoutKidOrTwice_isRejected() {
    String noKid =
        new JWKSet(new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.publicKey()).build()).toString();
    assertThatThrownBy(() -> AttestationResultVerifier.newBuilder().jwkSet(noKid).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kid");
    assertThatThrownBy(
            () ->
                AttestationResultVerifier.newBuilder()
                    .jwkSet(ResultFixtures.jwkSet(EC))
                    .key(EC.keyId(), EC.publicKey())
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttestationResultVerifier.newBuilder().jwkSet("{not json").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttestationResultVerifier.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> AttestationResultVerifier.newBuilder().clockSkew(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] uncheckedEncoded(java.security.cert.X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
