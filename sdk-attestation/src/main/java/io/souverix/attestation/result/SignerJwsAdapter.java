package io.souverix.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.util.Locale;
import java.util.Set;

/**
 * A Nimbus {@link JWSSigner} over our {@link Signer} SPI: the private key stays behind the SPI. The
 * SPI's DER-encoded ECDSA signatures are transcoded to the fixed-length {@code r || s} of JWS (RFC
 * 7518, section 3.4).
 */
final class SignerJwsAdapter implements JWSSigner {
  private final Signer signer;
  private final JWSAlgorithm algorithm;
  private final JCAContext jcaContext = new JCAContext();

  SignerJwsAdapter(Signer signer) {
    this.signer = signer;
    this.algorithm = JWSAlgorithm.parse(signer.algorithm().jwsName());
  }

  JWSAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!algorithm.equals(header.getAlgorithm())) {
      throw new JOSEException(
          String.format(
              Locale.ROOT,
              "JWS alg; expected %s (the signer's), but got %s",
              algorithm,
              header.getAlgorithm()));
    }
    byte[] signature;
    try {
      signature = signer.sign(signingInput);
    } catch (SignerException e) {
      throw new JOSEException(e.getMessage(), e);
    }
    SigningAlgorithm alg = signer.algorithm();
    if (alg == SigningAlgorithm.ES256 || alg == SigningAlgorithm.ES384) {
      signature =
          ECDSA.transcodeSignatureToConcat(signature, ECDSA.getSignatureByteArrayLength(algorithm));
    }
    return Base64URL.encode(signature);
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(algorithm);
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
