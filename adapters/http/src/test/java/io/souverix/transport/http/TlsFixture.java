package io.souverix.transport.http;

import io.souverix.attestation.ca.CertificateAuthority;
import io.souverix.attestation.ca.CertificateProfile;
import io.souverix.attestation.ca.CertificateRequest;
import io.souverix.attestation.ca.IssuedCertificate;
import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.TrustChainValidator;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A fleet's TLS trust for the tests: a root (Bouncy Castle, test code only) whose key is held by
 * the SDK's {@link CertificateAuthority}, which issues the server's and the nodes' workload
 * certificates for 127.0.0.1; each issued chain is checked with the SDK's {@link
 * TrustChainValidator} before use.
 */
final class TlsFixture {
  final X509Certificate root;
  final CertificateAuthority ca;

  private TlsFixture(String name) throws Exception {
    KeyPair caKeys = ec();
    this.root = selfSignedCa("CN=" + name + ",O=Souverix", caKeys);
    this.ca =
        CertificateAuthority.newBuilder()
            .signer(Signer.inMemory(caKeys, SigningAlgorithm.ES256))
            .certificate(root)
            .store(EventStore.inMemory(Clock.systemUTC()))
            .clock(Clock.systemUTC())
            .actor("tls-ca")
            .build();
  }

  static TlsFixture create(String name) throws Exception {
    return new TlsFixture(name);
  }

  /** A TLS context holding a fresh workload certificate of this CA, trusting {@code anchors}. */
  SSLContext context(String commonName, List<X509Certificate> anchors) throws Exception {
    KeyPair keys = ec();
    byte[] csr =
        new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=" + commonName + ",O=Souverix"), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
            .getEncoded();
    IssuedCertificate issued =
        ca.issue(
            CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
                .csrDer(csr)
                .dnsNames("localhost")
                .ipAddresses("127.0.0.1")
                .validity(Duration.ofHours(1))
                .build());
    ChainVerification report =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root))
            .clock(Clock.systemUTC())
            .build()
            .validate(issued.certificate(), issued.chain().subList(1, issued.chain().size()));
    if (!report.isValid()) {
      throw new IllegalStateException("issued chain does not validate: " + report);
    }
    return MutualTls.context(keys.getPrivate(), issued.chain(), anchors);
  }

  SSLContext context(String commonName) throws Exception {
    return context(commonName, List.of(root));
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate selfSignedCa(String dn, KeyPair keys) throws Exception {
    Instant now = Instant.now();
    X500Name name = new X500Name(dn);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
