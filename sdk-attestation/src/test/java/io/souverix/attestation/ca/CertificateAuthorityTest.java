package io.souverix.attestation.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.ca.CertificateAuthorityException.Code;
import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.ExtendedKeyUsage;
import io.souverix.attestation.x509.ReasonCode;
import io.souverix.attestation.x509.TrustChainValidator;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {

  private static List<RecordedEvent> stream(CaFixture f, String id) throws Exception {
    return f.store.readStream(id, 1, 1000);
  }

  @ParameterizedTest
  @EnumSource(
      value = SigningAlgorithm.class,
      names = {"ES256", "RS256", "ED25519"})
  void issue_deviceIdentityUnderEachCaKeyType_validatesWithTrustChainValidator(SigningAlgorithm alg)
      throws Exception {
    CaFixture f = new CaFixture(alg);
    Lifecycle lc = f.lifecycle();
    f.registerNode(lc, CaFixture.NODE, "eu-west");

    IssuedCertificate issued = f.ca.issue(f.deviceRequest(CaFixture.NODE, CaFixture.ec()));
    X509Certificate cert = issued.certificate();

    ChainVerification v = f.validator(List.of()).validate(cert, List.of());
    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
    assertThat(cert.getExtendedKeyUsage()).isNull();
    assertThat(cert.getSubjectAlternativeNames()).hasSize(1);
    assertThat(cert.getSubjectAlternativeNames().iterator().next().get(0))
        .isEqualTo(0); // otherName
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(CaFixture.START);
    assertThat(cert.getNotAfter().toInstant())
        .isEqualTo(CaFixture.START.plus(Duration.ofDays(365)));
    byte[] caSki =
        SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(f.caCert.getExtensionValue("2.5.29.14")).getOctets())
            .getKeyIdentifier();
    byte[] aki =
        AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(
                        cert.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                    .getOctets())
            .getKeyIdentifier();
    assertThat(aki).isEqualTo(caSki);
    assertThat(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    assertThat(issued.serial()).isEqualTo(cert.getSerialNumber().toString(16));
    assertThat(issued.chain()).containsExactly(cert, f.caCert);
  }

  @Test
  void issue_nodeDeviceIdentity_recordsIssuedAndTrustChainInNodeStream() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = f.lifecycle();
    f.registerNode(lc, CaFixture.NODE, "eu-west");

    IssuedCertificate issued = f.ca.issue(f.deviceRequest(CaFixture.NODE, CaFixture.ec()));

    List<RecordedEvent> events = stream(f, CaFixture.NODE);
    RecordedEvent cert = events.get(events.size() - 2);
    RecordedEvent chain = events.get(events.size() - 1);
    assertThat(cert.type()).isEqualTo(EventType.CERTIFICATE_ISSUED.name());
    assertThat(cert.payload().text("serial")).contains(issued.serial());
    assertThat(cert.payload().text("node_id")).contains(CaFixture.NODE);
    assertThat(cert.payload().text("issuer")).contains(f.ca.issuer());
    assertThat(cert.region()).isEqualTo("eu-west");
    assertThat(chain.type()).isEqualTo(EventType.NODE_TRUST_CHAIN_ESTABLISHED.name());
    assertThat(chain.payload().text("certificate_serial")).contains(issued.serial());
    assertThat(issued.record().region()).isEqualTo("eu-west");
    assertThat(f.ca.node(CaFixture.NODE).serials()).containsExactly(issued.serial());
  }

  @Test
  void issue_workload_hasBothEkusShortValidityAndUriSan() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    KeyPair keys = CaFixture.ec();
    IssuedCertificate issued =
        f.ca.issue(
            CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
                .csrDer(CaFixture.csr("CN=payments", keys))
                .uris("spiffe://fleet.example/ns/prod/sa/payments")
                .dnsNames("payments.prod.svc")
                .region("us-east")
                .build());

    X509Certificate cert = issued.certificate();
    assertThat(cert.getExtendedKeyUsage())
        .containsExactly(ExtendedKeyUsage.SERVER_AUTH.oid(), ExtendedKeyUsage.CLIENT_AUTH.oid());
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofHours(24));
    ChainVerification v =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(f.caCert))
            .clock(f.clock)
            .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.CLIENT_AUTH))
            .build()
            .validate(cert, List.of());
    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(stream(f, f.ca.streamId()))
        .extracting(RecordedEvent::type)
        .containsExactly(EventType.CERTIFICATE_ISSUED.name());
  }

  @Test
  void issue_controlPlane_validatesForItsHostAndIp() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    IssuedCertificate issued =
        f.ca.issue(
            CertificateRequest.newBuilder(CertificateProfile.CONTROL_PLANE)
                .csrDer(CaFixture.csr("O=Souverix", CaFixture.ec()))
                .dnsNames("api.control.example")
                .ipAddresses("10.0.0.7")
                .build());

    for (String host : List.of("api.control.example", "10.0.0.7")) {
      ChainVerification v =
          TrustChainValidator.newBuilder()
              .trustAnchors(List.of(f.caCert))
              .clock(f.clock)
              .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH))
              .expectedHostname(host)
              .build()
              .validate(issued.certificate(), List.of());
      assertThat(v.isValid()).as(host + ": " + v.message()).isTrue();
    }
    assertThat(issued.certificate().getExtendedKeyUsage())
        .containsExactly(ExtendedKeyUsage.SERVER_AUTH.oid());
  }

  @Test
  void issue_csrSignedByAnotherKey_rejectedWithoutProofOfPossession() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    byte[] forged = CaFixture.csr("O=Souverix", CaFixture.ec(), CaFixture.ec(), "SHA256withECDSA");
    CertificateRequest r =
        CertificateRequest.newBuilder(CertificateProfile.CONTROL_PLANE)
            .csrDer(forged)
            .dnsNames("api.control.example")
            .build();

    assertThatThrownBy(() -> f.ca.issue(r))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> assertThat(e.code()).isEqualTo(Code.PROOF_OF_POSSESSION_FAILED));
    assertThat(f.store.headPosition()).isZero();
  }

  @Test
  void issue_rsa1024Key_rejectedAsWeakAndNothingRecorded() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    KeyPair weak = CaFixture.rsa(1024);
    CertificateRequest r =
        CertificateRequest.newBuilder(CertificateProfile.CONTROL_PLANE)
            .csrDer(CaFixture.csr("O=Souverix", weak, weak, "SHA256withRSA"))
            .dnsNames("api.control.example")
            .build();

    assertThatThrownBy(() -> f.ca.issue(r))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.WEAK_KEY);
              assertThat(e.getMessage()).contains("RSA modulus");
            });
    assertThat(f.store.headPosition()).isZero();
  }

  @Test
  void issue_garbageCsr_rejectedAsInvalid() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    CertificateRequest r =
        CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
            .csrDer(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})
            .uris("spiffe://x/y")
            .build();

    assertThatThrownBy(() -> f.ca.issue(r))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> assertThat(e.code()).isEqualTo(Code.INVALID_CSR));
  }

  @Test
  void issue_deviceWithoutSerialOrHardwareModule_rejectedByProfile() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    CertificateRequest r =
        CertificateRequest.newBuilder(CertificateProfile.DEVICE_IDENTITY)
            .csrDer(CaFixture.csr("CN=device", CaFixture.ec()))
            .build();

    assertThatThrownBy(() -> f.ca.issue(r))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.PROFILE_VIOLATION);
              assertThat(e.getMessage()).contains("serialNumber");
            });
  }

  @Test
  void issue_unregisteredNode_rejectedAndStreamNotCreated() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);

    assertThatThrownBy(() -> f.ca.issue(f.deviceRequest("node-000999", CaFixture.ec())))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> assertThat(e.code()).isEqualTo(Code.UNKNOWN_NODE));
    assertThat(f.store.streamVersion("node-000999")).isZero();
  }

  @Test
  void issue_pemCsr_isAccepted() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    String pem =
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(CaFixture.csr("CN=svc", CaFixture.ec()))
            + "\n-----END CERTIFICATE REQUEST-----\n";
    IssuedCertificate issued =
        f.ca.issue(
            CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
                .csrPem(pem)
                .dnsNames("svc")
                .build());
    assertThat(issued.pem()).startsWith("-----BEGIN CERTIFICATE-----\n");
  }

  @Test
  void revoke_thenPublishCrl_validatorRejectsOnlyTheRevokedCertificate() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = f.lifecycle();
    f.registerNode(lc, "node-000001", "eu-west");
    f.registerNode(lc, "node-000002", "eu-west");
    IssuedCertificate bad = f.ca.issue(f.deviceRequest("node-000001", CaFixture.ec()));
    IssuedCertificate good = f.ca.issue(f.deviceRequest("node-000002", CaFixture.ec()));
    f.clock.advance(Duration.ofHours(1));

    CertificateRecord revoked = f.ca.revoke(bad.serial(), RevocationReason.KEY_COMPROMISE);
    PublishedCrl crl = f.ca.publishCrl();
    f.clock.advance(Duration.ofMinutes(1));

    assertThat(revoked.isRevoked()).isTrue();
    assertThat(crl.serials()).containsExactly(bad.serial());
    X509CRLEntry entry = crl.crl().getRevokedCertificate(bad.certificate().getSerialNumber());
    assertThat(entry).isNotNull();
    assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    crl.crl().verify(f.caCert.getPublicKey());
    TrustChainValidator validator = f.validator(List.of(crl.crl()));
    ChainVerification rejected = validator.validate(bad.certificate(), List.of());
    assertThat(rejected.isValid()).isFalse();
    assertThat(rejected.reason()).contains(ReasonCode.REVOKED);
    ChainVerification accepted = validator.validate(good.certificate(), List.of());
    assertThat(accepted.isValid()).as(accepted.message()).isTrue();
    assertThat(stream(f, "node-000001").get(stream(f, "node-000001").size() - 1).type())
        .isEqualTo(EventType.CERTIFICATE_REVOKED.name());
  }

  @Test
  void publishCrl_twice_numberIncreasesAndUpdatesFollowTheClock() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    PublishedCrl first = f.ca.publishCrl();
    f.clock.advance(Duration.ofDays(1));
    PublishedCrl second = f.ca.publishCrl();

    assertThat(first.number()).isEqualTo(1);
    assertThat(second.number()).isEqualTo(2);
    assertThat(cRLNumber(second.crl())).isEqualTo(BigInteger.TWO);
    assertThat(second.thisUpdate()).isEqualTo(CaFixture.START.plus(Duration.ofDays(1)));
    assertThat(second.nextUpdate()).isEqualTo(second.thisUpdate().plus(Duration.ofDays(7)));
    assertThat(second.crl().getNextUpdate().toInstant()).isEqualTo(second.nextUpdate());
    List<RecordedEvent> events = stream(f, f.ca.streamId());
    assertThat(events)
        .extracting(RecordedEvent::type)
        .containsOnly(EventType.CERTIFICATE_CRL_PUBLISHED.name());
    assertThat(events.get(1).payload().number("crl_number")).contains(2L);
    assertThat(events.get(1).payload().text("digest")).contains(second.digest());

    // A second authority over the same store continues the numbering.
    CertificateAuthority other =
        CertificateAuthority.newBuilder()
            .signer(f.signer)
            .certificate(f.caCert)
            .store(f.store)
            .clock(f.clock)
            .actor("device-ca-2")
            .build();
    assertThat(other.publishCrl().number()).isEqualTo(3);
  }

  @Test
  void revoke_twiceOrUnknown_rejected() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    IssuedCertificate c =
        f.ca.issue(
            CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
                .csrDer(CaFixture.csr("CN=svc", CaFixture.ec()))
                .dnsNames("svc")
                .build());
    f.ca.revoke(c.serial(), RevocationReason.SUPERSEDED);

    assertThatThrownBy(() -> f.ca.revoke(c.serial(), RevocationReason.SUPERSEDED))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> assertThat(e.code()).isEqualTo(Code.ALREADY_REVOKED));
    assertThatThrownBy(() -> f.ca.revoke("abc", RevocationReason.SUPERSEDED))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> assertThat(e.code()).isEqualTo(Code.UNKNOWN_CERTIFICATE));
  }

  @Test
  void rotate_sameKey_reissuesWithReplacesAndRecordsRotation() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = f.lifecycle();
    f.registerNode(lc, CaFixture.NODE, "eu-west");
    IssuedCertificate old = f.ca.issue(f.deviceRequest(CaFixture.NODE, CaFixture.ec()));
    f.clock.advance(Duration.ofDays(340));

    assertThat(f.ca.dueForRotation(Duration.ofDays(30)))
        .extracting(CertificateRecord::serial)
        .containsExactly(old.serial());
    IssuedCertificate fresh = f.ca.rotate(old.serial());

    assertThat(fresh.certificate().getPublicKey()).isEqualTo(old.certificate().getPublicKey());
    assertThat(fresh.certificate().getSubjectX500Principal())
        .isEqualTo(old.certificate().getSubjectX500Principal());
    assertThat(fresh.certificate().getExtensionValue(Extension.subjectAlternativeName.getId()))
        .isEqualTo(old.certificate().getExtensionValue(Extension.subjectAlternativeName.getId()));
    assertThat(fresh.record().replaces()).isEqualTo(old.serial());
    assertThat(f.ca.dueForRotation(Duration.ofDays(30))).isEmpty();
    assertThat(f.ca.certificate(old.serial()).orElseThrow().replacedBy()).isEqualTo(fresh.serial());
    List<RecordedEvent> events = stream(f, CaFixture.NODE);
    RecordedEvent rotated = events.get(events.size() - 1);
    assertThat(rotated.type()).isEqualTo(EventType.MAINTENANCE_CERTIFICATE_ROTATED.name());
    assertThat(rotated.payload().text("old_serial")).contains(old.serial());
    assertThat(rotated.payload().text("new_serial")).contains(fresh.serial());
  }

  @Test
  void rotate_newCsr_newKeyAndOtherNodeRejected() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = f.lifecycle();
    f.registerNode(lc, CaFixture.NODE, "eu-west");
    f.registerNode(lc, "node-000043", "eu-west");
    IssuedCertificate old = f.ca.issue(f.deviceRequest(CaFixture.NODE, CaFixture.ec()));

    KeyPair next = CaFixture.ec();
    IssuedCertificate fresh = f.ca.rotate(old.serial(), f.deviceRequest(CaFixture.NODE, next));
    assertThat(fresh.certificate().getPublicKey()).isEqualTo(next.getPublic());
    assertThat(fresh.record().replaces()).isEqualTo(old.serial());

    assertThatThrownBy(
            () -> f.ca.rotate(fresh.serial(), f.deviceRequest("node-000043", CaFixture.ec())))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            e -> assertThat(e.code()).isEqualTo(Code.PROFILE_VIOLATION));
  }

  @Test
  void expiryForecast_groupsPerRegionWithinTheHorizon() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = f.lifecycle();
    f.registerNode(lc, "node-000001", "eu-west");
    f.registerNode(lc, "node-000002", "us-east");
    f.registerNode(lc, "node-000003", "us-east");
    f.ca.issue(f.deviceRequest("node-000001", CaFixture.ec()));
    f.ca.issue(f.deviceRequest("node-000002", CaFixture.ec()));
    IssuedCertificate revoked = f.ca.issue(f.deviceRequest("node-000003", CaFixture.ec()));
    f.ca.revoke(revoked.serial(), RevocationReason.KEY_COMPROMISE);
    f.ca.issue(
        CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
            .csrDer(CaFixture.csr("CN=svc", CaFixture.ec()))
            .dnsNames("svc")
            .build());

    ExpiryForecast soon = f.ca.expiryForecast(Duration.ofDays(2));
    ExpiryForecast year = f.ca.expiryForecast(Duration.ofDays(366));

    assertThat(soon.countsByRegion())
        .containsExactly(java.util.Map.entry(ExpiryForecast.UNKNOWN_REGION, 1));
    assertThat(year.countsByRegion())
        .containsExactly(
            java.util.Map.entry(ExpiryForecast.UNKNOWN_REGION, 1),
            java.util.Map.entry("eu-west", 1),
            java.util.Map.entry("us-east", 1));
    assertThat(year.total()).isEqualTo(3);
  }

  @Test
  void build_signerKeyDiffersFromCertificate_rejected() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    assertThatThrownBy(
            () ->
                CertificateAuthority.newBuilder()
                    .signer(
                        io.souverix.lifecycle.spi.Signer.inMemory(
                            CaFixture.ec(), SigningAlgorithm.ES256))
                    .certificate(f.caCert)
                    .store(f.store)
                    .actor("ca")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key of the CA certificate");
  }

  private static BigInteger cRLNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
  }
}
