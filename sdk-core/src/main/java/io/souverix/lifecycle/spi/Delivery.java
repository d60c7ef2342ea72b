package io.souverix.lifecycle.spi;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An envelope a {@link Transport} delivers, with the cursor just after it. A delivery exists only
 * for an envelope whose signature verified: {@link #verify} is its only factory, so a transport
 * cannot hand out an unverified envelope as a delivery.
 *
 * @since 0.1
 */
public final class Delivery {
  private final TransportEnvelope envelope;
  private final TransportCursor cursor;

  private Delivery(TransportEnvelope envelope, TransportCursor cursor) {
    this.envelope = envelope;
    this.cursor = cursor;
  }

  /**
   * Verifies an envelope's signature with the sender's key and makes it a delivery.
   *
   * @param envelope the envelope; not null
   * @param cursor the cursor just after the envelope in its channel; not null
   * @param keys the host's key resolver; not null
   * @return the delivery
   * @throws TransportException {@code UNSIGNED} if the envelope has no signature, {@code
   *     UNKNOWN_KEY} if the resolver has no key of that id for the sender (or one the claimed
   *     algorithm cannot use), {@code SIGNATURE_INVALID} if the signature does not verify
   */
  public static Delivery verify(
      TransportEnvelope envelope, TransportCursor cursor, SenderKeyResolver keys)
      throws TransportException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(keys, "keys");
    check(envelope, keys);
    return new Delivery(envelope, cursor);
  }

  /**
   * Verifies an envelope's signature with the sender's key, as {@link #verify} does, for a
   * transport that refuses bad envelopes at send.
   *
   * @param envelope the envelope; not null
   * @param keys the host's key resolver; not null
   * @throws TransportException {@code UNSIGNED}, {@code UNKNOWN_KEY} or {@code SIGNATURE_INVALID}
   */
  public static void check(TransportEnvelope envelope, SenderKeyResolver keys)
      throws TransportException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(keys, "keys");
    if (!envelope.isSigned()) {
      throw TransportException.of(
          TransportException.Code.UNSIGNED,
          String.format(
              Locale.ROOT,
              "envelope %s/%s/%d from %s; expected a signature, but got none",
              envelope.channel(),
              envelope.key(),
              envelope.sequence(),
              envelope.sender()));
    }
    Optional<PublicKey> key;
    try {
      key = Objects.requireNonNull(keys.resolve(envelope.sender(), envelope.keyId()), "resolved");
    } catch (RuntimeException e) {
      throw TransportException.of(
          TransportException.Code.UNKNOWN_KEY,
          "key resolver failed for sender " + envelope.sender() + ": " + e,
          e);
    }
    if (key.isEmpty() || !envelope.algorithm().accepts(key.get())) {
      throw TransportException.of(
          TransportException.Code.UNKNOWN_KEY,
          String.format(
              Locale.ROOT,
              "key of sender %s; expected a trusted %s key with id %s, but got %s",
              envelope.sender(),
              envelope.algorithm().jwsName(),
              envelope.keyId(),
              key.isEmpty() ? "none" : "a " + key.get().getAlgorithm() + " key"));
    }
    boolean ok;
    try {
      Signature v = envelope.algorithm().newSignature(null);
      v.initVerify(key.get());
      v.update(envelope.signingInput());
      ok = v.verify(envelope.signature());
    } catch (SignatureException e) {
      // A malformed signature (bad DER, wrong length) does not verify.
      ok = false;
    } catch (GeneralSecurityException e) {
      throw TransportException.of(
          TransportException.Code.SIGNATURE_INVALID,
          "signature of " + envelope + " could not be checked: " + e.getMessage(),
          e);
    }
    if (!ok) {
      throw TransportException.of(
          TransportException.Code.SIGNATURE_INVALID,
          String.format(
              Locale.ROOT,
              "signature of %s; expected it to verify with the sender's key %s, but it does not",
              envelope,
              envelope.keyId()));
    }
  }

  /**
   * Returns the verified envelope.
   *
   * @return the envelope
   */
  public TransportEnvelope envelope() {
    return envelope;
  }

  /**
   * Returns the cursor just after this envelope: poll from it to continue after it.
   *
   * @return the cursor
   */
  public TransportCursor cursor() {
    return cursor;
  }

  @Override
  public String toString() {
    return "Delivery[" + envelope + " @ " + cursor.value() + "]";
  }
}
