package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.NOW;
import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.attestation.x509.ReportException.Code;
import io.souverix.attestation.x509.TestPki.Issued;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationReportTest {
  private final Issued root = root("Root").issue();
  private final Issued ica = intermediate("Issuing CA", root).issue();
  private final Issued leaf = leaf("svc.example.com", ica).issue();
  private final KeyPair ecKeys = TestPki.ecKey();
  private final Signer es256 = Signer.inMemory(ecKeys, SigningAlgorithm.ES256);

  private static TrustChainValidator validator(Issued anchor) {
    return TrustChainValidator.newBuilder()
        .trustAnchors(List.of(anchor.cert()))
        .validationTime(NOW)
        .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH))
        .expectedHostname("svc.example.com")
        .build();
  }

  private ChainVerification validate(Issued l) {
    return validator(root).validate(l.cert(), List.of(ica.cert()));
  }

  private static JsonNode json(VerificationReport r) throws Exception {
    return Json.MAPPER.readTree(r.toCanonicalJson());
  }

  private static String sha256(X509Certificate c) throws Exception {
    return Sha256.hex(c.getEncoded());
  }

  private static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** A JWS over {@code payload} with {@code header}, signed by our signer adapter. */
  private String signRaw(JWSHeader header, String payload, Signer signer) throws Exception {
    JWSObject o = new JWSObject(header, new Payload(payload.getBytes(StandardCharsets.UTF_8)));
    o.sign(JwsAdapters.signer(signer));
    return o.serialize();
  }

  private static JWSHeader.Builder header(JWSAlgorithm alg) {
    return new JWSHeader.Builder(alg).type(new JOSEObjectType(VerificationReport.JWS_TYPE));
  }

  @Test
  void of_validChain_recordsPathChecksInputsOptionsAndResult() throws Exception {
    JsonNode j = json(VerificationReport.of(validate(leaf)));

    assertThat(j.get("type").asText()).isEqualTo("souverix.chain-verification");
    assertThat(j.get("version").asInt()).isEqualTo(2);
    assertThat(j.get("result").get("valid").asBoolean()).isTrue();
    assertThat(j.get("result").get("reasonCode").isNull()).isTrue();
    assertThat(j.get("result").get("message").asText()).isEqualTo("ok");
    assertThat(j.get("validationTime").asText()).isEqualTo("2025-06-01T00:00:00Z");
    JsonNode path = j.get("path");
    assertThat(path).hasSize(3);
    assertThat(path.get(0).get("sha256").asText()).isEqualTo(sha256(leaf.cert()));
    assertThat(path.get(0).get("subject").asText()).isEqualTo("CN=svc.example.com");
    assertThat(path.get(0).get("issuer").asText()).isEqualTo("CN=Issuing CA");
    assertThat(path.get(0).get("serialNumber").asText())
        .isEqualTo(leaf.cert().getSerialNumber().toString(16));
    assertThat(path.get(2).get("sha256").asText()).isEqualTo(sha256(root.cert()));
    assertThat(j.get("checks")).isNotEmpty();
    for (JsonNode c : j.get("checks")) {
      assertThat(c.get("outcome").asText()).isEqualTo("passed");
      assertThat(c.get("reasonCode").isNull()).isTrue();
    }
    assertThat(j.get("checks").findValuesAsText("name")).contains("signature", "hostname");
    JsonNode in = j.get("inputs");
    assertThat(in.get("leaf").asText()).isEqualTo(sha256(leaf.cert()));
    assertThat(in.get("intermediates").get(0).asText()).isEqualTo(sha256(ica.cert()));
    assertThat(in.get("trustAnchors").get(0).asText()).isEqualTo(sha256(root.cert()));
    assertThat(in.get("crls")).isEmpty();
    assertThat(in.get("ocspResponses")).isEmpty();
    JsonNode o = j.get("options");
    assertThat(o.get("hostname").asText()).isEqualTo("svc.example.com");
    assertThat(o.get("extendedKeyUsages").get(0).asText()).isEqualTo("1.3.6.1.5.5.7.3.1");
    assertThat(o.get("maxDepth").asInt()).isEqualTo(8);
    assertThat(o.get("minimumRsaModulusBits").asInt()).isEqualTo(2048);
    assertThat(o.get("signatureAlgorithms").toString())
        .contains("ECDSA_SHA256")
        .doesNotContain("SHA1");
    assertThat(o.get("revocationPolicy").isNull()).isTrue();
    assertThat(o.get("revocationFreshnessTolerance").asText()).isEqualTo("PT0S");
    assertThat(o.get("policy").toString())
        .isEqualTo(
            "{\"inhibitAnyPolicy\":false,\"inhibitPolicyMapping\":false,"
                + "\"initialPolicySet\":[\"2.5.29.32.0\"],\"requireExplicitPolicy\":false}");
    assertThat(o.get("deviceIdentity").isNull()).isTrue();
  }

  // ---------------------------------------------------------------- schema version 2 options

  private final Issued policyCa = intermediate("Policy CA", root).policies("1.2.3.4").issue();
  private final Issued device =
      leaf("node-7", policyCa).subjectSerial("SN-0007").policies("1.2.3.4").issue();

  /** Every option of version 2 set: OCSP, revocation policy, policy inputs, device identity. */
  private TrustChainValidator.Builder fullOptions(List<byte[]> ocsp) {
    return TrustChainValidator.newBuilder()
        .trustAnchors(List.of(root.cert()))
        .validationTime(NOW)
        .ocspResponses(ocsp)
        .revocationPolicy(
            RevocationPolicy.of(RevocationPolicy.Mode.SOFT_FAIL, RevocationPolicy.Scope.LEAF_ONLY))
        .revocationFreshnessTolerance(Duration.ofMinutes(5))
        .initialPolicySet(List.of("1.2.3.4", "1.2.3.5"))
        .requireExplicitPolicy()
        .inhibitPolicyMapping()
        .inhibitAnyPolicy()
        .expectedDeviceSerialNumber("SN-0007")
        .deviceFactory("fab-eu-1");
  }

  @Test
  void of_allVersion2Options_recordsOcspDigestsPolicyInputsAndDeviceIdentity() throws Exception {
    byte[] ocsp = TestPki.ocsp(policyCa, device).build();
    ChainVerification v =
        fullOptions(List.of(ocsp)).build().validate(device.cert(), List.of(policyCa.cert()));
    JsonNode j = json(VerificationReport.of(v));

    assertThat(v.isValid()).as(v.toString()).isTrue();
    assertThat(j.get("inputs").get("ocspResponses").get(0).asText()).isEqualTo(Sha256.hex(ocsp));
    JsonNode o = j.get("options");
    assertThat(o.get("revocationPolicy").toString())
        .isEqualTo("{\"mode\":\"SOFT_FAIL\",\"scope\":\"LEAF_ONLY\"}");
    assertThat(o.get("revocationFreshnessTolerance").asText()).isEqualTo("PT5M");
    assertThat(o.get("policy").toString())
        .isEqualTo(
            "{\"inhibitAnyPolicy\":true,\"inhibitPolicyMapping\":true,"
                + "\"initialPolicySet\":[\"1.2.3.4\",\"1.2.3.5\"],\"requireExplicitPolicy\":true}");
    assertThat(o.get("deviceIdentity").toString())
        .isEqualTo("{\"factory\":\"fab-eu-1\",\"serialNumber\":\"SN-0007\"}");
  }

  @Test
  void reverify_signedVersion2Report_sameOutcomeAndByteIdenticalReport() throws Exception {
    byte[] ocsp = TestPki.ocsp(policyCa, device).build();
    ChainVerification v =
        fullOptions(List.of(ocsp)).build().validate(device.cert(), List.of(policyCa.cert()));
    String jws = VerificationReport.of(v).sign(es256);

    VerificationReport back = VerificationReport.verify(jws, ecKeys.getPublic());
    ChainVerification again =
        back.reverify(
            device.cert(),
            List.of(policyCa.cert()),
            List.of(root.cert()),
            List.of(),
            List.of(ocsp));

    assertThat(back.schemaVersion()).isEqualTo(2);
    assertThat(again.isValid()).isTrue();
    assertThat(again.revocation()).hasSize(1);
    assertThat(VerificationReport.of(again).toCanonicalJson()).isEqualTo(back.toCanonicalJson());
  }

  @Test
  void reverify_ocspResponseLeftOut_isInputMismatch() throws Exception {
    byte[] ocsp = TestPki.ocsp(policyCa, device).build();
    ChainVerification v =
        fullOptions(List.of(ocsp)).build().validate(device.cert(), List.of(policyCa.cert()));
    VerificationReport report = VerificationReport.of(v);

    assertThatThrownBy(
            () ->
                report.reverify(
                    device.cert(), List.of(policyCa.cert()), List.of(root.cert()), List.of()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.INPUT_MISMATCH));
  }

  @Test
  void verify_tamperedOptionInSignedReport_isSignatureInvalid() throws Exception {
    ChainVerification v =
        fullOptions(List.of()).build().validate(device.cert(), List.of(policyCa.cert()));
    String jws = VerificationReport.of(v).sign(es256);
    String[] parts = jws.split("\\.");
    String payload = new Base64URL(parts[1]).decodeToString();
    String tampered = payload.replace("\"inhibitAnyPolicy\":true", "\"inhibitAnyPolicy\":false");
    assertThat(tampered).isNotEqualTo(payload);

    String forged =
        parts[0]
            + "."
            + Base64URL.encode(tampered.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThatThrownBy(() -> VerificationReport.verify(forged, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.SIGNATURE_INVALID));
  }

  @Test
  void reverify_signerRecordedAnotherDeviceSerial_isOutcomeMismatch() throws Exception {
    ChainVerification v =
        fullOptions(List.of()).build().validate(device.cert(), List.of(policyCa.cert()));
    String lie =
        VerificationReport.of(v)
            .toCanonicalJson()
            .replace("\"serialNumber\":\"SN-0007\"", "\"serialNumber\":\"SN-0008\"");
    assertThat(lie).contains("SN-0008");
    VerificationReport signedLie =
        VerificationReport.verify(
            signRaw(header(JWSAlgorithm.ES256).build(), lie, es256), ecKeys.getPublic());

    assertThatThrownBy(
            () ->
                signedLie.reverify(
                    device.cert(), List.of(policyCa.cert()), List.of(root.cert()), List.of()))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.OUTCOME_MISMATCH);
              assertThat(e.getMessage()).contains("SERIAL_MISMATCH");
            });
  }

  @Test
  void reverify_signerDroppedRequireExplicitPolicy_isOutcomeMismatch() throws Exception {
    // The leaf asserts 1.2.3.4, the CA no policy: requiring an explicit policy fails the path.
    Issued leafUnderPlainCa = leaf("node-8", ica).policies("1.2.3.4").issue();
    ChainVerification v =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root.cert()))
            .validationTime(NOW)
            .requireExplicitPolicy()
            .build()
            .validate(leafUnderPlainCa.cert(), List.of(ica.cert()));
    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
    String lie =
        VerificationReport.of(v)
            .toCanonicalJson()
            .replace("\"requireExplicitPolicy\":true", "\"requireExplicitPolicy\":false");
    VerificationReport signedLie =
        VerificationReport.verify(
            signRaw(header(JWSAlgorithm.ES256).build(), lie, es256), ecKeys.getPublic());

    assertThatThrownBy(
            () ->
                signedLie.reverify(
                    leafUnderPlainCa.cert(), List.of(ica.cert()), List.of(root.cert()), List.of()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.OUTCOME_MISMATCH));
  }

  @Test
  void verify_version1Report_isReadAndReverifiedWithDefaults() throws Exception {
    ObjectNode v2 = (ObjectNode) json(VerificationReport.of(validate(leaf)));
    v2.put("version", 1);
    ((ObjectNode) v2.get("inputs")).remove("ocspResponses");
    ((ObjectNode) v2.get("options"))
        .remove(
            List.of(
                "revocationPolicy", "revocationFreshnessTolerance", "policy", "deviceIdentity"));
    String v1 = CanonicalJson.write(v2);

    VerificationReport back =
        VerificationReport.verify(
            signRaw(header(JWSAlgorithm.ES256).build(), v1, es256), ecKeys.getPublic());
    ChainVerification again =
        back.reverify(leaf.cert(), List.of(ica.cert()), List.of(root.cert()), List.of());

    assertThat(back.schemaVersion()).isEqualTo(1);
    assertThat(back.toCanonicalJson()).isEqualTo(v1);
    assertThat(again.isValid()).isTrue();
  }

  @Test
  void verify_version2ReportWithoutItsNewMembers_isMalformed() throws Exception {
    ObjectNode j = (ObjectNode) json(VerificationReport.of(validate(leaf)));
    ((ObjectNode) j.get("options")).remove("policy");
    String payload = CanonicalJson.write(j);

    assertThatThrownBy(
            () ->
                VerificationReport.verify(
                    signRaw(header(JWSAlgorithm.ES256).build(), payload, es256),
                    ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.MALFORMED));
  }

  @Test
  void of_expiredLeaf_recordsReasonCodeOnResultAndFailedCheck() throws Exception {
    Issued expired =
        leaf("svc.example.com", ica)
            .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))
            .issue();

    JsonNode j = json(VerificationReport.of(validate(expired)));

    assertThat(j.get("result").get("valid").asBoolean()).isFalse();
    assertThat(j.get("result").get("reasonCode").asText()).isEqualTo("EXPIRED");
    JsonNode last = j.get("checks").get(j.get("checks").size() - 1);
    assertThat(last.get("outcome").asText()).isEqualTo("failed");
    assertThat(last.get("reasonCode").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void toCanonicalJson_sameInputsTwice_byteIdenticalCanonicalText() throws Exception {
    String a = VerificationReport.of(validate(leaf)).toCanonicalJson();
    String b =
        VerificationReport.of(validator(root).validate(leaf.cert(), List.of(ica.cert())))
            .toCanonicalJson();

    assertThat(a).isEqualTo(b);
    assertThat(io.souverix.lifecycle.internal.CanonicalJson.write(Json.MAPPER.readTree(a)))
        .isEqualTo(a);
  }

  @Test
  void of_verificationWithoutInputs_isRejected() {
    ChainVerification bare =
        new ChainVerification(null, "ok", List.of(leaf.cert()), List.of(), NOW);

    assertThatThrownBy(() -> VerificationReport.of(bare))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_es256SignedReport_roundTripsWithKidAndRsConcatSignature() throws Exception {
    VerificationReport report = VerificationReport.of(validate(leaf));

    String jws = report.sign(es256);
    VerificationReport back = VerificationReport.verify(jws, ecKeys.getPublic());

    assertThat(back.toCanonicalJson()).isEqualTo(report.toCanonicalJson());
    assertThat(back.isValid()).isTrue();
    assertThat(back.validationTime()).isEqualTo(NOW);
    assertThat(back.keyId()).contains(es256.keyId());
    JWSObject parsed = JWSObject.parse(jws);
    assertThat(parsed.getHeader().getType().getType()).isEqualTo(VerificationReport.JWS_TYPE);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(parsed.getSignature().decode()).hasSize(64);
    // An independent JWS implementation accepts it: the DER signature was transcoded to r || s.
    assertThat(parsed.verify(new ECDSAVerifier((ECPublicKey) ecKeys.getPublic()))).isTrue();
  }

  @Test
  void verify_eddsaSignedReport_roundTrips() throws Exception {
    KeyPair ed = ed25519();
    VerificationReport report = VerificationReport.of(validate(leaf));

    String jws = report.sign(Signer.inMemory(ed, SigningAlgorithm.ED25519));
    VerificationReport back = VerificationReport.verify(jws, ed.getPublic());

    assertThat(back.toCanonicalJson()).isEqualTo(report.toCanonicalJson());
    assertThat(JWSObject.parse(jws).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
  }

  @Test
  void verify_tamperedPayload_isSignatureInvalid() throws Exception {
    String jws = VerificationReport.of(validate(leaf)).sign(es256);
    String[] p = jws.split("\\.");
    String forged =
        new Base64URL(p[1]).decodeToString().replace("\"message\":\"ok\"", "\"message\":\"OK\"");

    String tampered = p[0] + "." + Base64URL.encode(forged) + "." + p[2];

    assertThatThrownBy(() -> VerificationReport.verify(tampered, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.SIGNATURE_INVALID));
  }

  @Test
  void verify_otherKeyOfSameType_isSignatureInvalid() throws Exception {
    String jws = VerificationReport.of(validate(leaf)).sign(es256);

    assertThatThrownBy(() -> VerificationReport.verify(jws, TestPki.ecKey().getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.SIGNATURE_INVALID));
  }

  @Test
  void verify_algNone_isAlgorithmRejected() throws Exception {
    String payload = VerificationReport.of(validate(leaf)).toCanonicalJson();
    String none =
        Base64URL.encode("{\"alg\":\"none\",\"typ\":\"" + VerificationReport.JWS_TYPE + "\"}")
            + "."
            + Base64URL.encode(payload)
            + ".";

    assertThatThrownBy(() -> VerificationReport.verify(none, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.ALGORITHM_REJECTED));
  }

  @Test
  void verify_hs256KeyedWithThePublicKeyBytes_isAlgorithmRejected() throws Exception {
    String payload = VerificationReport.of(validate(leaf)).toCanonicalJson();
    JWSObject o = new JWSObject(header(JWSAlgorithm.HS256).build(), new Payload(payload));
    o.sign(new MACSigner(ecKeys.getPublic().getEncoded()));

    assertThatThrownBy(() -> VerificationReport.verify(o.serialize(), ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.ALGORITHM_REJECTED));
  }

  @Test
  void verify_algThatDoesNotFitTheKey_isAlgorithmRejected() throws Exception {
    KeyPair ed = ed25519();
    String es = VerificationReport.of(validate(leaf)).sign(es256);
    String eddsa =
        VerificationReport.of(validate(leaf)).sign(Signer.inMemory(ed, SigningAlgorithm.ED25519));

    assertThatThrownBy(() -> VerificationReport.verify(es, ed.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.ALGORITHM_REJECTED));
    assertThatThrownBy(() -> VerificationReport.verify(eddsa, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.ALGORITHM_REJECTED));
  }

  @Test
  void verify_unknownCriticalHeader_isRejectedEvenWithAGoodSignature() throws Exception {
    String payload = VerificationReport.of(validate(leaf)).toCanonicalJson();
    JWSHeader h =
        header(JWSAlgorithm.ES256)
            .criticalParams(Set.of("x-souverix-policy"))
            .customParam("x-souverix-policy", "strict")
            .build();

    String jws = signRaw(h, payload, es256);

    assertThatThrownBy(() -> VerificationReport.verify(jws, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> assertThat(e.code()).isEqualTo(Code.UNSUPPORTED_CRITICAL_HEADER));
  }

  @Test
  void verify_otherTyp_isMalformed() throws Exception {
    String payload = VerificationReport.of(validate(leaf)).toCanonicalJson();
    JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build();

    String jws = signRaw(h, payload, es256);

    assertThatThrownBy(() -> VerificationReport.verify(jws, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.MALFORMED));
  }

  @Test
  void verify_signedNonCanonicalPayload_isMalformed() throws Exception {
    String payload = VerificationReport.of(validate(leaf)).toCanonicalJson();
    String spaced = payload.replace(",", ", ");

    String jws = signRaw(header(JWSAlgorithm.ES256).build(), spaced, es256);

    assertThatThrownBy(() -> VerificationReport.verify(jws, ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.MALFORMED));
  }

  @Test
  void verify_notAJws_isMalformed() {
    assertThatThrownBy(() -> VerificationReport.verify("abc.def", ecKeys.getPublic()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.MALFORMED));
  }

  @Test
  void reverify_sameInputs_confirmsTheOutcome() throws Exception {
    String jws = VerificationReport.of(validate(leaf)).sign(es256);
    VerificationReport back = VerificationReport.verify(jws, ecKeys.getPublic());

    ChainVerification again =
        back.reverify(leaf.cert(), List.of(ica.cert()), List.of(root.cert()), List.of());

    assertThat(again.isValid()).isTrue();
    assertThat(VerificationReport.of(again).toCanonicalJson()).isEqualTo(back.toCanonicalJson());
  }

  @Test
  void reverify_otherIntermediate_isInputMismatch() throws Exception {
    Issued other = intermediate("Issuing CA", root).issue();
    VerificationReport report = VerificationReport.of(validate(leaf));

    assertThatThrownBy(
            () ->
                report.reverify(
                    leaf.cert(), List.of(other.cert()), List.of(root.cert()), List.of()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.INPUT_MISMATCH));
  }

  @Test
  void reverify_signedReportClaimingAnotherOutcome_isOutcomeMismatch() throws Exception {
    // A signer that lies: the inputs validate, the signed report says EXPIRED.
    String lie =
        VerificationReport.of(validate(leaf))
            .toCanonicalJson()
            .replace(
                "\"message\":\"ok\",\"reasonCode\":null,\"valid\":true",
                "\"message\":\"expired\",\"reasonCode\":\"EXPIRED\",\"valid\":false");
    assertThat(lie).contains("EXPIRED");
    VerificationReport signedLie =
        VerificationReport.verify(
            signRaw(header(JWSAlgorithm.ES256).build(), lie, es256), ecKeys.getPublic());

    assertThatThrownBy(
            () ->
                signedLie.reverify(
                    leaf.cert(), List.of(ica.cert()), List.of(root.cert()), List.of()))
        .isInstanceOfSatisfying(
            ReportException.class, e -> assertThat(e.code()).isEqualTo(Code.OUTCOME_MISMATCH));
  }
}
