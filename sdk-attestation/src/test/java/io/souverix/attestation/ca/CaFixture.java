package io.souverix.attestation.ca;

import io.souverix.attestation.x509.TrustChainValidator;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Test fixture: a root CA with a key of a given algorithm, a store, a clock, CSRs. */
final class CaFixture {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final String NODE = "node-000042";

  final ManualClock clock = ManualClock.at(START);
  final EventStore store;
  final KeyPair caKeys;
  final X509Certificate caCert;
  final Signer signer;
  final CertificateAuthority ca;

  CaFixture(SigningAlgorithm alg) throws Exception {
    this(alg, EventStore.inMemory(ManualClock.at(START)));
  }

  CaFixture(SigningAlgorithm alg, EventStore store) throws Exception {
    this.store = store;
    this.caKeys = keys(alg);
    this.caCert = selfSignedCa("CN=Souverix Device CA,O=Souverix", caKeys, alg);
    this.signer = Signer.inMemory(caKeys, alg);
    this.ca =
        CertificateAuthority.newBuilder()
            .signer(signer)
            .certificate(caCert)
            .store(store)
            .clock(clock)
            .random(new SecureRandom())
            .actor("device-ca")
            .build();
  }

  static KeyPair keys(SigningAlgorithm alg) throws Exception {
    return switch (alg) {
      case ES256 -> ec();
      case RS256, PS256 -> rsa(2048);
      case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      case ES384 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        yield g.generateKeyPair();
      }
    };
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  static String jcaName(SigningAlgorithm alg) {
    return switch (alg) {
      case ES256 -> "SHA256withECDSA";
      case ES384 -> "SHA384withECDSA";
      case RS256 -> "SHA256withRSA";
      case PS256 -> "SHA256withRSAandMGF1";
      case ED25519 -> "Ed25519";
    };
  }

  static X509Certificate selfSignedCa(String dn, KeyPair keys, SigningAlgorithm alg)
      throws Exception {
    X500Name name = new X500Name(dn);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(1),
            Date.from(START.minus(Duration.ofDays(1))),
            Date.from(START.plus(Duration.ofDays(3650))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder(jcaName(alg)).build(keys.getPrivate())));
  }

  /** A PKCS#10 request for {@code dn}, signed by {@code signing} but carrying {@code subject}. */
  static byte[] csr(String dn, KeyPair subject, KeyPair signing, String jcaAlg) throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(new X500Name(dn), subject.getPublic())
        .build(new JcaContentSignerBuilder(jcaAlg).build(signing.getPrivate()))
        .getEncoded();
  }

  static byte[] csr(String dn, KeyPair keys) throws Exception {
    return csr(dn, keys, keys, "SHA256withECDSA");
  }

  Lifecycle lifecycle() {
    return Lifecycle.builder().store(store).clock(clock).actor("ops").build();
  }

  void registerNode(Lifecycle lc, String nodeId, String region) throws Exception {
    lc.registerHardware(
        nodeId,
        Payload.of(
            "serial", "SX-" + nodeId, "model", "edge-4u", "region", region, "cluster", "c1"));
  }

  CertificateRequest deviceRequest(String nodeId, KeyPair keys) throws Exception {
    return CertificateRequest.newBuilder(CertificateProfile.DEVICE_IDENTITY)
        .csrDer(csr("SERIALNUMBER=SX-" + nodeId + ",O=Souverix", keys))
        .hardwareModuleName("1.3.6.1.4.1.55738.1", "SX-" + nodeId)
        .node(nodeId)
        .build();
  }

  TrustChainValidator validator(List<X509CRL> crls) {
    TrustChainValidator.Builder b =
        TrustChainValidator.newBuilder().trustAnchors(List.of(caCert)).clock(clock);
    if (!crls.isEmpty()) {
      b.crls(crls);
    }
    return b.build();
  }
}
