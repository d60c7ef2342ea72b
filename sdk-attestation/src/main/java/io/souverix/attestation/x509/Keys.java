package io.souverix.attestation.x509;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jspecify.annotations.Nullable;

/** Public-key policy and signature verification with the Bouncy Castle provider. */
final class Keys {
  /** Not registered with {@link java.security.Security}: used only through this reference. */
  static final Provider PROVIDER = new BouncyCastleProvider();

  private static final String RSA = "1.2.840.113549.1.1.1";
  private static final String EC = "1.2.840.10045.2.1";
  private static final String ED25519 = "1.3.101.112";
  private static final Set<String> CURVES =
      Set.of("1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35"); // P-256, P-384, P-521

  private Keys() {}

  /** Checks a subject public key against the policy; null when acceptable. */
  static @Nullable Problem check(SubjectPublicKeyInfo spki, int minRsaBits) {
    String alg = spki.getAlgorithm().getAlgorithm().getId();
    ASN1Encodable params = spki.getAlgorithm().getParameters();
    try {
      switch (alg) {
        case RSA -> {
          int bits = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength();
          if (bits < minRsaBits || bits % 8 != 0) {
            return Problem.of(
                ReasonCode.WEAK_ALGORITHM,
                "public-key",
                "RSA modulus; expected at least %d bits and a multiple of 8, but got %d",
                minRsaBits,
                bits);
          }
          return null;
        }
        case EC -> {
          if (!(params instanceof ASN1ObjectIdentifier curve)) {
            return Problem.of(
                ReasonCode.WEAK_ALGORITHM,
                "public-key",
                "EC key; expected a named curve, but got explicit parameters");
          }
          if (!CURVES.contains(curve.getId())) {
            return Problem.of(
                ReasonCode.WEAK_ALGORITHM,
                "public-key",
                "EC curve; expected P-256, P-384 or P-521, but got %s",
                curve.getId());
          }
          return null;
        }
        case ED25519 -> {
          return null;
        }
        default -> {
          return Problem.of(
              ReasonCode.WEAK_ALGORITHM,
              "public-key",
              "public key algorithm; expected RSA, EC or Ed25519, but got %s",
              alg);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return Problem.of(ReasonCode.PARSE_ERROR, "public-key", "public key not parseable: %s", e);
    }
  }

  /**
   * A verifier for signatures made with {@code issuer}'s key; throws if the key is unusable. Built
   * from the SubjectPublicKeyInfo: building it from a certificate holder makes Bouncy Castle
   * re-encode and re-parse the whole certificate. Common algorithms verify through {@link
   * DirectVerifiers}, with one public-key operation per signature.
   */
  static ContentVerifierProvider verifier(ParsedCert issuer) throws Problem {
    SubjectPublicKeyInfo spki = issuer.publicKeyInfo();
    JcaContentVerifierProviderBuilder builder =
        new JcaContentVerifierProviderBuilder().setProvider(PROVIDER);
    try {
      PublicKey key;
      try {
        key =
            KeyFactory.getInstance(spki.getAlgorithm().getAlgorithm().getId(), PROVIDER)
                .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
      } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
        return builder.build(spki); // Bouncy Castle's own conversion decides
      }
      return new DirectVerifiers(key, builder.build(key));
    } catch (Exception e) {
      throw Problem.of(
          ReasonCode.SIGNATURE_INVALID, "signature", "issuer key unusable: %s", e.getMessage());
    }
  }

  /**
   * True if {@code child}'s signature verifies with the given verifier. The signature is checked
   * over the tbsCertificate bytes as received (what the issuer signed), sliced from the
   * certificate's encoding rather than re-encoded.
   */
  static boolean verifies(ParsedCert child, ContentVerifierProvider verifier) {
    try {
      ContentVerifier v = verifier.get(child.bc.getTBSCertificate().getSignature());
      int[] span = tbsSpan(child.der);
      try (OutputStream out = v.getOutputStream()) {
        if (span != null) {
          out.write(child.der, span[0], span[1]);
        } else {
          child.bc.getTBSCertificate().encodeTo(out, ASN1Encoding.DER);
        }
      }
      return v.verify(child.bc.getSignature().getOctets());
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Offset and length of the tbsCertificate (the first element of the outer SEQUENCE) in a
   * certificate's encoding; null unless both use definite lengths.
   */
  static int @Nullable [] tbsSpan(byte[] der) {
    int[] outer = header(der, 0);
    if (outer == null) {
      return null;
    }
    int[] tbs = header(der, outer[0]);
    if (tbs == null || tbs[0] + tbs[1] > der.length) {
      return null;
    }
    return new int[] {outer[0], tbs[0] - outer[0] + tbs[1]};
  }

  /** For the SEQUENCE at {@code at}: {content offset, content length}; null if not definite. */
  private static int @Nullable [] header(byte[] der, int at) {
    if (at + 2 > der.length || der[at] != 0x30) {
      return null;
    }
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {at + 2, first};
    }
    int n = first & 0x7f;
    if (n == 0 || n > 3 || at + 2 + n > der.length) {
      return null;
    }
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = (len << 8) | (der[at + 2 + i] & 0xff);
    }
    return new int[] {at + 2 + n, len};
  }
}
