package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.NOW;
import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.x509.TestPki.Issued;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SignatureCacheTest {
  private final Issued root = root("Root").issue();
  private final Issued ica = intermediate("Issuing CA", root).issue();

  private TrustChainValidator validator(SignatureCache cache) {
    return TrustChainValidator.newBuilder()
        .trustAnchors(List.of(root.cert()))
        .validationTime(NOW)
        .requiredExtendedKeyUsages(List.of(ExtendedKeyUsage.SERVER_AUTH))
        .signatureCache(cache)
        .build();
  }

  private static X509Certificate reparse(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  @Test
  void validate_sameChainTwice_reusesBothVerifiedSignatures() throws Exception {
    SignatureCache cache = SignatureCache.create(100);
    TrustChainValidator v = validator(cache);
    Issued leaf = leaf("svc.example.com", ica).issue();

    ChainVerification first = v.validate(leaf.cert(), List.of(ica.cert()));
    ChainVerification second =
        v.validate(reparse(leaf.cert().getEncoded()), List.of(reparse(ica.cert().getEncoded())));

    assertThat(first.isValid()).isTrue();
    assertThat(second.isValid()).isTrue();
    assertThat(cache.size()).isEqualTo(2); // leaf by the CA, CA by the root
    assertThat(cache.hits()).isEqualTo(2);
    assertThat(second.checks()).isEqualTo(first.checks());
  }

  @Test
  void validate_tamperedSignatureOfACachedLeaf_missesAndIsSignatureInvalid() throws Exception {
    SignatureCache cache = SignatureCache.create(100);
    TrustChainValidator v = validator(cache);
    Issued leaf = leaf("svc.example.com", ica).issue();
    assertThat(v.validate(leaf.cert(), List.of(ica.cert())).isValid()).isTrue();
    long hits = cache.hits();
    byte[] der = leaf.cert().getEncoded();
    der[der.length - 1] ^= 0x01; // last octet of the signature value

    ChainVerification tampered = v.validate(reparse(der), List.of(ica.cert()));
    ChainVerification again = v.validate(reparse(der), List.of(ica.cert()));

    assertThat(tampered.reason()).contains(ReasonCode.SIGNATURE_INVALID);
    assertThat(again.reason()).contains(ReasonCode.SIGNATURE_INVALID);
    assertThat(cache.size()).isEqualTo(2); // the failure is never kept
    assertThat(cache.hits() - hits).isZero(); // the leaf fails first, so the CA is not reached
  }

  @Test
  void verifies_sameCertificateUnderAnotherIssuerKey_neverHits() throws Exception {
    SignatureCache cache = SignatureCache.create(100);
    Issued leaf = leaf("svc.example.com", ica).issue();
    Issued impostor = intermediate("Issuing CA", root).issue(); // same name, other key
    ParsedCert child = ParsedCert.parse(leaf.cert());
    ParsedCert realIssuer = ParsedCert.parse(ica.cert());
    ParsedCert otherIssuer = ParsedCert.parse(impostor.cert());
    assertThat(cache.verifies(realIssuer, child, Keys.verifier(realIssuer))).isTrue();

    boolean underOther = cache.verifies(otherIssuer, child, Keys.verifier(otherIssuer));

    assertThat(underOther).isFalse();
    assertThat(cache.hits()).isZero();
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.verifies(realIssuer, child, Keys.verifier(realIssuer))).isTrue();
    assertThat(cache.hits()).isEqualTo(1);
  }

  @Test
  void validate_moreSignaturesThanTheBound_keepsAtMostTheBoundLeastRecentlyUsedOut()
      throws Exception {
    SignatureCache cache = SignatureCache.create(3);
    TrustChainValidator v = validator(cache);
    List<Issued> leaves = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      leaves.add(leaf("node-" + i + ".example.com", ica).issue());
    }

    for (Issued l : leaves) {
      assertThat(v.validate(l.cert(), List.of(ica.cert())).isValid()).isTrue();
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    // The CA's signature was used by every validation, so it stayed; node-0 and node-1 were
    // dropped, node-3 and node-4 kept.
    long hits = cache.hits();
    v.validate(leaves.get(4).cert(), List.of(ica.cert()));
    assertThat(cache.hits() - hits).isEqualTo(2);
    hits = cache.hits();
    v.validate(leaves.get(0).cert(), List.of(ica.cert()));
    assertThat(cache.hits() - hits).isEqualTo(1);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void validate_sharedCacheFromTwoThreads_sameVerdictsAndBoundHeld() throws Exception {
    SignatureCache cache = SignatureCache.create(8);
    TrustChainValidator v = validator(cache);
    List<Issued> leaves = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      leaves.add(leaf("node-" + i + ".example.com", ica).issue());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (Issued l : leaves) {
          results.add(pool.submit(() -> v.validate(l.cert(), List.of(ica.cert())).isValid()));
        }
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(8);
    assertThat(cache.hits()).isPositive();
  }

  @Test
  void create_zeroEntries_isRejected() {
    assertThatThrownBy(() -> SignatureCache.create(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("signatureCache maxEntries; expected >= 1, but got 0");
  }

  @Test
  void builder_signatureCacheTwice_isRejected() {
    TrustChainValidator.Builder b = TrustChainValidator.newBuilder().signatureCache(10);

    assertThatThrownBy(() -> b.signatureCache(SignatureCache.create(5)))
        .isInstanceOf(IllegalStateException.class);
  }
}
