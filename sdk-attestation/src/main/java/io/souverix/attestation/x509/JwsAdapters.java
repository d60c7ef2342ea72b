package io.souverix.attestation.x509;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * Nimbus JOSE adapters over our {@link Signer} SPI and the JCA: ECDSA signatures are transcoded
 * between the DER of the JCA and the fixed-length {@code r || s} of JWS (RFC 7518 section 3.4).
 */
final class JwsAdapters {
  private JwsAdapters() {}

  static JWSAlgorithm jwsAlgorithm(SigningAlgorithm a) {
    return JWSAlgorithm.parse(a.jwsName());
  }

  static boolean isEcdsa(SigningAlgorithm a) {
    return a == SigningAlgorithm.ES256 || a == SigningAlgorithm.ES384;
  }

  /** A {@link JWSSigner} that signs with a {@link Signer}; its failure is the JOSE cause. */
  static JWSSigner signer(Signer signer) {
    SigningAlgorithm alg = signer.algorithm();
    JWSAlgorithm jws = jwsAlgorithm(alg);
    JCAContext context = new JCAContext();
    return new JWSSigner() {
      @Override
      public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!jws.equals(header.getAlgorithm())) {
          throw new JOSEException("header alg " + header.getAlgorithm() + " is not " + jws);
        }
        byte[] sig;
        try {
          sig = signer.sign(signingInput);
        } catch (SignerException e) {
          throw new JOSEException(e.getMessage(), e);
        }
        if (isEcdsa(alg)) {
          sig = ECDSA.transcodeSignatureToConcat(sig, ECDSA.getSignatureByteArrayLength(jws));
        }
        return Base64URL.encode(sig);
      }

      @Override
      public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(jws);
      }

      @Override
      public JCAContext getJCAContext() {
        return context;
      }
    };
  }

  /**
   * A {@link JWSVerifier} for one algorithm and key, through the JCA. The caller has checked that
   * the header's algorithm is {@code alg} and that {@code alg} fits {@code key}.
   */
  static JWSVerifier verifier(SigningAlgorithm alg, PublicKey key) {
    JWSAlgorithm jws = jwsAlgorithm(alg);
    JCAContext context = new JCAContext();
    return new JWSVerifier() {
      @Override
      public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
          throws JOSEException {
        if (!jws.equals(header.getAlgorithm())) {
          return false;
        }
        byte[] sig = signature.decode();
        if (isEcdsa(alg)) {
          if (sig.length != ECDSA.getSignatureByteArrayLength(jws)) {
            return false;
          }
          ECDSA.ensureLegalSignature(sig, jws); // r and s in [1, n-1]
          sig = ECDSA.transcodeSignatureToDER(sig);
        }
        try {
          Signature s = alg.newSignature(null);
          s.initVerify(key);
          s.update(signingInput);
          return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
          return false;
        }
      }

      @Override
      public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(jws);
      }

      @Override
      public JCAContext getJCAContext() {
        return context;
      }
    };
  }
}
