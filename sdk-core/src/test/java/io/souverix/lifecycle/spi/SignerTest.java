package io.souverix.lifecycle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerTest {

  static KeyPair keyPairFor(SigningAlgorithm algorithm) throws Exception {
    return switch (algorithm) {
      case ES256, ES384 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(
            new ECGenParameterSpec(
                algorithm == SigningAlgorithm.ES256 ? "secp256r1" : "secp384r1"));
        yield g.generateKeyPair();
      }
      case RS256, PS256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        yield g.generateKeyPair();
      }
      case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    };
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void inMemory_signature_verifiesWithPublicKeyAndNotOverOtherBytes(SigningAlgorithm algorithm)
      throws Exception {
    Signer signer = Signer.inMemory(keyPairFor(algorithm), algorithm);
    byte[] message = "tree head 42".getBytes(StandardCharsets.UTF_8);

    byte[] signature = signer.sign(message);

    Signature verify = algorithm.newSignature(null);
    verify.initVerify(signer.publicKey());
    verify.update(message);
    assertThat(verify.verify(signature)).isTrue();
    verify.initVerify(signer.publicKey());
    verify.update("tree head 43".getBytes(StandardCharsets.UTF_8));
    assertThat(verify.verify(signature)).isFalse();
    assertThat(signer.algorithm()).isEqualTo(algorithm);
  }

  @Test
  void keyId_isSha256OfSubjectPublicKeyInfo_andStable() throws Exception {
    KeyPair keyPair = keyPairFor(SigningAlgorithm.ES256);

    Signer a = Signer.inMemory(keyPair, SigningAlgorithm.ES256);
    Signer b = Signer.inMemory(keyPair, SigningAlgorithm.ES256);

    assertThat(a.keyId()).hasSize(64).matches("[0-9a-f]+").isEqualTo(b.keyId());
    assertThat(a.keyId())
        .isNotEqualTo(
            Signer.inMemory(keyPairFor(SigningAlgorithm.ES256), SigningAlgorithm.ES256).keyId());
  }

  @Test
  void inMemory_keyOfWrongType_isRejected() throws Exception {
    KeyPair ec = keyPairFor(SigningAlgorithm.ES256);

    assertThatThrownBy(() -> Signer.inMemory(ec, SigningAlgorithm.RS256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RS256");
    assertThatThrownBy(() -> Signer.inMemory(ec, SigningAlgorithm.ES384))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inMemory_rsaKeyBelow2048Bits_isRejected() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    KeyPair weak = g.generateKeyPair();

    assertThatThrownBy(() -> Signer.inMemory(weak, SigningAlgorithm.PS256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwsName_none_isRejected() {
    assertThat(SigningAlgorithm.fromJwsName("EdDSA")).isEqualTo(SigningAlgorithm.ED25519);
    assertThatThrownBy(() -> SigningAlgorithm.fromJwsName("none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none");
  }
}
