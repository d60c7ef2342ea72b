package io.souverix.attestation.audit;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key pairs and signers for the audit log tests, generated once per JVM. */
final class TestKeys {
  static final KeyPair ED25519 = generate("Ed25519");
  static final KeyPair ED25519_OTHER = generate("Ed25519");
  static final KeyPair P256 = generateEc();

  private TestKeys() {}

  static Signer ed25519() {
    return Signer.inMemory(ED25519, SigningAlgorithm.ED25519);
  }

  static Signer es256() {
    return Signer.inMemory(P256, SigningAlgorithm.ES256);
  }

  private static KeyPair generate(String alg) {
    try {
      return KeyPairGenerator.getInstance(alg).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static KeyPair generateEc() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
