package io.souverix.tck;

/**
 * Every rule of the {@link io.souverix.lifecycle.spi.EventStore} conformance kit, one method each.
 * {@link EventStoreVerification} implements this interface, so that a rule cannot disappear from
 * the kit without the compiler noticing. The rules, their ids and one-line statements are listed in
 * {@code docs/conformance.md}; each method's Javadoc says where to look when the rule fails.
 *
 * <p>Prefixes: {@code required_} rules must pass; {@code optional_} rules are skipped, with the
 * reason, when the store declares it does not support the capability they test.
 *
 * @since 0.1
 */
public interface EventStoreVerificationRules {
  /**
   * ES-1.1 a stream reads back in append order with sequences 1..n, and its version is n.
   *
   * <p>If this fails, check that sequences are assigned per stream inside the write transaction and
   * that {@code readStream} orders by sequence.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES101_streamReadsBackInAppendOrder() throws Throwable;

  /**
   * ES-1.2 the global order lists every event once, in append order, with strictly increasing
   * positions, and the head is the last position.
   *
   * <p>If this fails, check that positions come from one store-wide counter taken inside the write
   * transaction and that {@code readAll} orders by position.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES102_globalOrderFollowsAppendOrder() throws Throwable;

  /**
   * ES-1.3 every recorded event's hash matches its envelope, and each stream's prevHash links it to
   * the event before.
   *
   * <p>If this fails, check that the store keeps the sealed envelope exactly (payload text,
   * instants to the microsecond, nulls) and restores events with {@code RecordedEvent.restore}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES103_hashChainIsIntact() throws Throwable;

  /**
   * ES-1.4 retrying an acknowledged append returns duplicate=true with the original events and
   * writes nothing.
   *
   * <p>If this fails, check the lookup of event ids before appending (extend {@code
   * AbstractEventStore}, whose {@code findByIds} hook drives it).
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES104_retryReturnsOriginalEvents() throws Throwable;

  /**
   * ES-1.5 a batch mixing recorded and new event ids fails with EVENT_ID_CONFLICT and writes
   * nothing.
   *
   * <p>If this fails, check that a partial match of recorded ids is a conflict, not a retry.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES105_mixedBatchIsRejected() throws Throwable;

  /**
   * ES-1.6 an event id recorded with other content fails with EVENT_ID_CONFLICT and writes nothing.
   *
   * <p>If this fails, check that a retry compares stream, type, schema version and payload of the
   * recorded event, not only its id.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES106_reusedIdWithOtherContentIsRejected() throws Throwable;

  /**
   * ES-1.7 payloads close to Payload.MAX_BYTES and with any Unicode text round-trip exactly.
   *
   * <p>If this fails, check column sizes and types (TEXT, not VARCHAR(n)), the connection's
   * character set (UTF-8, 4-byte characters) and any string truncation.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES107_largeAndUnicodePayloadsRoundTrip() throws Throwable;

  /**
   * ES-2.1 readAll pages of maxCount events cover the global order exactly once, and a page is
   * short only at the end.
   *
   * <p>If this fails, check the page query's lower bound (inclusive) and limit.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES201_readAllPagesCoverEveryEventOnce() throws Throwable;

  /**
   * ES-2.2 readStream from the middle of a stream returns the events from that sequence on, at most
   * maxCount of them.
   *
   * <p>If this fails, check the stream query's lower bound (inclusive) and limit.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES202_readStreamFromTheMiddle() throws Throwable;

  /**
   * ES-2.3 an unknown stream reads empty at version 0, and an empty store has head 0.
   *
   * <p>If this fails, check that a missing stream is not an error.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES203_unknownStreamReadsEmpty() throws Throwable;

  /**
   * ES-2.4 reads return exactly the envelopes and positions the append returned.
   *
   * <p>If this fails, check that every envelope field is stored and read back unchanged.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES204_readsReturnWhatAppendRecorded() throws Throwable;

  /**
   * ES-3.1 an append with a stale expected version fails with CONCURRENCY_CONFLICT, reports both
   * versions, and writes nothing.
   *
   * <p>If this fails, check that the expected version is compared with the stream's version inside
   * the write transaction.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES301_staleExpectedVersionIsRejected() throws Throwable;

  /**
   * ES-3.2 expecting no stream on an existing stream fails with CONCURRENCY_CONFLICT and writes
   * nothing.
   *
   * <p>If this fails, check that {@code ExpectedVersion.noStream()} is treated as version 0.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES302_noStreamOnExistingStreamIsRejected() throws Throwable;

  /**
   * ES-3.3 an append expecting the exact current version, or any version, succeeds.
   *
   * <p>If this fails, check the version comparison and {@code ExpectedVersion.any()}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES303_exactExpectedVersionSucceeds() throws Throwable;

  /**
   * ES-3.4 writers racing on one stream with the same expected version: exactly one wins each
   * version, the others fail with CONCURRENCY_CONFLICT.
   *
   * <p>If this fails, check that reading the version and inserting happen in one serialisable
   * transaction (or under one lock), not read-then-write.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_ES304_racingWritersHaveOneWinnerPerVersion() throws Throwable;

  /**
   * ES-3.5 concurrent writers on many streams lose no event and leave every stream gap-free.
   *
   * <p>If this fails, check the position counter and the per-stream sequence under concurrency.
   *
   * @throws Throwable when the rule is violated
   */
  void optional_ES305_concurrentWritersLoseNothing() throws Throwable;

