package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.NOW;
import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.x509.ChainVerification.Outcome;
import io.souverix.attestation.x509.TestPki.Issued;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

class TrustChainValidatorTest {
  private final Issued root = root("Root").issue();
  private final Issued ica = intermediate("Issuing CA", root).issue();

  private static ChainVerification validate(
      List<Issued> anchors,
      Issued leaf,
      List<Issued> intermediates,
      Consumer<TrustChainValidator.Builder> policy) {
    List<X509Certificate> a = new ArrayList<>();
    anchors.forEach(i -> a.add(i.cert()));
    List<X509Certificate> ints = new ArrayList<>();
    intermediates.forEach(i -> ints.add(i.cert()));
    TrustChainValidator.Builder b =
        TrustChainValidator.newBuilder()
            .trustAnchors(a)
            .validationTime(NOW)
            .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH));
    policy.accept(b);
    ChainVerification plain = b.build().validate(leaf.cert(), ints);
    // The same validation with a signature cache, twice (a miss, then hits where it verified):
    // the report must not change.
    TrustChainValidator.Builder cached =
        TrustChainValidator.newBuilder()
            .trustAnchors(a)
            .validationTime(NOW)
            .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH))
            .signatureCache(SHARED_CACHE);
    policy.accept(cached);
    TrustChainValidator withCache = cached.build();
    for (int i = 0; i < 2; i++) {
      assertSameReport(withCache.validate(leaf.cert(), ints), plain);
    }
    return plain;
  }

  /** Shared by every test, so entries from other hierarchies are present too. */
  private static final SignatureCache SHARED_CACHE = SignatureCache.create(10_000);

  static void assertSameReport(ChainVerification actual, ChainVerification expected) {
    assertThat(actual.isValid()).isEqualTo(expected.isValid());
    assertThat(actual.reason()).isEqualTo(expected.reason());
    assertThat(actual.message()).isEqualTo(expected.message());
    assertThat(actual.path()).isEqualTo(expected.path());
    assertThat(actual.checks()).isEqualTo(expected.checks());
    assertThat(actual.revocation()).isEqualTo(expected.revocation());
    assertThat(actual.warnings()).isEqualTo(expected.warnings());
  }

  private ChainVerification validate(Issued leaf, Consumer<TrustChainValidator.Builder> policy) {
    return validate(List.of(root), leaf, List.of(ica), policy);
  }

  private ChainVerification validate(Issued leaf) {
    return validate(leaf, b -> b.expectedHostname("svc.example.com"));
  }

  @Test
  void validate_threeLevelChain_isValidWithLeafToAnchorPath() {
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v = validate(leaf);

    assertThat(v.isValid()).isTrue();
    assertThat(v.reason()).isEmpty();
    assertThat(v.message()).isEqualTo("ok");
    assertThat(v.path()).containsExactly(leaf.cert(), ica.cert(), root.cert());
    assertThat(v.validationTime()).isEqualTo(NOW);
    assertThat(v.checks()).isNotEmpty().allMatch(c -> c.outcome() == Outcome.PASSED);
    assertThat(v.checks())
        .extracting(ChainVerification.Check::name)
        .contains("validity", "signature", "basic-constraints", "hostname");
  }

  @Test
  void validate_expiredLeaf_isExpired() {
    Issued leaf =
        leaf("svc.example.com", ica).validity(NOW.minusSeconds(7200), NOW.minusSeconds(1)).issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.EXPIRED);
  }

  @Test
  void validate_leafValidFromNextSecond_isNotYetValid() {
    Issued leaf =
        leaf("svc.example.com", ica).validity(NOW.plusSeconds(1), NOW.plusSeconds(7200)).issue();

    ChainVerification v = validate(leaf);

    assertThat(v.reason()).contains(ReasonCode.NOT_YET_VALID);
    assertThat(v.checks())
        .anyMatch(c -> c.outcome() == Outcome.FAILED && c.name().equals("validity"));
  }

  @Test
  void validate_notAfterExactlyNow_isValidInclusive() {
    Issued leaf = leaf("svc.example.com", ica).validity(NOW.minusSeconds(60), NOW).issue();

    assertThat(validate(leaf).isValid()).isTrue();
  }

  @Test
  void validate_expiredIntermediate_isExpired() {
    Issued old =
        intermediate("Old CA", root).validity(NOW.minusSeconds(9000), NOW.minusSeconds(10)).issue();
    Issued leaf = leaf("svc.example.com", old).issue();

    ChainVerification v =
        validate(List.of(root), leaf, List.of(old), b -> b.expectedHostname("svc.example.com"));

    assertThat(v.reason()).contains(ReasonCode.EXPIRED);
    assertThat(v.path()).containsExactly(leaf.cert(), old.cert());
  }

  @Test
  void validate_missingIntermediate_isNoPath() {
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(), b -> {});

    assertThat(v.reason()).contains(ReasonCode.NO_PATH);
  }

  @Test
  void validate_forgedSignature_isSignatureInvalid() {
    Issued leaf = leaf("svc.example.com", ica).signedBy(TestPki.ecKey().getPrivate()).issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void validate_intermediateWithoutCaBit_isBasicConstraints() {
    Issued notCa =
        intermediate("Not A CA", root).notCa().keyUsage(TestPki.Spec.DIGITAL_SIGNATURE).issue();
    Issued leaf = leaf("svc.example.com", notCa).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(notCa), b -> {});

    assertThat(v.reason()).contains(ReasonCode.BASIC_CONSTRAINTS);
  }

  @Test
  void validate_intermediateUnderPathLenZero_isPathLengthExceeded() {
    Issued top = intermediate("Top CA", root).ca(0).issue();
    Issued below = intermediate("Below CA", top).issue();
    Issued leaf = leaf("svc.example.com", below).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(top, below), b -> {});

    assertThat(v.reason()).contains(ReasonCode.PATH_LENGTH_EXCEEDED);
  }

  @Test
  void validate_twoIntermediatesWithMaxDepthOne_isPathLengthExceeded() {
    Issued second = intermediate("Second CA", ica).issue();
    Issued leaf = leaf("svc.example.com", second).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(ica, second), b -> b.maxDepth(1));

    assertThat(v.reason()).contains(ReasonCode.PATH_LENGTH_EXCEEDED);
    assertThat(validate(List.of(root), leaf, List.of(ica, second), b -> b.maxDepth(2)).isValid())
        .isTrue();
  }

  @Test
  void validate_criticalUnknownExtensionOnLeaf_isUnknownCriticalExtension() {
    Issued leaf = leaf("svc.example.com", ica).criticalUnknownExtension().issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.UNKNOWN_CRITICAL_EXTENSION);
  }

  @Test
  void validate_criticalUnknownExtensionOnUnusedIntermediate_isValid() {
    Issued unused = intermediate("Issuing CA", root).criticalUnknownExtension().issue();
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(unused, ica), b -> {});

    assertThat(v.isValid()).isTrue();
    assertThat(v.path()).containsExactly(leaf.cert(), ica.cert(), root.cert());
  }

  @Test
  void validate_wrongEku_isEkuMismatch() {
    Issued leaf = leaf("svc.example.com", ica).eku(KeyPurposeId.id_kp_clientAuth).issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.EKU_MISMATCH);
  }

  @Test
  void validate_intermediateEkuWithoutRequiredPurpose_isEkuMismatch() {
    Issued codeCa = intermediate("Code CA", root).eku(KeyPurposeId.id_kp_codeSigning).issue();
    Issued leaf = leaf("svc.example.com", codeCa).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(codeCa), b -> {});

    assertThat(v.reason()).contains(ReasonCode.EKU_MISMATCH);
  }

  @Test
  void validate_leafWithoutEku_isValid() {
    Issued leaf = leaf("svc.example.com", ica).eku().issue();

    assertThat(validate(leaf).isValid()).isTrue();
  }

  @Test
  void validate_requiredKeyUsageMissing_isKeyUsageMismatch() {
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v =
        validate(leaf, b -> b.requiredKeyUsages(Set.of(KeyUsage.KEY_ENCIPHERMENT)));

    assertThat(v.reason()).contains(ReasonCode.KEY_USAGE_MISMATCH);
  }

  @Test
  void validate_otherHostname_isHostnameMismatch() {
    Issued leaf = leaf("svc.example.com", ica).issue();

    assertThat(validate(leaf, b -> b.expectedHostname("other.example.com")).reason())
        .contains(ReasonCode.HOSTNAME_MISMATCH);
  }

  @Test
  void validate_hostnameOnlyInCommonName_isHostnameMismatchWithoutCnFallback() {
    Issued leaf = leaf("svc.example.com", ica).noSan().dns("other.example.com").issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.HOSTNAME_MISMATCH);
  }

  @Test
  void validate_wildcardSan_matchesOneLabelOnly() {
    Issued leaf = leaf("shop.example.com", ica).noSan().dns("*.example.com").issue();

    assertThat(validate(leaf, b -> b.expectedHostname("a.example.com")).isValid()).isTrue();
    assertThat(validate(leaf, b -> b.expectedHostname("a.b.example.com")).reason())
        .contains(ReasonCode.HOSTNAME_MISMATCH);
    assertThat(validate(leaf, b -> b.expectedHostname("example.com")).reason())
        .contains(ReasonCode.HOSTNAME_MISMATCH);
  }

  @Test
  void validate_ipSan_matchesIpLiteral() {
    Issued leaf = leaf("device", ica).noSan().ip("192.0.2.7").ip("2001:db8::1").issue();

    assertThat(validate(leaf, b -> b.expectedHostname("192.0.2.7")).isValid()).isTrue();
    assertThat(validate(leaf, b -> b.expectedHostname("2001:DB8:0::1")).isValid()).isTrue();
    assertThat(validate(leaf, b -> b.expectedHostname("192.0.2.8")).reason())
        .contains(ReasonCode.HOSTNAME_MISMATCH);
  }

  @Test
  void validate_expectedEmailMissing_isEmailMismatch() {
    Issued leaf =
        leaf("alice", ica)
            .noSan()
            .email("alice@example.com")
            .eku(KeyPurposeId.id_kp_clientAuth)
            .issue();

    ChainVerification ok =
        validate(
            List.of(root),
            leaf,
            List.of(ica),
            b -> b.expectedEmails(List.of("alice@EXAMPLE.com")).requiredKeyUsages(Set.of()));
    assertThat(ok.reason()).contains(ReasonCode.EKU_MISMATCH); // serverAuth is still required

    TrustChainValidator client =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root.cert()))
            .validationTime(NOW)
            .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.CLIENT_AUTH))
            .expectedEmails(List.of("bob@example.com"))
            .build();
    assertThat(client.validate(leaf.cert(), List.of(ica.cert())).reason())
        .contains(ReasonCode.EMAIL_MISMATCH);
  }

  @Test
  void validate_dnsOutsidePermittedSubtree_isNameConstraintViolation() {
    Issued constrained =
        intermediate("Constrained CA", root).permit(GeneralName.dNSName, "example.com").issue();
    Issued good = leaf("svc.example.com", constrained).issue();
    Issued bad = leaf("svc.example.org", constrained).issue();

    assertThat(validate(List.of(root), good, List.of(constrained), b -> {}).isValid()).isTrue();
    assertThat(validate(List.of(root), bad, List.of(constrained), b -> {}).reason())
        .contains(ReasonCode.NAME_CONSTRAINT_VIOLATION);
  }

  @Test
  void validate_ipInExcludedSubtree_isNameConstraintViolation() {
    Issued constrained =
        intermediate("Constrained CA", root).exclude(GeneralName.iPAddress, "10.0.0.0/8").issue();
    Issued bad = leaf("node", constrained).noSan().ip("10.1.2.3").issue();
    Issued good = leaf("node", constrained).noSan().ip("192.0.2.1").issue();

    assertThat(validate(List.of(root), bad, List.of(constrained), b -> {}).reason())
        .contains(ReasonCode.NAME_CONSTRAINT_VIOLATION);
    assertThat(validate(List.of(root), good, List.of(constrained), b -> {}).isValid()).isTrue();
  }

  @Test
  void validate_directoryNameOutsidePermittedSubtree_isNameConstraintViolation() {
    Issued rootNc =
        root("Constrained Root").permit(GeneralName.directoryName, "O=Souverix").issue();
    Issued leaf = leaf("svc.example.com", rootNc).issue(); // subject CN=svc.example.com

    ChainVerification v = validate(List.of(rootNc), leaf, List.of(), b -> {});

    assertThat(v.reason()).contains(ReasonCode.NAME_CONSTRAINT_VIOLATION);
  }

  @Test
  void validate_emailInExcludedDomain_isNameConstraintViolation() {
    Issued constrained =
        intermediate("Mail CA", root).exclude(GeneralName.rfc822Name, "evil.example").issue();
    Issued leaf = leaf("mallory", constrained).noSan().email("m@evil.example").issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(constrained), b -> {});

    assertThat(v.reason()).contains(ReasonCode.NAME_CONSTRAINT_VIOLATION);
  }

  @Test
  void validate_wildcardSanOverlappingExcludedName_isNameConstraintViolation() {
    Issued constrained =
        intermediate("Constrained CA", root)
            .exclude(GeneralName.dNSName, "admin.example.com")
            .issue();
    Issued leaf = leaf("www.example.com", constrained).noSan().dns("*.example.com").issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(constrained), b -> {});

    assertThat(v.reason()).contains(ReasonCode.NAME_CONSTRAINT_VIOLATION);
  }

  @Test
  void validate_rsa1024Leaf_isWeakAlgorithm() {
    Issued leaf = leaf("svc.example.com", ica).keys(TestPki.rsaKey(1024)).issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.WEAK_ALGORITHM);
  }

  @Test
  void validate_sha1Signature_isWeakAlgorithm() {
    Issued leaf = leaf("svc.example.com", ica).sigAlg("SHA1withECDSA").issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.WEAK_ALGORITHM);
  }

  @Test
  void validate_zeroSerial_isMalformedCertificate() {
    Issued leaf = leaf("svc.example.com", ica).serial(java.math.BigInteger.ZERO).issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.MALFORMED_CERTIFICATE);
  }

  @Test
  void validate_unparseableSubjectAltName_isParseError() {
    Issued leaf = leaf("svc.example.com", ica).garbageSan().issue();

    assertThat(validate(leaf).reason()).contains(ReasonCode.PARSE_ERROR);
  }

  @Test
  void validate_revokedLeaf_isRevoked() {
    Issued leaf = leaf("svc.example.com", ica).issue();
    X509CRL icaCrl = TestPki.crl(ica, leaf.cert().getSerialNumber());
    X509CRL rootCrl = TestPki.crl(root);

    ChainVerification v = validate(leaf, b -> b.crls(List.of(icaCrl, rootCrl)));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
  }

  @Test
  void validate_crlsCoverEveryCertificate_isValid() {
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v = validate(leaf, b -> b.crls(List.of(TestPki.crl(ica), TestPki.crl(root))));

    assertThat(v.isValid()).isTrue();
    assertThat(v.checks()).filteredOn(c -> c.name().equals("revocation")).hasSize(2);
  }

  @Test
  void validate_noCrlForIntermediate_isRevocationUnknown() {
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v = validate(leaf, b -> b.crls(List.of(TestPki.crl(ica))));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
  }

  @Test
  void validate_crossSignedIntermediate_buildsPathToTheOnlyTrustedRoot() {
    Issued newRoot = root("New Root").issue();
    // The same CA (subject and key) certified by the old root and cross-signed by the new one.
    Issued byOld = intermediate("Issuing CA", root).keys(ica.keys()).issue();
    Issued cross = intermediate("Issuing CA", newRoot).keys(ica.keys()).issue();
    Issued leaf = leaf("svc.example.com", byOld).issue();

    ChainVerification v = validate(List.of(newRoot), leaf, List.of(byOld, cross), b -> {});

    assertThat(v.isValid()).isTrue();
    assertThat(v.path()).containsExactly(leaf.cert(), cross.cert(), newRoot.cert());
  }

  @Test
  void validate_firstCandidateExpired_backtracksToSecond() {
    Issued expired =
        intermediate("Issuing CA", root)
            .keys(ica.keys())
            .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))
            .issue();
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(expired, ica), b -> {});

    assertThat(v.isValid()).isTrue();
    assertThat(v.path()).containsExactly(leaf.cert(), ica.cert(), root.cert());
  }

  @Test
  void validate_intermediatesSigningEachOther_isNoPath() {
    Issued other = root("Elsewhere").issue();
    Issued a = intermediate("CA A", other).issue();
    Issued b = intermediate("CA B", a).issue();
    Issued aByB = intermediate("CA A", b).keys(a.keys()).issue();
    Issued leaf = leaf("svc.example.com", a).issue();

    ChainVerification v = validate(List.of(root), leaf, List.of(a, b, aByB), x -> {});

    assertThat(v.reason()).contains(ReasonCode.NO_PATH);
  }

  @Test
  void validate_injectedClock_usesItsInstantTruncatedToSeconds() {
    Issued leaf = leaf("svc.example.com", ica).issue();
    Instant at = NOW.plusMillis(999);

    ChainVerification v =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root.cert()))
            .clock(Clock.fixed(at, ZoneOffset.UTC))
            .build()
            .validate(leaf.cert(), List.of(ica.cert()));

    assertThat(v.isValid()).isTrue();
    assertThat(v.validationTime()).isEqualTo(NOW);
  }

  @Test
  void build_optionSetTwice_throwsIllegalState() {
    assertThatThrownBy(() -> TrustChainValidator.newBuilder().maxDepth(1).maxDepth(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxDepth");
  }

  @Test
  void build_clockAndFixedTime_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                TrustChainValidator.newBuilder()
                    .trustAnchors(List.of(root.cert()))
                    .clock(Clock.systemUTC())
                    .validationTime(NOW)
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_noTrustAnchors_throwsIllegalState() {
    assertThatThrownBy(() -> TrustChainValidator.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trustAnchors");
  }
}
