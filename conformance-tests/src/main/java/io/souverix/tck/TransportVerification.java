package io.souverix.tck;

import static io.souverix.tck.EventStoreVerification.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance rules of the {@link Transport} SPI. A vendor extends this class and implements
 * {@link #createBackend(TckEnvironment, SenderKeyResolver)}; every rule of {@link
 * TransportVerificationRules} then runs against connections the kit opens to that backend. The kit
 * signs envelopes with ES256 keys of its own and hands the backend the resolver that trusts them;
 * it verifies every delivered envelope again, independently of the transport.
 *
 * <pre>{@code
 * class HttpTransportConformanceTest extends TransportVerification {
 *   protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys)
 *       throws Exception {
 *     HttpTransportServer server = HttpTransportServer.start(..., keys);
 *     return new TransportBackend() {
 *       public Transport connect() { return HttpTransport.newBuilder()...build(); }
 *       public void close() { server.close(); }
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>Capability hooks: {@link #supportsLongPoll()} and {@link #verifiesOnReceive()}.
 *
 * @since 0.1
 */
@DisplayName("Transport conformance")
public abstract class TransportVerification implements TransportVerificationRules {
  /** The senders the kit signs as; each has its own ES256 key. */
  static final List<String> SENDERS = List.of("node-a", "node-b", "node-c", "node-d");

  private static final Map<String, Signer> SIGNERS = signers();
  private static final String CHANNEL = "tck-desired-state";
  private static final Duration POLL_WAIT = Duration.ofMillis(200);

  private @Nullable TckEnvironment env;
  private @Nullable TckKeys keys;
  private @Nullable TransportBackend backend;
  private final List<Transport> connections = new ArrayList<>();

  /**
   * Starts the backend under test, empty, trusting exactly the keys {@code keys} resolves (it may
   * also verify on the connection side with the same resolver).
   *
   * @param env the test's environment
   * @param keys the resolver of the kit's sender keys; its answers change when a rule revokes a key
   * @return the backend; the kit closes it after the rule
   * @throws Exception if it cannot be started
   */
  protected abstract TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys)
      throws Exception;

  /**
   * Returns whether a poll waits at the head for an envelope ({@code maxWait} honoured); true runs
   * TR-1.4.
   *
   * @return true by default
   */
  protected boolean supportsLongPoll() {
    return true;
  }

  /**
   * Returns whether the receiving side verifies envelopes again at delivery, so that revoking a key
   * stops delivery of envelopes accepted before; true runs TR-3.4.
   *
   * @return true by default
   */
  protected boolean verifiesOnReceive() {
    return true;
  }

  /** The kit's own tests of broken transports override this to fail fast. */
  TckEnvironment newEnvironment() {
    return new TckEnvironment();
  }

  @BeforeEach
  final void setUpTransport() throws Exception {
    env = newEnvironment();
    keys = new TckKeys();
    backend = createBackend(env, keys);
  }

  @AfterEach
  final void cleanUpTransport() throws Exception {
    try {
      for (Transport t : connections) {
        t.close();
      }
      if (backend != null) {
        backend.close();
      }
    } finally {
      connections.clear();
      if (env != null) {
        env.cleanUp();
      }
    }
  }

  /** TR-1.x: delivery. */
  @Nested
  @DisplayName("TR-1 Delivery")
  class DeliveryRules {
    @Test
    @Tag("required")
    @DisplayName("TR-1.1 every acknowledged send is delivered, unchanged")
    void required_TR101_acknowledgedSendsAreDelivered() throws Throwable {
      TransportVerification.this.required_TR101_acknowledgedSendsAreDelivered();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-1.2 envelopes of one key are delivered in the order of their sends")
    void required_TR102_orderIsKeptPerKey() throws Throwable {
      TransportVerification.this.required_TR102_orderIsKeptPerKey();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-1.3 a channel delivers only its own envelopes")
    void required_TR103_channelsAreSeparate() throws Throwable {
      TransportVerification.this.required_TR103_channelsAreSeparate();
    }

    @Test
    @Tag("optional")
    @DisplayName("TR-1.4 a poll waiting at the head returns as soon as an envelope is sent")
    void optional_TR104_longPollWakesOnSend() throws Throwable {
      TransportVerification.this.optional_TR104_longPollWakesOnSend();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-1.5 a poll at the head is empty and keeps the cursor")
    void required_TR105_pollAtTheHeadIsEmpty() throws Throwable {
      TransportVerification.this.required_TR105_pollAtTheHeadIsEmpty();
    }
  }

  /** TR-2.x: cursors. */
  @Nested
  @DisplayName("TR-2 Cursors")
  class CursorRules {
    @Test
    @Tag("required")
    @DisplayName("TR-2.1 after a reconnect, a poll from the acknowledged cursor has no gap")
    void required_TR201_resumeFromCursorAfterReconnect() throws Throwable {
      TransportVerification.this.required_TR201_resumeFromCursorAfterReconnect();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-2.2 acknowledged sends are delivered after the sender disconnects")
    void required_TR202_acknowledgedSendsSurviveSenderReconnect() throws Throwable {
      TransportVerification.this.required_TR202_acknowledgedSendsSurviveSenderReconnect();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-2.3 polling again from an unadvanced cursor delivers the same envelopes")
    void required_TR203_unacknowledgedEnvelopesAreDeliveredAgain() throws Throwable {
      TransportVerification.this.required_TR203_unacknowledgedEnvelopesAreDeliveredAgain();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-2.4 a cursor the transport did not issue is INVALID_CURSOR")
    void required_TR204_foreignCursorIsRejected() throws Throwable {
      TransportVerification.this.required_TR204_foreignCursorIsRejected();
    }
  }

  /** TR-3.x: signatures. */
  @Nested
  @DisplayName("TR-3 Signatures")
  class SignatureRules {
    @Test
    @Tag("required")
    @DisplayName("TR-3.1 an unsigned envelope is never delivered, and is reported as UNSIGNED")
    void required_TR301_unsignedEnvelopeIsNeverDelivered() throws Throwable {
      TransportVerification.this.required_TR301_unsignedEnvelopeIsNeverDelivered();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-3.2 a forged signature is never delivered, and is reported SIGNATURE_INVALID")
    void required_TR302_forgedSignatureIsNeverDelivered() throws Throwable {
      TransportVerification.this.required_TR302_forgedSignatureIsNeverDelivered();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-3.3 a key that is not the sender's is never accepted, and is UNKNOWN_KEY")
    void required_TR303_keyOfAnotherSenderIsNotAccepted() throws Throwable {
      TransportVerification.this.required_TR303_keyOfAnotherSenderIsNotAccepted();
    }

    @Test
    @Tag("optional")
    @DisplayName("TR-3.4 an envelope whose key was revoked after acceptance is not delivered")
    void optional_TR304_revokedKeyIsRejectedOnReceive() throws Throwable {
      TransportVerification.this.optional_TR304_revokedKeyIsRejectedOnReceive();
    }
  }

  /** TR-4.x: payloads. */
  @Nested
  @DisplayName("TR-4 Payloads")
  class PayloadRules {
    @Test
    @Tag("required")
    @DisplayName("TR-4.1 a payload of the largest size round-trips byte for byte")
    void required_TR401_largePayloadRoundTrips() throws Throwable {
      TransportVerification.this.required_TR401_largePayloadRoundTrips();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-4.2 unicode, binary and empty payloads round-trip byte for byte")
    void required_TR402_unicodeBinaryAndEmptyPayloadsRoundTrip() throws Throwable {
      TransportVerification.this.required_TR402_unicodeBinaryAndEmptyPayloadsRoundTrip();
    }
  }

  /** TR-5.x: concurrency. */
  @Nested
  @DisplayName("TR-5 Concurrency")
  class ConcurrencyRules {
    @Test
    @Tag("required")
    @DisplayName("TR-5.1 concurrent senders keep each sender's order per key; nothing is lost")
    void required_TR501_concurrentSendersKeepPerKeyOrder() throws Throwable {
      TransportVerification.this.required_TR501_concurrentSendersKeepPerKeyOrder();
    }
  }

  /** TR-6.x: lifecycle and arguments. */
  @Nested
  @DisplayName("TR-6 Lifecycle and arguments")
  class LifecycleRules {
    @Test
    @Tag("required")
    @DisplayName("TR-6.1 a closed transport fails with CLOSED; close is idempotent")
    void required_TR601_closedTransportFailsWithClosed() throws Throwable {
      TransportVerification.this.required_TR601_closedTransportFailsWithClosed();
    }

    @Test
    @Tag("required")
    @DisplayName("TR-6.2 null and out-of-range arguments are rejected")
    void required_TR602_invalidArgumentsAreRejected() throws Throwable {
      TransportVerification.this.required_TR602_invalidArgumentsAreRejected();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rules

  @Override
  public void required_TR101_acknowledgedSendsAreDelivered() throws Throwable {
    Transport t = connect();
    List<TransportEnvelope> sent = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      for (String key : List.of("node-0001", "node-0002", "region-eu")) {
        sent.add(send(t, CHANNEL, key, "node-a", i, "tck message " + key + " " + i));
      }
    }
    Drained d = drain(t, CHANNEL, TransportCursor.beginning(), sent.size());
    assertThat(d.rejections).as("rejections of validly signed envelopes").isEmpty();
    assertThat(d.envelopes()).as("envelopes delivered").containsAll(sent);
    assertThat(Set.copyOf(d.envelopes()))
        .as("envelopes delivered that were never sent")
        .isSubsetOf(Set.copyOf(sent));
  }

  @Override
  public void required_TR102_orderIsKeptPerKey() throws Throwable {
    Transport t = connect();
    List<String> keysOrder = List.of("node-0001", "node-0002", "node-0003");
    int perKey = 20;
    Random random = new Random(102);
    int[] next = new int[keysOrder.size()];
    int total = 0;
    while (total < perKey * keysOrder.size()) {
      int k = random.nextInt(keysOrder.size());
      if (next[k] < perKey) {
        next[k]++;
        send(t, CHANNEL, keysOrder.get(k), "node-b", next[k], "order " + next[k]);
        total++;
      }
    }
    Drained d = drain(t, CHANNEL, TransportCursor.beginning(), total);
    for (String key : keysOrder) {
      assertInOrder(d.envelopes(), key, "node-b", perKey, "key " + key);
    }
  }

  @Override
  public void required_TR103_channelsAreSeparate() throws Throwable {
    Transport t = connect();
    TransportEnvelope a = send(t, "tck-channel-a", "node-0001", "node-a", 1, "for a");
    TransportEnvelope b = send(t, "tck-channel-b", "node-0001", "node-a", 1, "for b");
    Drained da = drain(t, "tck-channel-a", TransportCursor.beginning(), 1);
    Drained db = drain(t, "tck-channel-b", TransportCursor.beginning(), 1);
    assertThat(da.envelopes()).as("deliveries of tck-channel-a").containsExactly(a);
    assertThat(db.envelopes()).as("deliveries of tck-channel-b").containsExactly(b);
    TransportBatch empty = t.poll("tck-channel-c", TransportCursor.beginning(), 10, Duration.ZERO);
    assertThat(empty.isEmpty()).as("poll of a channel nobody sent on is empty").isTrue();
  }

  @Override
  public void optional_TR104_longPollWakesOnSend() throws Throwable {
    assumeTrue(
        supportsLongPoll(), "the transport does not long-poll (supportsLongPoll() is false)");
    Transport receiver = connect();
    Transport sender = connect();
    Duration wait = env().timeout();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      long start = System.nanoTime();
      Future<TransportBatch> polled =
          pool.submit(() -> receiver.poll(CHANNEL, TransportCursor.beginning(), 10, wait));
      TransportEnvelope e = send(sender, CHANNEL, "node-0001", "node-a", 1, "wake up");
      TransportBatch batch = polled.get(wait.toMillis() * 2, TimeUnit.MILLISECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(envelopes(batch.deliveries()))
          .as("envelopes returned by the waiting poll")
          .containsExactly(e);
      assertThat(took)
          .as("time the waiting poll took, after a send; expected well under its wait of %s", wait)
          .isLessThan(wait.dividedBy(2));
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void required_TR105_pollAtTheHeadIsEmpty() throws Throwable {
    Transport t = connect();
    send(t, CHANNEL, "node-0001", "node-a", 1, "one");
    Drained d = drain(t, CHANNEL, TransportCursor.beginning(), 1);
    TransportBatch empty = t.poll(CHANNEL, d.next, 10, Duration.ZERO);
    assertThat(empty.isEmpty()).as("poll at the head is empty: %s", empty).isTrue();
    assertThat(empty.next().value())
        .as("next cursor of an empty poll; expected the cursor polled from")
        .isEqualTo(d.next.value());
    TransportEnvelope two = send(t, CHANNEL, "node-0001", "node-a", 2, "two");
    Drained after = drain(t, CHANNEL, empty.next(), 1);
    assertThat(after.envelopes()).as("deliveries after the head").containsExactly(two);
  }

  @Override
  public void required_TR201_resumeFromCursorAfterReconnect() throws Throwable {
    Transport first = connect();
    List<TransportEnvelope> sent = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sent.add(send(first, CHANNEL, "node-0001", "node-a", i, "resume " + i));
    }
    Drained d = drain(first, CHANNEL, TransportCursor.beginning(), 10);
    assertThat(d.deliveries).as("deliveries before the reconnect").hasSizeGreaterThanOrEqualTo(4);
    // The consumer processed and acknowledged four envelopes, stored the cursor as text, and
    // lost its connection.
    String stored = d.deliveries.get(3).cursor().value();
    assertThat(d.deliveries.get(3).envelope()).as("fourth delivery").isEqualTo(sent.get(3));
    first.close();
    Transport second = connect();
    for (int i = 11; i <= 15; i++) {
      sent.add(send(second, CHANNEL, "node-0001", "node-a", i, "resume " + i));
    }
    Drained resumed = drain(second, CHANNEL, TransportCursor.of(stored), 11);
    List<TransportEnvelope> got = resumed.envelopes();
    assertThat(got).as("deliveries after resuming").isNotEmpty();
    assertThat(got.get(0))
        .as("first delivery after resuming from the cursor of sequence 4")
        .isEqualTo(sent.get(4));
    assertThat(got)
        .as("deliveries after resuming: acknowledged envelopes (sequence 1 to 4) again")
        .doesNotContainAnyElementsOf(sent.subList(0, 4));
    assertThat(got)
        .as("deliveries after resuming: every envelope after the cursor (sequence 5 to 15)")
        .containsAll(sent.subList(4, 15));
    assertInOrder(got, "node-0001", "node-a", 15, "resumed key node-0001", 5);
  }

  @Override
  public void required_TR202_acknowledgedSendsSurviveSenderReconnect() throws Throwable {
    Transport sender = connect();
    List<TransportEnvelope> sent = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sent.add(send(sender, CHANNEL, "node-0002", "node-b", i, "survive " + i));
    }
    sender.close();
    Transport receiver = connect();
    Drained d = drain(receiver, CHANNEL, TransportCursor.beginning(), 10);
    assertThat(d.envelopes())
        .as("deliveries on a new connection after the sender closed its own")
        .containsAll(sent);
  }

  @Override
  public void required_TR203_unacknowledgedEnvelopesAreDeliveredAgain() throws Throwable {
    Transport t = connect();
    List<TransportEnvelope> sent = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      sent.add(send(t, CHANNEL, "node-0003", "node-c", i, "again " + i));
    }
    Drained once = drain(t, CHANNEL, TransportCursor.beginning(), 2);
    TransportCursor acked = once.deliveries.get(1).cursor();
    Drained first = drain(t, CHANNEL, acked, 4);
    Drained second = drain(t, CHANNEL, acked, 4);
    assertThat(first.envelopes()).as("first poll from the cursor").containsAll(sent.subList(2, 6));
    assertThat(second.envelopes())
        .as("second poll from the same cursor (nothing acknowledged in between)")
        .containsAll(sent.subList(2, 6));
  }

  @Override
  public void required_TR204_foreignCursorIsRejected() throws Throwable {
    Transport t = connect();
    send(t, CHANNEL, "node-0001", "node-a", 1, "one");
    for (String forged : List.of("tck-forged-cursor", "zz.99999999999999999999", "-1")) {
      TransportException e =
          expectTransportException(
              () -> t.poll(CHANNEL, TransportCursor.of(forged), 10, Duration.ZERO),
              "poll from forged cursor '" + forged + "'");
      assertThat(e.code())
          .as("code of a poll from forged cursor '%s'", forged)
          .isEqualTo(TransportException.Code.INVALID_CURSOR);
    }
  }

  @Override
  public void required_TR301_unsignedEnvelopeIsNeverDelivered() throws Throwable {
    Transport t = connect();
    TransportEnvelope unsigned =
        TransportEnvelope.of(
            CHANNEL,
            "node-0001",
            "node-a",
            1,
            bytes("no signature"),
            SigningAlgorithm.ES256,
            signer("node-a").keyId(),
            new byte[0]);
    assertNeverDelivered(t, List.of(unsigned), TransportException.Code.UNSIGNED);
  }

  @Override
  public void required_TR302_forgedSignatureIsNeverDelivered() throws Throwable {
    Transport t = connect();
    TransportEnvelope genuine =
        TransportEnvelope.sign(signer("node-a"), CHANNEL, "node-0001", "node-a", 1, bytes("50%"));
    TransportEnvelope tampered =
        TransportEnvelope.of(
            CHANNEL,
            "node-0001",
            "node-a",
            1,
            bytes("99%"),
            genuine.algorithm(),
            genuine.keyId(),
            genuine.signature());
    TransportEnvelope byOtherKey =
        TransportEnvelope.of(
            CHANNEL,
            "node-0001",
            "node-a",
            2,
            bytes("other key"),
            SigningAlgorithm.ES256,
            signer("node-a").keyId(),
            signer("node-b")
                .sign(
                    TransportEnvelope.of(
                            CHANNEL,
                            "node-0001",
                            "node-a",
                            2,
                            bytes("other key"),
                            SigningAlgorithm.ES256,
                            signer("node-a").keyId(),
                            new byte[0])
                        .signingInput()));
    TransportEnvelope garbage =
        TransportEnvelope.of(
            CHANNEL,
            "node-0001",
            "node-a",
            3,
            bytes("garbage"),
            SigningAlgorithm.ES256,
            signer("node-a").keyId(),
            new byte[] {1, 2, 3});
    assertNeverDelivered(
        t, List.of(tampered, byOtherKey, garbage), TransportException.Code.SIGNATURE_INVALID);
  }

  @Override
  public void required_TR303_keyOfAnotherSenderIsNotAccepted() throws Throwable {
    Transport t = connect();
    // node-b signs correctly with its own key, but in node-a's name.
    TransportEnvelope impersonation =
        TransportEnvelope.sign(signer("node-b"), CHANNEL, "node-0001", "node-a", 1, bytes("me"));
    TransportEnvelope unknownSender =
        TransportEnvelope.sign(signer("node-b"), CHANNEL, "node-0001", "node-z", 1, bytes("who"));
    assertNeverDelivered(
        t, List.of(impersonation, unknownSender), TransportException.Code.UNKNOWN_KEY);
  }

  @Override
  public void optional_TR304_revokedKeyIsRejectedOnReceive() throws Throwable {
    assumeTrue(
        verifiesOnReceive(), "the transport verifies only at send (verifiesOnReceive() is false)");
    Transport t = connect();
    TransportEnvelope revoked = send(t, CHANNEL, "node-0001", "node-c", 1, "before revocation");
    TransportEnvelope kept = send(t, CHANNEL, "node-0001", "node-a", 1, "still trusted");
    tckKeys().revoke("node-c");
    Drained d = drain(t, CHANNEL, TransportCursor.beginning(), 2);
    assertThat(d.envelopes()).as("deliveries after revoking node-c").containsExactly(kept);
    assertThat(d.rejections)
        .as("rejections after revoking node-c")
        .extracting(Rejection::envelope, Rejection::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(revoked, TransportException.Code.UNKNOWN_KEY));
  }

  @Override
  public void required_TR401_largePayloadRoundTrips() throws Throwable {
    Transport t = connect();
    Random random = new Random(401);
    byte[] largest = new byte[TransportEnvelope.MAX_PAYLOAD_BYTES];
    random.nextBytes(largest);
    byte[] almost = new byte[TransportEnvelope.MAX_PAYLOAD_BYTES - 1];
    random.nextBytes(almost);
    TransportEnvelope a = send(t, CHANNEL, "node-0001", "node-a", 1, largest);
    TransportEnvelope b = send(t, CHANNEL, "node-0001", "node-a", 2, almost);
    Drained d = drain(t, CHANNEL, TransportCursor.beginning(), 2);
    assertThat(d.envelopes()).as("large envelopes delivered").containsExactly(a, b);
    assertThat(d.deliveries.get(0).envelope().payload())
        .as("payload of %d bytes", largest.length)
        .isEqualTo(largest);
  }

  @Override
  public void required_TR402_unicodeBinaryAndEmptyPayloadsRoundTrip() throws Throwable {
    Transport t = connect();
    byte[] unicode =
        bytes(
            "{\"name\":\"n\u00f6de \u2713 \ud834\udd1e e\u0301 \u202e\u05e2\u05d1\u05e8\u05d9\u05ea"
                + " \u6f22\u5b57\",\"nul\":\"\\u0000\",\"raw\":\"\u0000\"}");
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    byte[] invalidUtf8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, 0, (byte) 0xed, (byte) 0xa0};
    List<byte[]> payloads = List.of(unicode, binary, new byte[0], invalidUtf8);
    List<TransportEnvelope> sent = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      sent.add(send(t, CHANNEL, "node-0001", "node-a", i + 1, payloads.get(i)));
    }
    Drained d = drain(t, CHANNEL, TransportCursor.beginning(), payloads.size());
    assertThat(d.envelopes()).as("envelopes delivered").containsExactlyElementsOf(sent);
    for (int i = 0; i < payloads.size(); i++) {
      assertThat(d.deliveries.get(i).envelope().payload())
          .as("payload %d", i + 1)
          .isEqualTo(payloads.get(i));
    }
  }

  @Override
  public void required_TR501_concurrentSendersKeepPerKeyOrder() throws Throwable {
    int perKey = 15;
    String shared = "region-eu";
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String sender : SENDERS) {
        Transport t = connect();
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 1; i <= perKey; i++) {
                    send(t, CHANNEL, "key-" + sender, sender, i, sender + " own " + i);
                    send(t, CHANNEL, shared, sender, i, sender + " shared " + i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(env().timeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Transport receiver = connect();
    Drained d = drain(receiver, CHANNEL, TransportCursor.beginning(), SENDERS.size() * perKey * 2);
    assertThat(d.rejections).as("rejections").isEmpty();
    for (String sender : SENDERS) {
      assertInOrder(d.envelopes(), "key-" + sender, sender, perKey, "key-" + sender);
      assertInOrder(d.envelopes(), shared, sender, perKey, sender + " on shared key " + shared);
    }
  }

  @Override
  public void required_TR601_closedTransportFailsWithClosed() throws Throwable {
    Transport t = connect();
    send(t, CHANNEL, "node-0001", "node-a", 1, "before close");
    t.close();
    t.close();
    TransportEnvelope e = envelope(CHANNEL, "node-0001", "node-a", 2, bytes("after close"));
    TransportException onSend = expectTransportException(() -> t.send(e), "send after close");
    assertThat(onSend.code())
        .as("code of send after close")
        .isEqualTo(TransportException.Code.CLOSED);
    TransportException onPoll =
        expectTransportException(
            () -> t.poll(CHANNEL, TransportCursor.beginning(), 10, Duration.ZERO),
            "poll after close");
    assertThat(onPoll.code())
        .as("code of poll after close")
        .isEqualTo(TransportException.Code.CLOSED);
    Transport other = connect();
    assertThat(drain(other, CHANNEL, TransportCursor.beginning(), 1).envelopes())
        .as("deliveries on another connection after one closed")
        .hasSize(1);
  }

  @Override
  public void required_TR602_invalidArgumentsAreRejected() throws Throwable {
    Transport t = connect();
    TransportCursor start = TransportCursor.beginning();
    assertRejects(() -> t.send(null), NullPointerException.class, "send(null)");
    assertRejects(
        () -> t.poll(null, start, 10, Duration.ZERO),
        NullPointerException.class,
        "poll(null, ...)");
    assertRejects(
        () -> t.poll(CHANNEL, null, 10, Duration.ZERO),
        NullPointerException.class,
        "poll with a null cursor");
    assertRejects(
        () -> t.poll(CHANNEL, start, 10, null), NullPointerException.class, "poll with null wait");
    assertRejects(
        () -> t.poll(CHANNEL, start, 0, Duration.ZERO),
        IllegalArgumentException.class,
        "poll of 0 envelopes");
    assertRejects(
        () -> t.poll(CHANNEL, start, Transport.MAX_POLL + 1, Duration.ZERO),
        IllegalArgumentException.class,
        "poll of MAX_POLL + 1 envelopes");
    assertRejects(
        () -> t.poll(CHANNEL, start, 10, Duration.ofMillis(-1)),
        IllegalArgumentException.class,
        "poll with a negative wait");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private TckEnvironment env() {
    return Objects.requireNonNull(env, "env");
  }

  private TckKeys tckKeys() {
    return Objects.requireNonNull(keys, "keys");
  }

  private Transport connect() throws Exception {
    Transport t = Objects.requireNonNull(backend, "backend").connect();
    synchronized (connections) {
      connections.add(t);
    }
    return t;
  }

  private static Signer signer(String sender) {
    return Objects.requireNonNull(SIGNERS.get(sender), sender);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static TransportEnvelope envelope(
      String channel, String key, String sender, long sequence, byte[] payload) throws Exception {
    return TransportEnvelope.sign(signer(sender), channel, key, sender, sequence, payload);
  }

  private static TransportEnvelope send(
      Transport t, String channel, String key, String sender, long sequence, String payload)
      throws Exception {
    return send(t, channel, key, sender, sequence, bytes(payload));
  }

  private static TransportEnvelope send(
      Transport t, String channel, String key, String sender, long sequence, byte[] payload)
      throws Exception {
    TransportEnvelope e = envelope(channel, key, sender, sequence, payload);
    t.send(e);
    return e;
  }

  private static List<TransportEnvelope> envelopes(List<Delivery> deliveries) {
    return deliveries.stream().map(Delivery::envelope).toList();
  }

  /** What polls from a cursor returned, until {@code count} envelopes or the timeout. */
  private final class Drained {
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    TransportCursor next;

    Drained(TransportCursor from) {
      this.next = from;
    }

    List<TransportEnvelope> envelopes() {
      return TransportVerification.envelopes(deliveries);
    }
  }

  private Drained drain(Transport t, String channel, TransportCursor from, int count)
      throws Exception {
    Drained d = new Drained(from);
    long deadline = System.nanoTime() + env().timeout().toNanos();
    while (d.deliveries.size() + d.rejections.size() < count && System.nanoTime() < deadline) {
      TransportBatch b = t.poll(channel, d.next, 100, POLL_WAIT);
      for (Delivery delivery : b.deliveries()) {
        assertIndependentlyVerified(delivery.envelope());
      }
      d.deliveries.addAll(b.deliveries());
      d.rejections.addAll(b.rejections());
      d.next = b.next();
    }
    if (d.deliveries.size() + d.rejections.size() < count) {
      fail(
          String.format(
              Locale.ROOT,
              "envelopes polled from channel %s within %s; expected %d, but got %d deliveries and"
                  + " %d rejections",
              channel,
              env().timeout(),
              count,
              d.deliveries.size(),
              d.rejections.size()));
    }
    return d;
  }

  /** Polls from the beginning until {@code marker} is delivered, or fails at the timeout. */
  private Drained drainUntil(Transport t, String channel, TransportEnvelope marker)
      throws Exception {
    Drained d = new Drained(TransportCursor.beginning());
    long deadline = System.nanoTime() + env().timeout().toNanos();
    while (!d.envelopes().contains(marker) && System.nanoTime() < deadline) {
      TransportBatch b = t.poll(channel, d.next, 100, POLL_WAIT);
      for (Delivery delivery : b.deliveries()) {
        assertIndependentlyVerified(delivery.envelope());
      }
      d.deliveries.addAll(b.deliveries());
      d.rejections.addAll(b.rejections());
      d.next = b.next();
    }
    assertThat(d.envelopes())
        .as("deliveries of channel %s within %s", channel, env().timeout())
        .contains(marker);
    return d;
  }

  /** The kit checks every delivered signature itself: a transport's word is not enough. */
  private void assertIndependentlyVerified(TransportEnvelope e) throws GeneralSecurityException {
    Optional<PublicKey> key = tckKeys().resolve(e.sender(), e.keyId());
    boolean ok = false;
    if (key.isPresent() && e.isSigned()) {
      java.security.Signature v = e.algorithm().newSignature(null);
      v.initVerify(key.get());
      v.update(e.signingInput());
      try {
        ok = v.verify(e.signature());
      } catch (java.security.SignatureException x) {
        ok = false;
      }
    }
    assertThat(ok)
        .as("delivered envelope %s verifies with the kit's key of its sender", e)
        .isTrue();
  }

  private static void assertInOrder(
      List<TransportEnvelope> delivered, String key, String sender, int last, String what) {
    assertInOrder(delivered, key, sender, last, what, 1);
  }

  /** Sequences {@code first..last} of (key, sender) all arrive, and never go backwards. */
  private static void assertInOrder(
      List<TransportEnvelope> delivered,
      String key,
      String sender,
      int last,
      String what,
      int first) {
    List<Long> seen =
        delivered.stream()
            .filter(e -> e.key().equals(key) && e.sender().equals(sender))
            .map(TransportEnvelope::sequence)
            .toList();
    List<Long> expected = new ArrayList<>();
    for (long i = first; i <= last; i++) {
      expected.add(i);
    }
    assertThat(seen.stream().distinct().toList())
        .as("%s: sequences of %s in delivery order (duplicates removed)", what, sender)
        .containsExactlyElementsOf(expected);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i))
          .as("%s: sequence delivered after %d (at index %d of %s)", what, seen.get(i - 1), i, seen)
          .isGreaterThanOrEqualTo(seen.get(i - 1));
    }
  }

  /**
   * Sends each bad envelope, then a good one as a marker, and asserts that no bad envelope is
   * delivered and each is reported with {@code code}: refused at send, or rejected by the poll.
   */
  private void assertNeverDelivered(
      Transport t, List<TransportEnvelope> bad, TransportException.Code code) throws Exception {
    Map<TransportEnvelope, String> reported = new LinkedHashMap<>();
    for (TransportEnvelope e : bad) {
      try {
        t.send(e);
      } catch (TransportException x) {
        assertThat(x.code()).as("code of refusing %s at send", e).isEqualTo(code);
        reported.put(e, "refused at send");
      }
    }
    // The marker shares the bad envelopes' key, so per-key order puts it after every one of them.
    TransportEnvelope marker = send(t, CHANNEL, "node-0001", "node-d", 1, "marker");
    Drained d = drainUntil(t, CHANNEL, marker);
    assertThat(d.envelopes())
        .as("deliveries: only the validly signed marker, never a bad envelope")
        .containsExactly(marker);
    for (Rejection r : d.rejections) {
      assertThat(r.code()).as("code of rejection of %s", r.envelope()).isEqualTo(code);
      reported.put(r.envelope(), "rejected by poll");
    }
    for (TransportEnvelope e : bad) {
      assertThat(reported)
          .as(
              "%s; expected it refused at send or reported as a rejection with %s, but it was"
                  + " neither (dropped silently)",
              e, code)
          .containsKey(e);
    }
  }

  private static TransportException expectTransportException(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String what) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t)
        .as("%s; expected a TransportException, but got %s", what, t)
        .isInstanceOf(TransportException.class);
    return (TransportException) t;
  }

  private static Map<String, Signer> signers() {
    Map<String, Signer> out = new LinkedHashMap<>();
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      for (String sender : SENDERS) {
        out.put(sender, Signer.inMemory(g.generateKeyPair(), SigningAlgorithm.ES256));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide ECDSA on P-256", e);
    }
    return Map.copyOf(out);
  }

  /** The kit's resolver: each sender's own key, by sender and key id; revocable per test. */
  static final class TckKeys implements SenderKeyResolver {
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    void revoke(String sender) {
      revoked.add(sender);
    }

    @Override
    public Optional<PublicKey> resolve(String senderId, String keyId) {
      Signer s = SIGNERS.get(senderId);
      if (s == null || revoked.contains(senderId) || !s.keyId().equals(keyId)) {
        return Optional.empty();
      }
      return Optional.of(s.publicKey());
    }
  }
}
