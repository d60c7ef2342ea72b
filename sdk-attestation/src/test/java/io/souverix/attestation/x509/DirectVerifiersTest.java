package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.x509.TestPki.Issued;
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
}
