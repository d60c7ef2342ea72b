package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.NOW;
import static io.souverix.attestation.x509.TestPki.crlSpec;
import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.ocsp;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.x509.RevocationPolicy.Mode;
import io.souverix.attestation.x509.RevocationPolicy.Scope;
import io.souverix.attestation.x509.RevocationStatus.Source;
import io.souverix.attestation.x509.RevocationStatus.State;
import io.souverix.attestation.x509.TestPki.Issued;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.junit.jupiter.api.Test;

class RevocationTest {
  private static final RevocationPolicy HARD_LEAF =
      RevocationPolicy.of(Mode.HARD_FAIL, Scope.LEAF_ONLY);
  private static final RevocationPolicy SOFT_LEAF =
      RevocationPolicy.of(Mode.SOFT_FAIL, Scope.LEAF_ONLY);

  private final Issued root = root("Root").issue();
  private final Issued ica = intermediate("Issuing CA", root).issue();
  private final Issued leaf = leaf("svc.example.com", ica).issue();

  private ChainVerification validate(Issued l, Consumer<TrustChainValidator.Builder> options) {
    TrustChainValidator.Builder b =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root.cert()))
            .validationTime(NOW)
            .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH));
    options.accept(b);
    return b.build().validate(l.cert(), List.of(ica.cert()));
  }

  private ChainVerification validate(Consumer<TrustChainValidator.Builder> options) {
    return validate(leaf, options);
  }

  private X509CRL emptyCrlOfRoot() {
    return crlSpec(root).build();
  }

  private static IssuingDistributionPoint idp(boolean onlyUser, boolean onlyCa) {
    return new IssuingDistributionPoint(null, onlyUser, onlyCa, null, false, false);
  }

  private static IssuingDistributionPoint idpUri(String uri) {
    return new IssuingDistributionPoint(
        new DistributionPointName(
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))),
        false,
        false,
        null,
        false,
        false);
  }

  // ------------------------------------------------------------------ CRL

  @Test
  void crl_notListed_isValidWithGoodStatusPerCertificate() {
    ChainVerification v = validate(b -> b.crls(List.of(crlSpec(ica).build(), emptyCrlOfRoot())));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.revocation()).hasSize(2);
    assertThat(v.revocation())
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(State.GOOD);
              assertThat(s.source()).isEqualTo(Source.CRL);
            });
    assertThat(v.revocation().get(0).serialNumber()).isEqualTo(leaf.cert().getSerialNumber());
  }

  @Test
  void crl_leafListed_isRevokedWithReasonAndTime() {
    X509CRL crl =
        crlSpec(ica).revoke(leaf.cert().getSerialNumber(), CRLReason.keyCompromise).build();

    ChainVerification v = validate(b -> b.crls(List.of(crl, emptyCrlOfRoot())));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
    RevocationStatus s = v.revocation().get(0);
    assertThat(s.state()).isEqualTo(State.REVOKED);
    assertThat(s.source()).isEqualTo(Source.CRL);
    assertThat(s.revocationReason()).contains("keyCompromise");
    assertThat(s.revocationTime()).isEqualTo(NOW.minus(Duration.ofHours(1)));
  }

  @Test
  void crl_staleNextUpdate_isRevocationUnknown() {
    X509CRL stale =
        crlSpec(ica)
            .updates(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofSeconds(1)))
            .build();

    ChainVerification v = validate(b -> b.crls(List.of(stale)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.message()).contains("stale");
  }

  @Test
  void crl_staleWithinTolerance_isValid() {
    X509CRL stale =
        crlSpec(ica)
            .updates(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofSeconds(30)))
            .build();

    ChainVerification v =
        validate(
            b ->
                b.crls(List.of(stale))
                    .revocationPolicy(HARD_LEAF)
                    .revocationFreshnessTolerance(Duration.ofMinutes(1)));

    assertThat(v.isValid()).as(v.message()).isTrue();
  }

  @Test
  void crl_thisUpdateInTheFuture_isRevocationUnknown() {
    X509CRL future =
        crlSpec(ica).updates(NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofDays(1))).build();

    ChainVerification v = validate(b -> b.crls(List.of(future)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
  }

  @Test
  void deltaCrl_revokingOnTopOfBase_isRevokedFromDelta() {
    X509CRL base = crlSpec(ica).number(10).build();
    X509CRL delta =
        crlSpec(ica)
            .number(11)
            .deltaOf(10)
            .revoke(leaf.cert().getSerialNumber(), CRLReason.superseded)
            .build();

    ChainVerification v = validate(b -> b.crls(List.of(base, delta)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
    assertThat(v.revocation().get(0).source()).isEqualTo(Source.DELTA_CRL);
    assertThat(v.revocation().get(0).reason()).isEqualTo("superseded");
  }

  @Test
  void deltaCrl_removeFromCrl_unrevokesHeldCertificate() {
    X509CRL base =
        crlSpec(ica)
            .number(10)
            .revoke(leaf.cert().getSerialNumber(), CRLReason.certificateHold)
            .build();
    X509CRL delta =
        crlSpec(ica)
            .number(11)
            .deltaOf(10)
            .revoke(leaf.cert().getSerialNumber(), CRLReason.removeFromCRL)
            .build();

    ChainVerification held = validate(b -> b.crls(List.of(base)).revocationPolicy(HARD_LEAF));
    ChainVerification released =
        validate(b -> b.crls(List.of(base, delta)).revocationPolicy(HARD_LEAF));

    assertThat(held.reason()).contains(ReasonCode.REVOKED);
    assertThat(held.revocation().get(0).reason()).isEqualTo("certificateHold");
    assertThat(released.isValid()).as(released.message()).isTrue();
    assertThat(released.revocation().get(0).source()).isEqualTo(Source.DELTA_CRL);
    assertThat(released.revocation().get(0).state()).isEqualTo(State.GOOD);
  }

  @Test
  void deltaCrl_forNewerBaseThanSupplied_isIgnored() {
    X509CRL base = crlSpec(ica).number(10).build();
    X509CRL delta =
        crlSpec(ica)
            .number(13)
            .deltaOf(12)
            .revoke(leaf.cert().getSerialNumber(), CRLReason.keyCompromise)
            .build();

    ChainVerification v = validate(b -> b.crls(List.of(base, delta)).revocationPolicy(HARD_LEAF));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.revocation().get(0).source()).isEqualTo(Source.CRL);
  }

  @Test
  void deltaCrl_withoutBase_isRevocationUnknown() {
    X509CRL delta = crlSpec(ica).number(11).deltaOf(10).build();

    ChainVerification v = validate(b -> b.crls(List.of(delta)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.message()).contains("delta CRL without a usable complete CRL");
  }

  @Test
  void idp_onlyCaCertsCrl_isNotUsedForLeafButCoversIntermediate() {
    X509CRL caOnlyFromIca = crlSpec(ica).idp(idp(false, true)).build();
    X509CRL caOnlyFromRoot = crlSpec(root).idp(idp(false, true)).build();
    X509CRL userOnlyFromIca = crlSpec(ica).idp(idp(true, false)).build();

    ChainVerification leafNotCovered =
        validate(b -> b.crls(List.of(caOnlyFromIca, caOnlyFromRoot)));
    ChainVerification covered = validate(b -> b.crls(List.of(userOnlyFromIca, caOnlyFromRoot)));

    assertThat(leafNotCovered.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(leafNotCovered.message()).contains("onlyContainsCACerts");
    assertThat(covered.isValid()).as(covered.message()).isTrue();
  }

  @Test
  void idp_onlyUserCertsCrl_isNotUsedForIntermediate() {
    X509CRL userOnlyFromRoot = crlSpec(root).idp(idp(true, false)).build();

    ChainVerification v = validate(b -> b.crls(List.of(crlSpec(ica).build(), userOnlyFromRoot)));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.message()).contains("onlyContainsUserCerts");
  }

  @Test
  void idp_onlySomeReasonsAndIndirect_areRejectedAsUnsupported() {
    X509CRL partitioned =
        crlSpec(ica)
            .idp(
                new IssuingDistributionPoint(
                    null, false, false, new ReasonFlags(ReasonFlags.keyCompromise), false, false))
            .build();
    X509CRL indirect =
        crlSpec(ica)
            .idp(new IssuingDistributionPoint(null, false, false, null, true, false))
            .build();

    ChainVerification a = validate(b -> b.crls(List.of(partitioned)).revocationPolicy(HARD_LEAF));
    ChainVerification c = validate(b -> b.crls(List.of(indirect)).revocationPolicy(HARD_LEAF));

    assertThat(a.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(a.message()).contains("onlySomeReasons (unsupported)");
    assertThat(c.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(c.message()).contains("indirect CRL (unsupported)");
  }

  @Test
  void idp_distributionPointName_mustMatchCertificateDistributionPoint() {
    Issued withDp =
        leaf("svc.example.com", ica).crlDistributionPoint("http://crl.example/a.crl").issue();
    X509CRL matching = crlSpec(ica).idp(idpUri("http://crl.example/a.crl")).build();
    X509CRL other = crlSpec(ica).idp(idpUri("http://crl.example/b.crl")).build();

    ChainVerification ok =
        validate(withDp, b -> b.crls(List.of(matching)).revocationPolicy(HARD_LEAF));
    ChainVerification mismatch =
        validate(withDp, b -> b.crls(List.of(other)).revocationPolicy(HARD_LEAF));

    assertThat(ok.isValid()).as(ok.message()).isTrue();
    assertThat(mismatch.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(mismatch.message())
        .contains("matches none of the certificate's CRL distribution points");
  }

  @Test
  void crl_signedByAnotherKey_isRevocationUnknown() {
    Issued impostor = intermediate("Issuing CA", root).issue(); // same name, other key
    X509CRL forged = crlSpec(impostor).build();

    ChainVerification v = validate(b -> b.crls(List.of(forged)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
  }

  // ------------------------------------------------------------------ OCSP

  @Test
  void ocsp_goodForWholeChain_isValidWithOcspSource() {
    byte[] forLeaf = ocsp(ica, leaf).build();
    byte[] forIca = ocsp(root, ica).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(forLeaf, forIca)));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.revocation())
        .extracting(RevocationStatus::source)
        .containsExactly(Source.OCSP, Source.OCSP);
    assertThat(v.revocation()).extracting(RevocationStatus::state).containsOnly(State.GOOD);
  }

  @Test
  void ocsp_revoked_isRevokedWithReason() {
    byte[] r = ocsp(ica, leaf).revoked(CRLReason.cessationOfOperation).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
    assertThat(v.revocation().get(0).source()).isEqualTo(Source.OCSP);
    assertThat(v.revocation().get(0).reason()).isEqualTo("cessationOfOperation");
    assertThat(v.revocation().get(0).revocationTime()).isEqualTo(NOW.minus(Duration.ofHours(2)));
  }

  @Test
  void ocsp_unknownStatus_isRevocationUnknownWhenHardAndWarningWhenSoft() {
    byte[] r = ocsp(ica, leaf).unknown().build();

    ChainVerification hard = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));
    ChainVerification soft = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(SOFT_LEAF));

    assertThat(hard.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(hard.message()).contains("does not know");
    assertThat(soft.isValid()).as(soft.message()).isTrue();
    assertThat(soft.warnings()).singleElement().asString().contains("does not know");
    assertThat(soft.revocation().get(0).state()).isEqualTo(State.UNKNOWN);
  }

  @Test
  void ocsp_forAnotherCertificate_doesNotCountForTheLeaf() {
    Issued other = leaf("other.example.com", ica).issue();
    byte[] r = ocsp(ica, other).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
  }

  @Test
  void ocsp_delegatedResponderWithOcspSigning_isAccepted() {
    Issued responder =
        leaf("OCSP Responder", ica).noSan().eku(KeyPurposeId.id_kp_OCSPSigning).issue();
    byte[] r = ocsp(ica, leaf).responder(responder).revoked(CRLReason.keyCompromise).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
    assertThat(v.revocation().get(0).source()).isEqualTo(Source.OCSP);
  }

  @Test
  void ocsp_delegatedResponderWithoutOcspSigning_isRejected() {
    Issued responder =
        leaf("OCSP Responder", ica).noSan().eku(KeyPurposeId.id_kp_clientAuth).issue();
    byte[] r = ocsp(ica, leaf).responder(responder).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.message()).contains("lacks extKeyUsage id-kp-OCSPSigning");
  }

  @Test
  void ocsp_expiredDelegatedResponder_isRejected() {
    Issued responder =
        leaf("OCSP Responder", ica)
            .noSan()
            .eku(KeyPurposeId.id_kp_OCSPSigning)
            .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))
            .issue();
    byte[] r = ocsp(ica, leaf).responder(responder).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.message()).contains("not at");
  }

  @Test
  void ocsp_responderIssuedByAnotherCa_isRejected() {
    Issued responder =
        leaf("OCSP Responder", root).noSan().eku(KeyPurposeId.id_kp_OCSPSigning).issue();
    byte[] r = ocsp(ica, leaf).responder(responder).build();

    ChainVerification v = validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.message()).contains("is not issued by");
  }

  @Test
  void ocsp_stale_isRevocationUnknownUnlessWithinTolerance() {
    byte[] r =
        ocsp(ica, leaf)
            .updates(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(2)))
            .build();

    ChainVerification stale =
        validate(b -> b.ocspResponses(List.of(r)).revocationPolicy(HARD_LEAF));
    ChainVerification tolerated =
        validate(
            b ->
                b.ocspResponses(List.of(r))
                    .revocationPolicy(HARD_LEAF)
                    .revocationFreshnessTolerance(Duration.ofMinutes(5)));

    assertThat(stale.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(stale.message()).contains("stale");
    assertThat(tolerated.isValid()).as(tolerated.message()).isTrue();
  }

  @Test
  void ocsp_revokedWinsOverGoodCrl() {
    byte[] r = ocsp(ica, leaf).revoked(CRLReason.keyCompromise).build();

    ChainVerification v =
        validate(
            b ->
                b.ocspResponses(List.of(r))
                    .crls(List.of(crlSpec(ica).build()))
                    .revocationPolicy(HARD_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
  }

  @Test
  void ocsp_unparseable_throwsAtBuild() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> validate(b -> b.ocspResponses(List.of(new byte[] {1, 2, 3}))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ policy

  @Test
  void policy_explicitHardFailWithoutSources_isRevocationUnknown() {
    ChainVerification v = validate(b -> b.revocationPolicy(RevocationPolicy.HARD_FAIL_WHOLE_CHAIN));

    assertThat(v.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
  }

  @Test
  void policy_softFailWithoutSources_isValidWithWarningPerCertificate() {
    ChainVerification v =
        validate(b -> b.revocationPolicy(RevocationPolicy.of(Mode.SOFT_FAIL, Scope.WHOLE_CHAIN)));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.warnings()).hasSize(2);
    assertThat(v.revocation()).extracting(RevocationStatus::state).containsOnly(State.UNKNOWN);
  }

  @Test
  void policy_softFail_stillRejectsRevoked() {
    X509CRL crl =
        crlSpec(ica).revoke(leaf.cert().getSerialNumber(), CRLReason.keyCompromise).build();

    ChainVerification v = validate(b -> b.crls(List.of(crl)).revocationPolicy(SOFT_LEAF));

    assertThat(v.reason()).contains(ReasonCode.REVOKED);
  }

  @Test
  void policy_leafOnly_needsNoSourceForIntermediate() {
    X509CRL crl = crlSpec(ica).build();

    ChainVerification leafOnly = validate(b -> b.crls(List.of(crl)).revocationPolicy(HARD_LEAF));
    ChainVerification byDefault = validate(b -> b.crls(List.of(crl)));

    assertThat(leafOnly.isValid()).as(leafOnly.message()).isTrue();
    assertThat(leafOnly.revocation()).hasSize(1);
    assertThat(byDefault.reason()).contains(ReasonCode.REVOCATION_UNKNOWN);
    assertThat(byDefault.message()).contains("Issuing CA").contains("Root");
  }

  @Test
  void policy_noSourcesAndNoPolicy_skipsRevocation() {
    ChainVerification v = validate(b -> {});

    assertThat(v.isValid()).isTrue();
    assertThat(v.revocation()).isEmpty();
    assertThat(v.checks()).noneMatch(c -> c.name().equals("revocation"));
  }
}
