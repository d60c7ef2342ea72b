package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.x509.TestPki.Issued;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectVerifiersTest {
  @ParameterizedTest
  @ValueSource(strings = {"SHA256withECDSA", "SHA256withRSA", "SHA384withRSA"})
  void verifies_commonAlgorithms_goDirectAndAgreeWithBouncyCastle(String alg) throws Exception {
    boolean rsa = alg.endsWith("RSA");
    Issued root = root("Root").issue();
    Issued ca = intermediate("CA", root).keys(rsa ? TestPki.rsaKey(2048) : TestPki.ecKey()).issue();
    Issued good = leaf("svc.example.com", ca).sigAlg(alg).issue();
    Issued forged =
        leaf("svc.example.com", ca)
            .sigAlg(alg)
            .signedBy((rsa ? TestPki.rsaKey(2048) : TestPki.ecKey()).getPrivate())
            .issue();
    ParsedCert issuer = ParsedCert.parse(ca.cert());
    org.bouncycastle.operator.ContentVerifierProvider bc =
        new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
            .setProvider(Keys.PROVIDER)
            .build(issuer.publicKeyInfo());

    org.bouncycastle.operator.ContentVerifierProvider v = Keys.verifier(issuer);

    assertThat(v).isInstanceOf(DirectVerifiers.class);
    assertThat(Keys.verifies(ParsedCert.parse(good.cert()), v)).isTrue();
    assertThat(Keys.verifies(ParsedCert.parse(forged.cert()), v)).isFalse();
    assertThat(Keys.verifies(ParsedCert.parse(good.cert()), bc)).isTrue();
    assertThat(Keys.verifies(ParsedCert.parse(forged.cert()), bc)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "SHA-384", "SHA-512"})
  void jdkDigestRsa_digestInfoWithAndWithoutNullOrTampered_sameVerdictAsBouncyCastle(String hash)
      throws Exception {
    java.security.KeyPair keys = TestPki.rsaKey(2048);
    String sigName = hash.replace("-", "") + "WITHRSA";
    String oid =
        Map.of("SHA-256", "1.2.840.113549.1.1.11", "SHA-384", "1.2.840.113549.1.1.12")
            .getOrDefault(hash, "1.2.840.113549.1.1.13");
    org.bouncycastle.asn1.ASN1ObjectIdentifier digestOid =
        new org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder()
            .find(hash)
            .getAlgorithm();
    byte[] data = "tbsCertificate bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] digest = java.security.MessageDigest.getInstance(hash).digest(data);
    // DigestInfo with NULL parameters (the norm), without them (accepted by Bouncy Castle), and a
    // signature over other bytes.
    byte[] withNull =
        new org.bouncycastle.asn1.x509.DigestInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    digestOid, org.bouncycastle.asn1.DERNull.INSTANCE),
                digest)
            .getEncoded();
    byte[] withoutNull =
        new org.bouncycastle.asn1.x509.DigestInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(digestOid), digest)
            .getEncoded();
    byte[] otherDigest = withNull.clone();
    otherDigest[otherDigest.length - 1] ^= 1;
    for (byte[] info : List.of(withNull, withoutNull, otherDigest)) {
      java.security.Signature raw =
          java.security.Signature.getInstance("NONEwithRSA", Keys.PROVIDER);
      raw.initSign(keys.getPrivate());
      raw.update(info);
      byte[] sig = raw.sign();
      java.security.Signature bc = java.security.Signature.getInstance(sigName, Keys.PROVIDER);
      bc.initVerify(keys.getPublic());
      bc.update(data);
      boolean expected = bc.verify(sig);

      JdkDigestRsa ours = JdkDigestRsa.forVerification(oid, keys.getPublic());
      assertThat(ours).isNotNull();
      ours.update(data, 0, data.length);

      assertThat(ours.verify(sig)).isEqualTo(expected).isEqualTo(info != otherDigest);
    }
  }
}
