package io.souverix.tck;

/**
 * Every rule of the {@link io.souverix.lifecycle.spi.Signer} conformance kit, one method each.
 * {@link SignerVerification} implements this interface, so that a rule cannot disappear from the
 * kit without the compiler noticing. The rules are listed in {@code docs/conformance.md}.
 *
 * @since 0.1
 */
public interface SignerVerificationRules {
  /**
   * SG-1.1 a signature verifies with publicKey() under algorithm(), through the JCA.
   *
   * <p>If this fails, check that the signer signs with the private key matching publicKey() and
   * with the encoding {@code SigningAlgorithm} documents (DER for ECDSA).
   *
   * @throws Throwable when the rule is violated
   */
  void required_SG101_signatureVerifiesWithThePublicKey() throws Throwable;

  /**
   * SG-1.2 the signature of one message does not verify another, either way.
   *
   * <p>If this fails, check that the whole message is signed (not a prefix, not a constant).
   *
   * @throws Throwable when the rule is violated
   */
  void required_SG102_signaturesDoNotCrossVerify() throws Throwable;

  /**
   * SG-1.3 the empty message can be signed, and its signature verifies.
   *
   * <p>If this fails, check for a special case of zero-length input.
   *
   * @throws Throwable when the rule is violated
   */
  void required_SG103_emptyMessageIsSigned() throws Throwable;

  /**
   * SG-1.4 keyId() is non-blank and stable, and publicKey() and algorithm() do not change.
   *
   * <p>If this fails, derive the key id from the key, not from the call.
   *
   * @throws Throwable when the rule is violated
   */
  void required_SG104_keyIdIsStable() throws Throwable;

  /**
   * SG-1.5 sign does not modify the message, and rejects null with NullPointerException.
   *
   * <p>If this fails, copy the message before any in-place work, and check arguments first.
   *
   * @throws Throwable when the rule is violated
   */
  void required_SG105_messageIsNotModifiedAndNullIsRejected() throws Throwable;

  /**
   * SG-2.1 concurrent signing from several threads gives signatures that each verify.
   *
   * <p>If this fails, look for a {@code java.security.Signature} shared between threads.
   *
   * @throws Throwable when the rule is violated
   */
  void required_SG201_concurrentSigningIsSafe() throws Throwable;
}
