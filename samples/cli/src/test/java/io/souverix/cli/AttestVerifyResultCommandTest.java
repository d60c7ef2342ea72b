package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.attestation.result.AttestationResult;
import io.souverix.attestation.result.AttestationResultSigner;
import io.souverix.attestation.result.Tier;
import io.souverix.attestation.result.TrustClaim;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code attest verify-result} section of ../shared/contracts/attestation.md, in-process. */
class AttestVerifyResultCommandTest {
  private static final Instant IAT = Instant.parse("2026-01-01T00:00:00Z");
  private static final String AT = "2026-01-01T00:10:00Z";
  private static Signer signer;
  private static Signer stranger;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    signer = Signer.inMemory(ecKeys(), SigningAlgorithm.ES256);
    stranger = Signer.inMemory(ecKeys(), SigningAlgorithm.ES256);
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static AttestationResult.Builder result() {
    return AttestationResult.newBuilder()
        .issuer("https://verifier.test")
        .subject("node-000042")
        .nonce("0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
        .issuedAt(IAT)
        .expiresAt(IAT.plusSeconds(3600))
        .audience("fleet-controller")
        .claim(TrustClaim.INSTANCE_IDENTITY, Tier.AFFIRMING, "recognised EK")
        .claim(TrustClaim.EXECUTABLES, Tier.AFFIRMING, "");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private Cli.Result verify(String token, String... extra) throws Exception {
    Path t = write("token.jwt", token + "\n");
    Path k = write("keys.json", new JWKSet(jwk(signer)).toString());
    List<String> args =
        new ArrayList<>(
            List.of(
                "attest",
                "verify-result",
                "--token",
                t.toString(),
                "--jwks",
                k.toString(),
                "--json"));
    args.addAll(Arrays.asList(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static ECKey jwk(Signer s) {
    return new ECKey.Builder(Curve.P_256, (ECPublicKey) s.publicKey()).keyID(s.keyId()).build();
  }

  private static String signed() throws Exception {
    return AttestationResultSigner.create(signer).sign(result().build());
  }

  private static void assertInvalid(Cli.Result r, String code) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).isEqualTo(code);
    assertThat(out.has("claims")).as("claims only when valid").isFalse();
    assertThat(r.err()).contains(code);
  }

  @Test
  void verifyResult_validToken_exitsZeroWithClaims() throws Exception {
    Cli.Result r =
        verify(
            signed(),
            "--at",
            AT,
            "--audience",
            "fleet-controller",
            "--issuer",
            "https://verifier.test");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isTrue();
    assertThat(out.get("reason").asText()).isEqualTo("ok");
    JsonNode claims = out.get("claims");
    assertThat(claims.get("sub").asText()).isEqualTo("node-000042");
    assertThat(claims.get("iat").asLong()).isEqualTo(IAT.getEpochSecond());
    assertThat(claims.at("/submods/node-000042/ear.status").asText()).isEqualTo("affirming");
    assertThat(
            claims.at("/submods/node-000042/ear.trustworthiness-vector/instance-identity").asInt())
        .isEqualTo(2);
    assertThat(out.size()).isEqualTo(3);
  }

  @Test
  void verifyResult_afterExpiry_exitsOneExpired() throws Exception {
    assertInvalid(verify(signed(), "--at", "2026-01-01T01:01:00Z"), "EXPIRED");
  }

  @Test
  void verifyResult_beforeIssueBeyondSkew_exitsOneNotYetValid() throws Exception {
    assertInvalid(verify(signed(), "--at", "2025-12-31T23:58:59Z"), "NOT_YET_VALID");
  }

  @Test
  void verifyResult_wrongAudienceOrIssuer_exitsOneWithTheMismatch() throws Exception {
    assertInvalid(verify(signed(), "--at", AT, "--audience", "billing"), "AUDIENCE_MISMATCH");
    assertInvalid(verify(signed(), "--at", AT, "--issuer", "https://evil.test"), "ISSUER_MISMATCH");
  }

  @Test
  void verifyResult_kidNotInKeys_exitsOneUnknownKid() throws Exception {
    String token = AttestationResultSigner.create(stranger).sign(result().build());
    assertInvalid(verify(token, "--at", AT), "UNKNOWN_KID");
  }

  @Test
  void verifyResult_tamperedSignature_exitsOneSignatureInvalid() throws Exception {
    String token = signed();
    String other =
        AttestationResultSigner.create(signer).sign(result().status(Tier.WARNING).build());
    String spliced =
        token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
    assertInvalid(verify(spliced, "--at", AT), "SIGNATURE_INVALID");
  }

  @Test
  void verifyResult_algNoneOrCrit_exitsOneWithTheirCodes() throws Exception {
    String payload = signed().split("\\.")[1];
    String none =
        Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + signer.keyId() + "\"}")
            + "."
            + payload
            + ".";
    assertInvalid(verify(none, "--at", AT), "ALG_NOT_ALLOWED");
    String crit =
        Base64URL.encode(
                "{\"alg\":\"ES256\",\"kid\":\"" + signer.keyId() + "\",\"crit\":[\"x\"],\"x\":1}")
            + "."
            + payload
            + ".AAAA";
    assertInvalid(verify(crit, "--at", AT), "CRIT_UNSUPPORTED");
  }

  @Test
  void verifyResult_garbageToken_exitsOneMalformed() throws Exception {
    assertInvalid(verify("not a token", "--at", AT), "MALFORMED");
  }

  @Test
  void verifyResult_unreadableToken_exitsTwo() throws Exception {
    Path k = write("keys.json", new JWKSet(jwk(signer)).toString());
    Cli.Result r =
        Cli.run(
            "attest",
            "verify-result",
            "--token",
            dir.resolve("missing.jwt").toString(),
            "--jwks",
            k.toString(),
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText()).isEqualTo("UNREADABLE");
    assertThat(r.json().get("valid").asBoolean()).isFalse();
  }

  @Test
  void verifyResult_jwksNotAKeySet_exitsTwo() throws Exception {
    Path t = write("token.jwt", signed());
    Path k =
        write("keys.json", "{\"keys\": [{\"kty\": \"oct\", \"kid\": \"h\", \"k\": \"AAAA\"}]}");
    Cli.Result r =
        Cli.run(
            "attest", "verify-result", "--token", t.toString(), "--jwks", k.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText()).isEqualTo("INVALID_KEYS");
  }

  @Test
  void verifyResult_missingJwksOrBadInstant_isAUsageError() throws Exception {
    Path t = write("token.jwt", signed());
    assertThat(Cli.run("attest", "verify-result", "--token", t.toString(), "--json").exitCode())
        .isEqualTo(2);
    assertThat(verify(signed(), "--at", "yesterday").exitCode()).isEqualTo(2);
  }

  @Test
  void verifyResult_withoutJson_printsOneLine() throws Exception {
    Path t = write("token.jwt", signed());
    Path k = write("keys.json", new JWKSet(jwk(signer)).toString());
    Cli.Result r =
        Cli.run(
            "attest",
            "verify-result",
            "--token",
            t.toString(),
            "--jwks",
            k.toString(),
            "--at",
            "2027-01-01T00:00:00Z");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out().strip()).isEqualTo("invalid: EXPIRED");
  }
}
