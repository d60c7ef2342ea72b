package io.souverix.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.attestation.result.AttestationResult;
import io.souverix.attestation.result.AttestationResultSigner;
import io.souverix.attestation.result.AttestationResultVerifier;
import io.souverix.attestation.result.Tier;
import io.souverix.attestation.result.TrustClaim;
import io.souverix.attestation.result.VerifiedAttestationResult;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Attestation-result JWT verification through {@link AttestationResultVerifier} (parse, header
 * checks, key selection, Nimbus ES256 verify on Bouncy Castle, claim checks, EAR mapping) against
 * the raw ES256 signature verification of the same signing input and DER signature, with Bouncy
 * Castle ({@code es256Raw}) and with the JDK's SunEC ({@code sunEcRaw}) in the same run, each with
 * its provider's own key class and a reused {@link Signature}. {@code sunEcVerifier} is our
 * verifier on SunEC. Scores are verifications per second; the target is our verification (Bouncy
 * Castle) &gt;= 80% of the fastest raw verify.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AttestationResultVerifyBenchmark {
  /** The target: our verification at least 80% of the fastest raw ES256 verify. */
  public static final double TARGET_RATIO = 0.8;

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  String token;
  byte[] signingInput;
  byte[] derSignature;
  PublicKey publicKey;
  Provider bouncyCastle;
  Provider sunEc;
  PublicKey bcKey;
  Signature bcSignature;
  Signature sunEcSignature;
  AttestationResultVerifier verifier;
  AttestationResultVerifier sunEcVerifier;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    Signer signer = Signer.inMemory(keys, SigningAlgorithm.ES256);
    AttestationResult result =
        AttestationResult.newBuilder()
            .issuer("https://verifier.souverix.test")
            .subject("node-000042")
            .nonce("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
            .issuedAt(NOW)
            .expiresAt(NOW.plusSeconds(3600))
            .audience("fleet-controller")
            .claim(TrustClaim.INSTANCE_IDENTITY, Tier.AFFIRMING, "recognised TPM EK")
            .claim(TrustClaim.HARDWARE, Tier.AFFIRMING, "genuine platform")
            .claim(TrustClaim.EXECUTABLES, Tier.AFFIRMING, "boot chain matches golden PCRs")
            .claim(TrustClaim.CONFIGURATION, Tier.AFFIRMING, "approved configuration")
            .claim(TrustClaim.FILE_SYSTEM, Tier.AFFIRMING, "")
            .build();
    token = AttestationResultSigner.create(signer).sign(result);
    int dot = token.lastIndexOf('.');
    signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    derSignature = ECDSA.transcodeSignatureToDER(new Base64URL(token.substring(dot + 1)).decode());
    publicKey = keys.getPublic();
    bouncyCastle = new BouncyCastleProvider();
    sunEc = Security.getProvider("SunEC");
    // The fastest raw verify: each provider's own key class (a foreign key is converted on every
    // initVerify) and one Signature object per provider, reused.
    bcKey =
        KeyFactory.getInstance("EC", bouncyCastle)
            .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
    bcSignature = Signature.getInstance("SHA256withECDSA", bouncyCastle);
    sunEcSignature = Signature.getInstance("SHA256withECDSA", sunEc);
    Clock clock = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
    verifier =
        AttestationResultVerifier.newBuilder()
            .key(signer.keyId(), publicKey)
            .clock(clock)
            .expectedIssuer("https://verifier.souverix.test")
            .expectedAudience("fleet-controller")
            .provider(bouncyCastle)
            .build();
    sunEcVerifier =
        AttestationResultVerifier.newBuilder()
            .key(signer.keyId(), publicKey)
            .clock(clock)
            .provider(sunEc)
            .build();
    if (!es256Raw() || !sunEcRaw() || !es256Verifier().result().isAffirming()) {
      throw new IllegalStateException("the benchmark's token does not verify");
    }
    if (ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES256) != 64) {
      throw new IllegalStateException("unexpected ES256 signature length");
    }
  }

  /** Our verifier, Bouncy Castle underneath: the whole token, from its compact form. */
  @Benchmark
  public VerifiedAttestationResult es256Verifier() throws Exception {
    return verifier.verify(token);
  }

  /** Raw ES256 with Bouncy Castle: one signature check over the same bytes. */
  @Benchmark
  public boolean es256Raw() throws GeneralSecurityException {
    return rawVerify(bcSignature, bcKey);
  }

  /** Our verifier on the JDK's SunEC. */
  @Benchmark
  public VerifiedAttestationResult sunEcVerifier() throws Exception {
    return sunEcVerifier.verify(token);
  }

  /** Raw ES256 with the JDK's SunEC. */
  @Benchmark
  public boolean sunEcRaw() throws GeneralSecurityException {
    return rawVerify(sunEcSignature, publicKey);
  }

  private boolean rawVerify(Signature s, PublicKey key) throws GeneralSecurityException {
    s.initVerify(key);
    s.update(signingInput);
    return s.verify(derSignature);
  }
}
