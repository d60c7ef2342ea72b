package io.souverix.benchmarks;

import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.TrustChainValidator;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validation of a 3-certificate chain (root, intermediate, leaf) by our {@link TrustChainValidator}
 * ({@code validateSouverix}) against the JDK's PKIX {@link CertPathValidator} with revocation off
 * ({@code validateRaw}, the baseline), with the same chains, the same trust anchor and the same
 * validation time, for ECDSA P-256 and RSA-2048 hierarchies. Both score chains per second; the
 * target is ours &gt;= 5x the JDK.
 *
 * <p>Every invocation takes the next of {@value #CHAINS} distinct chains (distinct intermediate and
 * leaf encodings) as DER and parses them with the JDK's {@code CertificateFactory}, for both
 * validators: the JDK caches parsed certificates by encoding (750 entries) and a certificate's last
 * signature verification, so re-validating the same objects would measure those caches, not
 * validation. {@code parseRaw} measures that shared parsing alone; {@code verifyBc} and {@code
 * verifySun} the providers' raw signature verifications per second (one verification each, same key
 * and signature every time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChainValidationBenchmark {
  /** The target: our validator at least 5 times the chains/s of the JDK's PKIX. */
  public static final double TARGET_RATIO = 5.0;

  /** Distinct chains cycled through: 2,048 encodings, more than the JDK's parse cache holds. */
  static final int CHAINS = 1024;

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  /** The key type of every certificate in the hierarchy. */
  @Param({"EC_P256", "RSA_2048"})
  public String keys;

  byte[][] leaves;
  byte[][] intermediates;
  X509Certificate root;
  TrustChainValidator souverix;
  CertPathValidator pkix;
  PKIXParameters pkixParameters;
  CertificateFactory factory;
  int next;

  /** Chains generated; fewer in the build's smoke test. */
  int chains = CHAINS;

  // raw signature verification: the first leaf's signature with its intermediate's key
  byte[] tbs;
  byte[] signature;
  PublicKey issuerKey;
  Signature bcVerifier;
  Signature sunVerifier;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean ec = keys.equals("EC_P256");
    String sigAlg = ec ? "SHA256withECDSA" : "SHA256withRSA";
    KeyPair rootKeys = keyPair(ec);
    KeyPair caKeys = keyPair(ec);
    KeyPair leafKeys = keyPair(ec);
    X500Name rootName = new X500Name("CN=Bench Root,O=Souverix");
    X500Name caName = new X500Name("CN=Bench Issuing CA,O=Souverix");
    factory = CertificateFactory.getInstance("X.509");
    root = parse(cert(rootName, rootKeys, rootName, rootKeys, 1, true, sigAlg));
    leaves = new byte[chains][];
    intermediates = new byte[chains][];
    for (int i = 0; i < chains; i++) {
      intermediates[i] = cert(caName, caKeys, rootName, rootKeys, 10_000 + i, true, sigAlg);
      leaves[i] =
          cert(
              new X500Name("CN=node-" + i + ".fleet.example,O=Souverix"),
              leafKeys,
              caName,
              caKeys,
              20_000 + i,
              false,
              sigAlg);
    }
    souverix =
        TrustChainValidator.newBuilder().trustAnchors(List.of(root)).validationTime(NOW).build();
    pkix = CertPathValidator.getInstance("PKIX");
    pkixParameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    pkixParameters.setRevocationEnabled(false);
    pkixParameters.setDate(Date.from(NOW));

    X509Certificate leaf0 = parse(leaves[0]);
    tbs = leaf0.getTBSCertificate();
    signature = leaf0.getSignature();
    issuerKey = parse(intermediates[0]).getPublicKey();
    bcVerifier = Signature.getInstance(sigAlg, BC);
    sunVerifier = Signature.getInstance(sigAlg, ec ? "SunEC" : "SunRsaSign");

    ChainVerification v = validateSouverix();
    if (!v.isValid()) {
      throw new IllegalStateException("our validator rejects the chain: " + v);
    }
    validateRaw(); // throws if the JDK rejects it
    if (!verifyBc() || !verifySun()) {
      throw new IllegalStateException("raw signature verification failed");
    }
  }

  /** The JDK baseline: PKIX validation of the next chain, revocation off. */
  @Benchmark
  public Object validateRaw() throws GeneralSecurityException {
    int i = next();
    CertPath path = factory.generateCertPath(List.of(parse(leaves[i]), parse(intermediates[i])));
    return pkix.validate(path, pkixParameters);
  }

  /** Our validator on the next chain: path building included. */
  @Benchmark
  public ChainVerification validateSouverix() throws GeneralSecurityException {
    int i = next();
    return souverix.validate(parse(leaves[i]), List.of(parse(intermediates[i])));
  }

  /** What both validators share: parsing the leaf and intermediate DER into certificates. */
  @Benchmark
  public Object parseRaw() throws GeneralSecurityException {
    int i = next();
    return List.of(parse(leaves[i]), parse(intermediates[i]));
  }

  /** One signature verification with Bouncy Castle (the provider our validator uses). */
  @Benchmark
  public boolean verifyBc() throws GeneralSecurityException {
    bcVerifier.initVerify(issuerKey);
    bcVerifier.update(tbs);
    return bcVerifier.verify(signature);
  }

  /** One signature verification with the JDK's provider (SunEC or SunRsaSign). */
  @Benchmark
  public boolean verifySun() throws GeneralSecurityException {
    sunVerifier.initVerify(issuerKey);
    sunVerifier.update(tbs);
    return sunVerifier.verify(signature);
  }

  private int next() {
    int i = next;
    next = (i + 1) % chains;
    return i;
  }

  private X509Certificate parse(byte[] der) throws GeneralSecurityException {
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
  }

  static KeyPair keyPair(boolean ec) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
    if (ec) {
      g.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      g.initialize(2048);
    }
    return g.generateKeyPair();
  }

  /** A DER certificate shaped like a real one: SKI/AKI, key usage, and for a leaf EKU and SAN. */
  static byte[] cert(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      KeyPair issuerKeys,
      long serial,
      boolean ca,
      String sigAlg)
      throws Exception {
    JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(serial),
            Date.from(NOW.minus(Duration.ofDays(365))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            subject,
            SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    b.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        u.createSubjectKeyIdentifier(subjectKeys.getPublic()));
    if (subjectKeys != issuerKeys) {
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          u.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    }
    if (!ca) {
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "node.fleet.example")));
    }
    return b.build(new JcaContentSignerBuilder(sigAlg).build(issuerKeys.getPrivate())).getEncoded();
  }
}
