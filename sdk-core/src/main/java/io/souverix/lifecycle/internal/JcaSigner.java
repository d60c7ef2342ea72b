package io.souverix.lifecycle.internal;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@link Signer#inMemory}: a key pair in memory, one {@link Signature} object per call. */
public final class JcaSigner implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final SigningAlgorithm algorithm;
  private final @Nullable Provider provider;
  private final String keyId;

  private JcaSigner(KeyPair keyPair, SigningAlgorithm algorithm, @Nullable Provider provider) {
    this.privateKey = keyPair.getPrivate();
    this.publicKey = keyPair.getPublic();
    this.algorithm = algorithm;
    this.provider = provider;
    this.keyId = Sha256.hex(publicKey.getEncoded());
  }

  /**
   * Creates the signer after checking that the key fits and the provider can sign.
   *
   * @param keyPair the key pair
   * @param algorithm the algorithm
   * @param provider the provider or null
   * @return the signer
   */
  public static Signer create(
      KeyPair keyPair, SigningAlgorithm algorithm, @Nullable Provider provider) {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(algorithm, "algorithm");
    if (keyPair.getPublic() == null || keyPair.getPrivate() == null) {
      throw new IllegalArgumentException("key pair; expected a public and a private key");
    }
    if (!algorithm.accepts(keyPair.getPublic())) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "key for %s; expected a matching key type and size, but got a %s key",
              algorithm.jwsName(),
              keyPair.getPublic().getAlgorithm()));
    }
    try {
      algorithm.newSignature(provider).initSign(keyPair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "signing with %s; expected the provider to support it, but got %s",
              algorithm.jwsName(),
              e.getMessage()),
          e);
    }
    return new JcaSigner(keyPair, algorithm, provider);
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] message) throws SignerException {
    Objects.requireNonNull(message, "message");
    try {
      Signature signature = algorithm.newSignature(provider);
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw SignerException.of(
          SignerException.Code.SIGNING_FAILED, "signing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Signer[" + algorithm.jwsName() + ", keyId=" + keyId + "]";
  }
}
