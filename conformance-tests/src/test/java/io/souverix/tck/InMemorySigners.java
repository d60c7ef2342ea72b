package io.souverix.tck;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;

/** Key pairs for each {@link SigningAlgorithm}, generated once per JVM, and in-memory signers. */
final class InMemorySigners {
  private static final Map<SigningAlgorithm, KeyPair> KEYS = new EnumMap<>(SigningAlgorithm.class);

  private InMemorySigners() {}

  static synchronized KeyPair keyPair(SigningAlgorithm alg) throws GeneralSecurityException {
    KeyPair k = KEYS.get(alg);
    if (k == null) {
      KeyPairGenerator g;
      switch (alg) {
        case ES256, ES384 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(
              new ECGenParameterSpec(alg == SigningAlgorithm.ES256 ? "secp256r1" : "secp384r1"));
        }
        case RS256, PS256 -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048);
        }
        case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
        default -> throw new IllegalArgumentException(alg.name());
      }
      k = g.generateKeyPair();
      KEYS.put(alg, k);
    }
    return k;
  }

  static Signer signer(SigningAlgorithm alg) throws GeneralSecurityException {
    return Signer.inMemory(keyPair(alg), alg);
  }
}
