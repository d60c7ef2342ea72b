package io.souverix.tck;

/**
 * Every rule of the {@link io.souverix.lifecycle.spi.Transport} conformance kit, one method each.
 * {@link TransportVerification} implements this interface, so that a rule cannot disappear from the
 * kit without the compiler noticing. The rules are listed in {@code docs/conformance.md}.
 *
 * @since 0.1
 */
public interface TransportVerificationRules {
  /**
   * TR-1.1 every acknowledged send is delivered, unchanged, to a poller from the beginning.
   *
   * <p>If this fails, check that send returns only after the envelope is stored, and that every
   * field (payload, signature, key id) survives the round trip.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR101_acknowledgedSendsAreDelivered() throws Throwable;

  /**
   * TR-1.2 envelopes of one key are delivered in the order their sends were acknowledged.
   *
   * <p>If this fails, check the partitioning: one key must map to one ordered log.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR102_orderIsKeptPerKey() throws Throwable;

  /**
   * TR-1.3 a channel delivers only its own envelopes.
   *
   * <p>If this fails, check that the channel is part of the log's or topic's address.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR103_channelsAreSeparate() throws Throwable;

  /**
   * TR-1.4 a poll waiting at the head returns as soon as an envelope is sent.
   *
   * <p>If this fails, check that a long poll is woken by a send rather than waiting out its time.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_TR104_longPollWakesOnSend() throws Throwable;

  /**
   * TR-1.5 a poll at the head returns an empty batch whose next cursor is the one polled from.
   *
   * <p>If this fails, check that an empty poll does not move the cursor.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR105_pollAtTheHeadIsEmpty() throws Throwable;

  /**
   * TR-2.1 a consumer that reconnects and polls from its acknowledged cursor gets everything after
   * it, without a gap, and nothing at or before it.
   *
   * <p>If this fails, check that cursors are positions in the log, not per-connection state.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR201_resumeFromCursorAfterReconnect() throws Throwable;

  /**
   * TR-2.2 envelopes acknowledged to a sender are delivered after the sender disconnects.
   *
   * <p>If this fails, check that close does not discard accepted envelopes.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR202_acknowledgedSendsSurviveSenderReconnect() throws Throwable;

  /**
   * TR-2.3 polling again from a cursor that was not advanced delivers the same envelopes again.
   *
   * <p>If this fails, check that a poll does not consume: only the consumer's cursor acknowledges.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR203_unacknowledgedEnvelopesAreDeliveredAgain() throws Throwable;

  /**
   * TR-2.4 a cursor the transport did not issue is {@code INVALID_CURSOR}.
   *
   * <p>If this fails, check that the cursor is parsed strictly.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR204_foreignCursorIsRejected() throws Throwable;

  /**
   * TR-3.1 an unsigned envelope is never delivered: it is refused at send or reported as a
   * rejection with {@code UNSIGNED}.
   *
   * <p>If this fails, check that every delivery goes through {@code Delivery.verify}, and that a
   * refused envelope is reported, not dropped silently.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR301_unsignedEnvelopeIsNeverDelivered() throws Throwable;

  /**
   * TR-3.2 an envelope whose signature does not verify (tampered payload, another key's signature)
   * is never delivered, and is reported with {@code SIGNATURE_INVALID}.
   *
   * <p>If this fails, check that the signature is checked over the envelope's signing input.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR302_forgedSignatureIsNeverDelivered() throws Throwable;

  /**
   * TR-3.3 an envelope signed with a key that is not the sender's is never delivered, and is
   * reported with {@code UNKNOWN_KEY}.
   *
   * <p>If this fails, check that keys are resolved by sender and key id together.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR303_keyOfAnotherSenderIsNotAccepted() throws Throwable;

  /**
   * TR-3.4 an envelope accepted before its key was revoked is reported, not delivered, by a later
   * poll.
   *
   * <p>If this fails, check that the receiving side verifies with the resolver at delivery time.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_TR304_revokedKeyIsRejectedOnReceive() throws Throwable;

  /**
   * TR-4.1 a payload of the largest size round-trips byte for byte.
   *
   * <p>If this fails, check request and message size limits of the medium.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR401_largePayloadRoundTrips() throws Throwable;

  /**
   * TR-4.2 unicode, binary and empty payloads round-trip byte for byte.
   *
   * <p>If this fails, look for a charset conversion or a trimmed or null-terminated payload.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR402_unicodeBinaryAndEmptyPayloadsRoundTrip() throws Throwable;

  /**
   * TR-5.1 concurrent senders keep the order of each sender on each key, and nothing is lost.
   *
   * <p>If this fails, look for a send path that is not serialised per key.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR501_concurrentSendersKeepPerKeyOrder() throws Throwable;

  /**
   * TR-6.1 a closed transport fails with {@code CLOSED}; close is idempotent.
   *
   * <p>If this fails, check the closed flag on every entry point.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR601_closedTransportFailsWithClosed() throws Throwable;

  /**
   * TR-6.2 null arguments are rejected with NullPointerException, out-of-range ones with
   * IllegalArgumentException.
   *
   * <p>If this fails, check arguments before any I/O.
   *
   * @throws Throwable when the rule is violated
   */
  void required_TR602_invalidArgumentsAreRejected() throws Throwable;
}
