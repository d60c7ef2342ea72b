package io.souverix.attestation.result;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, results, key sets, certificates and hand-made tokens for the result tests. */
final class ResultFixtures {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final String ISSUER = "https://verifier.souverix.test";
  static final String NODE = "node-000042";
  static final byte[] NONCE = "nonce-0123456789".getBytes(StandardCharsets.US_ASCII);
  private static final AtomicLong SERIAL = new AtomicLong(100);

  private ResultFixtures() {}

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair edKeys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Signer es256(KeyPair keys) {
    return Signer.inMemory(keys, SigningAlgorithm.ES256);
  }

  static Signer eddsa(KeyPair keys) {
    return Signer.inMemory(keys, SigningAlgorithm.ED25519);
  }

  /** An affirming result issued at NOW, valid for an hour. */
  static AttestationResult.Builder affirming() {
    return AttestationResult.newBuilder()
        .issuer(ISSUER)
        .subject(NODE)
        .nonce(NONCE)
        .issuedAt(NOW)
        .expiresAt(NOW.plus(Duration.ofHours(1)))
        .claim(TrustClaim.INSTANCE_IDENTITY, Tier.AFFIRMING, "recognised TPM EK")
        .claim(TrustClaim.EXECUTABLES, new ClaimAppraisal(3, "boot chain matches golden PCRs"))
        .claim(TrustClaim.HARDWARE, Tier.AFFIRMING, "");
  }

  /** A JWK Set holding the public keys, named by their Signer key ids. */
  static String jwkSet(Signer... signers) {
    return new JWKSet(Arrays.stream(signers).map(ResultFixtures::jwk).toList()).toString();
  }

  static JWK jwk(Signer s) {
    PublicKey key = s.publicKey();
    if (key instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.P_256, ec).keyID(s.keyId()).build();
    }
    byte[] spki = key.getEncoded();
    byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(s.keyId()).build();
  }

  /** The claims our signer would write for a result, as a mutable JSON object. */
  static Map<String, Object> claims(AttestationResult r) {
    return ResultClaims.toClaims(r).toJSONObject();
  }

  /** A compact JWS with any header and claims, signed by {@code signer} (ECDSA made r||s). */
  static String token(Signer signer, Map<String, Object> header, Map<String, Object> claims) {
    String input =
        Base64URL.encode(JSONObjectUtils.toJSONString(header)).toString()
            + "."
            + Base64URL.encode(JSONObjectUtils.toJSONString(claims)).toString();
    try {
      byte[] sig = signer.sign(input.getBytes(StandardCharsets.US_ASCII));
      if (signer.algorithm() == SigningAlgorithm.ES256) {
        sig =
            ECDSA.transcodeSignatureToConcat(
                sig, ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES256));
      }
      return input + "." + Base64URL.encode(sig);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A certificate authority: its certificate and keys. */
  record Ca(X509Certificate cert, KeyPair keys) {}

  static Ca root(String cn) {
    KeyPair keys = ecKeys();
    return new Ca(certificate(cn, keys.getPublic(), cn, keys, true), keys);
  }

  static X509Certificate leaf(String cn, PublicKey key, Ca issuer) {
    return certificate(
        cn, key, issuer.cert().getSubjectX500Principal().getName(), issuer.keys(), false);
  }

  private static X509Certificate certificate(
      String cn, PublicKey key, String issuerDn, KeyPair issuerKeys, boolean ca) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuerDn.startsWith("CN=") ? issuerDn : "CN=" + issuerDn),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(NOW.minus(Duration.ofDays(1))),
              Date.from(NOW.plus(Duration.ofDays(365))),
              new X500Name("CN=" + cn),
              key);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      if (!ca || !issuerKeys.getPublic().equals(key)) {
        b.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static List<X509Certificate> chain(X509Certificate... certs) {
    return List.of(certs);
  }
}
