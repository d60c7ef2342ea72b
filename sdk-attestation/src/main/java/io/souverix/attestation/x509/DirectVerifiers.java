package io.souverix.attestation.x509;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * The verifiers of one issuer key: for RSA PKCS#1 v1.5, ECDSA and Ed25519 signatures a plain JCA
 * {@link Signature} of the Bouncy Castle provider, otherwise (RSA-PSS, unusual parameters) Bouncy
 * Castle's own provider. Bouncy Castle's {@code JcaContentVerifierProviderBuilder} pairs every RSA
 * and ECDSA verifier with a second, "raw" signature that it also verifies after the real one (for
 * PKCS#11 sessions) and whose result it discards: every signature cost two public-key operations.
 * The verdict is the same: the same provider's signature of the same name, initialised with the
 * same key, over the same bytes. RSA PKCS#1 v1.5 with SHA-2 goes through {@link JdkDigestRsa}:
 * Bouncy Castle's verification with the JDK's (hardware-accelerated) message digest.
 */
final class DirectVerifiers implements ContentVerifierProvider {
  /** Signature algorithm OID to the provider's signature name. */
  private static final Map<String, String> DIRECT =
      Map.of(
          "1.2.840.113549.1.1.11", "SHA256WITHRSA",
          "1.2.840.113549.1.1.12", "SHA384WITHRSA",
          "1.2.840.113549.1.1.13", "SHA512WITHRSA",
          "1.2.840.10045.4.3.2", "SHA256WITHECDSA",
          "1.2.840.10045.4.3.3", "SHA384WITHECDSA",
          "1.2.840.10045.4.3.4", "SHA512WITHECDSA",
          "1.3.101.112", "ED25519");

  private final PublicKey key;
  private final ContentVerifierProvider fallback;

  DirectVerifiers(PublicKey key, ContentVerifierProvider fallback) {
    this.key = key;
    this.fallback = fallback;
  }

  @Override
  public boolean hasAssociatedCertificate() {
    return fallback.hasAssociatedCertificate();
  }

  @Override
  public X509CertificateHolder getAssociatedCertificate() {
    return fallback.getAssociatedCertificate();
  }

  @Override
  public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    String name = DIRECT.get(algorithm.getAlgorithm().getId());
    ASN1Encodable params = algorithm.getParameters();
    boolean plain =
        params == null || (name != null && name.endsWith("RSA") && DERNull.INSTANCE.equals(params));
    if (name == null || !plain) {
      return fallback.get(algorithm);
    }
    if (name.endsWith("WITHRSA")) {
      JdkDigestRsa rsa;
      try {
        rsa = JdkDigestRsa.forVerification(algorithm.getAlgorithm().getId(), key);
      } catch (GeneralSecurityException e) {
        throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
      }
      if (rsa != null) {
        return rsaVerifier(algorithm, rsa);
      }
    }
    Signature signature;
    try {
      signature = Signature.getInstance(name, Keys.PROVIDER);
      signature.initVerify(key);
    } catch (GeneralSecurityException e) {
      throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
    }
    return contentVerifier(
        algorithm, OutputStreamFactory.createStream(signature), signature::verify);
  }

  private static ContentVerifier rsaVerifier(AlgorithmIdentifier algorithm, JdkDigestRsa rsa) {
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              rsa.update(b, off, len);
            } catch (SignatureException e) {
              throw new IOException(e.getMessage(), e);
            }
          }
        };
    return contentVerifier(algorithm, out, rsa::verify);
  }

  /** The final check of a signature: true if it verifies, an exception if it cannot be read. */
  @FunctionalInterface
  private interface SignatureCheck {
    boolean verify(byte[] signature) throws SignatureException;
  }

  private static ContentVerifier contentVerifier(
      AlgorithmIdentifier algorithm, OutputStream out, SignatureCheck check) {
    return new ContentVerifier() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return out;
      }

      @Override
      public boolean verify(byte[] expected) {
        try {
          return check.verify(expected);
        } catch (SignatureException e) {
          throw new RuntimeOperatorException("signature not verifiable: " + e.getMessage(), e);
        }
      }
    };
  }
}
