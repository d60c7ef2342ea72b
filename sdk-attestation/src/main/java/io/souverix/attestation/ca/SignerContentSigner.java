package io.souverix.attestation.ca;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * A Bouncy Castle {@link ContentSigner} over a {@link Signer}, so that certificates and CRLs are
 * signed by a key the SDK never holds. One instance signs one structure.
 *
 * <p>ES256/ES384 give {@code ecdsa-with-SHA256/384}, RS256 {@code sha256WithRSAEncryption}, PS256
 * {@code RSASSA-PSS} with SHA-256, MGF1-SHA-256 and a 32-byte salt, EdDSA {@code id-Ed25519}. The
 * signer's signatures are already in the X.509 encoding (DER {@code SEQUENCE {r, s}} for ECDSA).
 */
final class SignerContentSigner implements ContentSigner {
  private final Signer signer;
  private final AlgorithmIdentifier algorithm;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  SignerContentSigner(Signer signer) {
    this.signer = signer;
    this.algorithm = algorithmIdentifier(signer);
  }

  static AlgorithmIdentifier algorithmIdentifier(Signer signer) {
    String name =
        switch (signer.algorithm()) {
          case ES256 -> "SHA256withECDSA";
          case ES384 -> "SHA384withECDSA";
          case RS256 -> "SHA256withRSA";
          case PS256 -> "SHA256withRSAandMGF1";
          case ED25519 -> "Ed25519";
        };
    return new DefaultSignatureAlgorithmIdentifierFinder().find(name);
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getOutputStream() {
    return buffer;
  }

  @Override
  public byte[] getSignature() {
    try {
      return signer.sign(buffer.toByteArray());
    } catch (SignerException e) {
      // Bouncy Castle's builders allow only an unchecked exception here; the authority unwraps it.
      throw new SigningFailed(e);
    }
  }

  /** Carries a {@link SignerException} through Bouncy Castle's builders. */
  static final class SigningFailed extends RuntimeOperatorException {
    private static final long serialVersionUID = 1L;

    SigningFailed(SignerException cause) {
      super(
          String.format(Locale.ROOT, "signer failed (%s): %s", cause.code(), cause.getMessage()),
          cause);
    }

    SignerException signerException() {
      return (SignerException) getCause();
    }
  }
}
