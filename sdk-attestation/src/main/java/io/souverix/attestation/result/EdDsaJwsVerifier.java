package io.souverix.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * Verifies EdDSA (Ed25519) JWS signatures through the JCA. Nimbus's own Ed25519 verifier needs
 * Google Tink, which is not a dependency of this module.
 */
final class EdDsaJwsVerifier implements JWSVerifier {
  private final PublicKey key;
  private final JCAContext jcaContext = new JCAContext();

  EdDsaJwsVerifier(PublicKey key) {
    this.key = key;
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature)
      throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
      return false;
    }
    byte[] sig = signature.decode();
    if (sig.length != 64) {
      return false;
    }
    try {
      Signature v = SigningAlgorithm.ED25519.newSignature(jcaContext.getProvider());
      v.initVerify(key);
      v.update(signedContent);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA);
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
