package io.souverix.supplychain.hardware;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A small real PKI for tests: roots, CAs and signing certificates with P-256 keys. */
public final class TestPki {
  /** The validation time of every test. */
  public static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");

  private static final AtomicLong SERIAL = new AtomicLong(1);

  private TestPki() {}

  /** A certificate and its key pair. */
  public record Issued(X509Certificate cert, KeyPair keys) {}

  /** A fresh P-256 key pair. */
  public static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A self-signed root CA. */
  public static Issued root(String cn) throws Exception {
    KeyPair k = ecKey();
    return new Issued(build(cn, "CN=" + cn, k, k, true), k);
  }

  /** A CA issued by another. */
  public static Issued ca(String cn, Issued issuer) throws Exception {
    KeyPair k = ecKey();
    return new Issued(
        build(cn, issuer.cert().getSubjectX500Principal().getName(), k, issuer.keys(), true), k);
  }

  /** A signing (end-entity) certificate issued by a CA. */
  public static Issued signing(String cn, Issued issuer) throws Exception {
    KeyPair k = ecKey();
    return new Issued(
        build(cn, issuer.cert().getSubjectX500Principal().getName(), k, issuer.keys(), false), k);
  }

  private static X509Certificate build(
      String cn, String issuerDn, KeyPair subject, KeyPair issuer, boolean ca) throws Exception {
    String dn = cn.startsWith("CN=") ? cn : "CN=" + cn;
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Principal(issuerDn),
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(NOW.minus(Duration.ofDays(30))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            new X500Principal(dn),
            subject.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subject.getPublic()));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        ext.createAuthorityKeyIdentifier(issuer.getPublic()));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  /** A chain validator over sdk-attestation's RFC 5280 validator, trusting the given roots. */
  public static ChainValidator validator(X509Certificate... roots) {
    // The JDK's PKIX stands in for the host's validator: this module's tests must not depend on
    // sdk-attestation (its tests depend on the conformance kit, whose tests depend on this module).
    return chain -> {
      try {
        java.util.Set<java.security.cert.TrustAnchor> anchors = new java.util.HashSet<>();
        for (X509Certificate r : roots) {
          anchors.add(new java.security.cert.TrustAnchor(r, null));
        }
        java.security.cert.PKIXParameters params = new java.security.cert.PKIXParameters(anchors);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW));
        List<X509Certificate> path = new java.util.ArrayList<>(chain);
        path.removeIf(c -> List.of(roots).contains(c));
        java.security.cert.CertPath certPath =
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertPath(path);
        java.security.cert.CertPathValidator.getInstance("PKIX").validate(certPath, params);
        return ChainVerdict.ok();
      } catch (java.security.cert.CertPathValidatorException e) {
        return ChainVerdict.rejected(String.valueOf(e.getReason()), e.getMessage());
      } catch (java.security.GeneralSecurityException e) {
        return ChainVerdict.rejected("UNDETERMINED", e.getMessage());
      }
    };
  }
}
