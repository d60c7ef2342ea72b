package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.internal.JcaSigner;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/**
 * Signs bytes with a private key the caller never sees: a certificate authority's key, the key of
 * an audit log's tree heads, the key of an attestation verifier. Implementations may keep the key
 * in memory, in a PKCS#12 file, in an HSM or behind a remote KMS.
 *
 * <p>An implementation is thread-safe. {@link #sign(byte[])} returns a signature that verifies with
 * {@link #publicKey()} under {@link #algorithm()} using the Java Cryptography Architecture (see
 * {@link SigningAlgorithm} for the encoding). {@link #keyId()} is stable for a key.
 *
 * @since 0.1
 */
public interface Signer {

  /**
   * Returns a stable identifier of the key. The in-memory signer uses the lower-case hex SHA-256 of
   * the DER-encoded SubjectPublicKeyInfo; other implementations may use their own identifiers.
   *
   * @return the key id; never empty
   */
  String keyId();

  /**
   * Returns the algorithm every signature of this signer uses.
   *
   * @return the algorithm
   */
  SigningAlgorithm algorithm();

  /**
   * Returns the public key that verifies this signer's signatures.
   *
   * @return the public key
   */
  PublicKey publicKey();

  /**
   * Signs a message.
   *
   * @param message the bytes to sign; not null, not modified
   * @return the signature
   * @throws SignerException if the key is unavailable or signing failed
   */
  byte[] sign(byte[] message) throws SignerException;

  /**
   * Creates a signer over a key pair held in memory, using the JDK's providers.
   *
   * @param keyPair the key pair; not null
   * @param algorithm the algorithm; must accept the key pair's public key
   * @return the signer
   * @throws IllegalArgumentException if the key does not fit the algorithm
   */
  static Signer inMemory(KeyPair keyPair, SigningAlgorithm algorithm) {
    return inMemory(keyPair, algorithm, null);
  }

  /**
   * Creates a signer over a key pair held in memory, using a given provider (for example Bouncy
   * Castle, which signs ECDSA several times faster than the JDK's SunEC on Java 17).
   *
   * @param keyPair the key pair; not null
   * @param algorithm the algorithm; must accept the key pair's public key
   * @param provider the provider, or null for the JDK's preference order
   * @return the signer
   * @throws IllegalArgumentException if the key does not fit the algorithm or the provider lacks it
   */
  static Signer inMemory(KeyPair keyPair, SigningAlgorithm algorithm, @Nullable Provider provider) {
    return JcaSigner.create(keyPair, algorithm, provider);
  }
}
