package io.souverix.attestation.tpm;

import static io.souverix.attestation.tpm.Fixtures.msg;
import static io.souverix.attestation.tpm.Fixtures.nonce;
import static io.souverix.attestation.tpm.Fixtures.pcrs;
import static io.souverix.attestation.tpm.Fixtures.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.x509.TrustChainValidator;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The attestation key given by a certificate that must chain to a trust anchor: the swtpm's real
 * ECDSA AK, certified by a CA made here with Bouncy Castle (as an owner's CA certifies an AK after
 * credential activation).
 */
class AkCertificateTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate certificate(
      String subject, PublicKey key, String issuer, KeyPair issuerKeys, boolean ca, long serial)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Principal(issuer),
            BigInteger.valueOf(serial),
            Date.from(NOW.minus(30, ChronoUnit.DAYS)),
            Date.from(NOW.plus(365, ChronoUnit.DAYS)),
            new X500Principal(subject),
            key);
    org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils ids =
        new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils();
    b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(key));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        ids.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  @Test
  void akCertificateChainingToTheAnchor_quoteVerifies_otherAnchor_isAkUntrusted() throws Exception {
    KeyPair caKeys = p256();
    X509Certificate ca =
        certificate("CN=Owner AK CA", caKeys.getPublic(), "CN=Owner AK CA", caKeys, true, 1);
    PublicKey ak = QuoteVerifier.publicKeyFromPem(Fixtures.text("ak-ecdsa.pem"));
    X509Certificate akCert =
        certificate("CN=node-000042 AK", ak, "CN=Owner AK CA", caKeys, false, 2);
    TrustChainValidator trusted =
        TrustChainValidator.newBuilder().trustAnchors(List.of(ca)).validationTime(NOW).build();

    QuoteVerifier v =
        QuoteVerifier.newBuilder().attestationKeyCertificate(akCert, List.of(), trusted).build();
    assertThat(v.verify(msg("ecdsa"), sig("ecdsa"), pcrs("ecdsa"), nonce())).isNotNull();

    KeyPair otherKeys = p256();
    X509Certificate other =
        certificate("CN=Other CA", otherKeys.getPublic(), "CN=Other CA", otherKeys, true, 3);
    TrustChainValidator untrusted =
        TrustChainValidator.newBuilder().trustAnchors(List.of(other)).validationTime(NOW).build();
    QuoteVerifier w =
        QuoteVerifier.newBuilder().attestationKeyCertificate(akCert, List.of(), untrusted).build();
    assertThatThrownBy(() -> w.verify(msg("ecdsa"), sig("ecdsa"), pcrs("ecdsa"), nonce()))
        .isInstanceOfSatisfying(
            QuoteException.class,
            e -> assertThat(e.code()).isEqualTo(QuoteException.Code.AK_UNTRUSTED));
  }

  @Test
  void akCertificateForAnotherKey_signatureInvalid() throws Exception {
    KeyPair caKeys = p256();
    X509Certificate ca =
        certificate("CN=Owner AK CA", caKeys.getPublic(), "CN=Owner AK CA", caKeys, true, 1);
    X509Certificate wrongKey =
        certificate("CN=node-000042 AK", p256().getPublic(), "CN=Owner AK CA", caKeys, false, 2);
    TrustChainValidator trusted =
        TrustChainValidator.newBuilder().trustAnchors(List.of(ca)).validationTime(NOW).build();

    QuoteVerifier v =
        QuoteVerifier.newBuilder().attestationKeyCertificate(wrongKey, List.of(), trusted).build();
    assertThatThrownBy(() -> v.verify(msg("ecdsa"), sig("ecdsa"), pcrs("ecdsa"), nonce()))
        .isInstanceOfSatisfying(
            QuoteException.class,
            e -> assertThat(e.code()).isEqualTo(QuoteException.Code.SIGNATURE_INVALID));
  }
}
