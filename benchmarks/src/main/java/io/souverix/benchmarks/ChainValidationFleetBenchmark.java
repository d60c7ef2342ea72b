package io.souverix.benchmarks;

import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.TrustChainValidator;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
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
 * The fleet case of chain validation: many device leaves under one issuing CA. Every invocation
 * validates the next of {@value #LEAVES} distinct leaves with the one intermediate, both parsed
 * fresh from DER, as in {@link ChainValidationBenchmark}, whose uncached figures stay the main
 * ones.
 *
 * <ul>
 *   <li>{@code validateRaw}: the JDK's PKIX, revocation off (the baseline). The JDK's certificate
 *       factory returns its cached object for the intermediate's encoding, and that object
 *       remembers its last successful signature check, so the JDK verifies the intermediate's
 *       signature once, like the cache below.
 *   <li>{@code validateSouverix}: our validator without a signature cache: both signatures verified
 *       on every invocation.
 *   <li>{@code validateCached}: our validator with a signature cache of {@value #CACHE_ENTRIES}
 *       entries, fewer than the leaves cycled through: the intermediate's signature by the root is
 *       verified once and then found in the cache (it is used by every validation, so it is never
 *       the least recently used), every leaf's signature is verified every time (evicted before the
 *       leaf comes round again).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChainValidationFleetBenchmark {
  /** The target: our validator at least 5 times the chains/s of the JDK's PKIX. */
  public static final double TARGET_RATIO = ChainValidationBenchmark.TARGET_RATIO;

  /** Distinct leaves cycled through, more than the cache holds. */
  static final int LEAVES = 1024;

  /** Entries of the cached validator's signature cache. */
  static final int CACHE_ENTRIES = 256;

  /** The key type of every certificate in the hierarchy. */
  @Param({"EC_P256", "RSA_2048"})
  public String keys;

  byte[][] leaves;
  byte[] intermediate;
  TrustChainValidator souverix;
  TrustChainValidator cached;
  CertPathValidator pkix;
  PKIXParameters pkixParameters;
  CertificateFactory factory;
  int next;

  /** Leaves generated; fewer in the build's smoke test. */
  int leafCount = LEAVES;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean ec = keys.equals("EC_P256");
    String sigAlg = ec ? "SHA256withECDSA" : "SHA256withRSA";
    KeyPair rootKeys = ChainValidationBenchmark.keyPair(ec);
    KeyPair caKeys = ChainValidationBenchmark.keyPair(ec);
    KeyPair leafKeys = ChainValidationBenchmark.keyPair(ec);
    X500Name rootName = new X500Name("CN=Fleet Root,O=Souverix");
    X500Name caName = new X500Name("CN=Fleet Issuing CA,O=Souverix");
    factory = CertificateFactory.getInstance("X.509");
    X509Certificate root =
        parse(
            ChainValidationBenchmark.cert(rootName, rootKeys, rootName, rootKeys, 1, true, sigAlg));
    intermediate =
        ChainValidationBenchmark.cert(caName, caKeys, rootName, rootKeys, 2, true, sigAlg);
    leaves = new byte[leafCount][];
    for (int i = 0; i < leafCount; i++) {
      leaves[i] =
          ChainValidationBenchmark.cert(
              new X500Name("CN=device-" + i + ".fleet.example,O=Souverix"),
              leafKeys,
              caName,
              caKeys,
              30_000 + i,
              false,
              sigAlg);
    }
    souverix =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root))
            .validationTime(ChainValidationBenchmark.NOW)
            .build();
    cached =
        TrustChainValidator.newBuilder()
            .trustAnchors(List.of(root))
            .validationTime(ChainValidationBenchmark.NOW)
            .signatureCache(CACHE_ENTRIES)
            .build();
    pkix = CertPathValidator.getInstance("PKIX");
    pkixParameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    pkixParameters.setRevocationEnabled(false);
    pkixParameters.setDate(Date.from(ChainValidationBenchmark.NOW));

    for (ChainVerification v : List.of(validateSouverix(), validateCached())) {
      if (!v.isValid()) {
        throw new IllegalStateException("our validator rejects the chain: " + v);
      }
    }
    validateRaw(); // throws if the JDK rejects it
  }

  /** The JDK baseline: PKIX validation of the next leaf with the intermediate, revocation off. */
  @Benchmark
  public Object validateRaw() throws GeneralSecurityException {
    int i = next();
    CertPath path = factory.generateCertPath(List.of(parse(leaves[i]), parse(intermediate)));
    return pkix.validate(path, pkixParameters);
  }

  /** Our validator without a signature cache: both signatures verified every time. */
  @Benchmark
  public ChainVerification validateSouverix() throws GeneralSecurityException {
    int i = next();
    return souverix.validate(parse(leaves[i]), List.of(parse(intermediate)));
  }

  /** Our validator with a signature cache: the intermediate's signature is found in it. */
  @Benchmark
  public ChainVerification validateCached() throws GeneralSecurityException {
    int i = next();
    return cached.validate(parse(leaves[i]), List.of(parse(intermediate)));
  }

  private int next() {
    int i = next;
    next = (i + 1) % leafCount;
    return i;
  }

  private X509Certificate parse(byte[] der) throws GeneralSecurityException {
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
  }
}