  /**
   * ES-4.1 a subscription delivers every event from its start position in order, then follows new
   * appends.
   *
   * <p>If this fails, check {@code readAll} and {@code awaitHead}, which the default subscription
   * uses, or the store's own {@code subscribe}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES401_subscriptionCatchesUpThenFollows() throws Throwable;

  /**
   * ES-4.2 a subscription started at the head delivers only the events appended after it.
   *
   * <p>If this fails, check the subscription's start position (inclusive, 1-based).
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES402_subscriptionFromTheHeadSeesOnlyNewEvents() throws Throwable;

  /**
   * ES-5.1 (durable stores) everything acknowledged before close is there after reopening: same
   * envelopes and positions, retries still recognised, the chain continues.
   *
   * <p>If this fails, check that commits are durable before append returns and that {@code reopen}
   * opens the same storage.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES501_acknowledgedEventsSurviveReopen() throws Throwable;

  /**
   * ES-5.2 (durable stores) everything acknowledged survives SIGKILL of the writing process, and no
   * batch is half-written.
   *
   * <p>If this fails, check the storage's sync settings (e.g. SQLite {@code synchronous}, fsync)
   * and that a batch is one transaction.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES502_acknowledgedEventsSurviveProcessCrash() throws Throwable;

  /**
   * ES-6.1 an empty batch is rejected with IllegalArgumentException and writes nothing.
   *
   * <p>If this fails, check the argument checks before the write transaction.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES601_emptyBatchIsRejected() throws Throwable;

  /**
   * ES-6.2 a batch that repeats an event id is rejected with IllegalArgumentException and writes
   * nothing.
   *
   * <p>If this fails, check the argument checks before the write transaction.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES602_repeatedIdInOneBatchIsRejected() throws Throwable;

  /**
   * ES-6.3 an invalid stream id (empty, over 200 characters, whitespace or control characters) is
   * rejected with IllegalArgumentException and writes nothing.
   *
   * <p>If this fails, check that appends call {@code RecordedEvent.checkStreamId}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES603_invalidStreamIdIsRejected() throws Throwable;

  /**
   * ES-6.4 reads with a start below 1 or maxCount below 1 are rejected with
   * IllegalArgumentException.
   *
   * <p>If this fails, check that reads call {@code AbstractEventStore.checkRead}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES604_invalidReadArgumentsAreRejected() throws Throwable;

  /**
   * ES-6.5 a closed store fails every call with CLOSED, and closing again is harmless.
   *
   * <p>If this fails, check that every method calls {@code checkOpen()}.
   *
   * @throws Throwable when the rule is violated
   */
  void required_ES605_closedStoreFailsWithClosed() throws Throwable;
}
