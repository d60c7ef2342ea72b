package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance rules of the {@link EventStore} SPI. A vendor extends this class in its test
 * sources and implements {@link #createStore(TckEnvironment)}; every rule in {@link
 * EventStoreVerificationRules} then runs against the vendor's store, grouped by concern. Rule ids
 * ({@code ES-x.y}) are listed in {@code docs/conformance.md}.
 *
 * <pre>{@code
 * class MyStoreConformanceTest extends EventStoreVerification {
 *   protected EventStore createStore(TckEnvironment env) throws Exception {
 *     return MyStore.open(env.directory(), env.clock());
 *   }
 *   protected boolean isDurable() { return true; }
 *   protected EventStore reopen(TckEnvironment env) throws Exception {
 *     return MyStore.open(env.directory(), env.clock());
 *   }
 * }
 * }</pre>
 *
 * <p>Capability hooks ({@link #supportsConcurrentAppenders()}, {@link #isDurable()}, {@link
 * #crashableStoreFactory()}) declare what a store does not support; the rules that need it are then
 * reported as skipped, with the reason, never as passed.
 *
 * @since 0.1
 */
@DisplayName("EventStore conformance")
public abstract class EventStoreVerification implements EventStoreVerificationRules {
  private static final int THREADS = 4;

  private @Nullable TckEnvironment env;
  private @Nullable EventStore store;

  /**
   * Creates a new, empty store for one test.
   *
   * @param env the test's environment; stamp events with {@link TckEnvironment#clock()}, keep files
   *     in {@link TckEnvironment#directory()}
   * @return the store under test
   * @throws Exception if the store cannot be created
   */
  protected abstract EventStore createStore(TckEnvironment env) throws Exception;

  /**
   * Opens the store that {@link #createStore} created in this test again, after the kit closed it.
   * Called only when {@link #isDurable()} is true.
   *
   * @param env the same environment createStore was given
   * @return the reopened store
   * @throws Exception if the store cannot be opened
   */
  protected EventStore reopen(TckEnvironment env) throws Exception {
    throw new UnsupportedOperationException(
        "isDurable() is true, so reopen(TckEnvironment) must be overridden");
  }

  /**
   * Returns whether acknowledged appends survive close and reopen (and a process crash); true runs
   * the durability rules ES-5.x, which are required for durable stores.
   *
   * @return false by default
   */
  protected boolean isDurable() {
    return false;
  }

  /**
   * Returns whether several threads may call the store at once; false skips ES-3.4 and ES-3.5.
   *
   * @return true by default
   */
  protected boolean supportsConcurrentAppenders() {
    return true;
  }

  /**
   * Returns a factory class the crash rule (ES-5.2) can instantiate in a forked JVM, by name, with
   * its public no-argument constructor; the forked JVM gets this JVM's class path. Null skips the
   * rule.
   *
   * @return the factory class, or null (the default)
   */
  protected @Nullable Class<? extends EventStoreFactory> crashableStoreFactory() {
    return null;
  }

  /**
   * Returns how many acknowledged events the crash rule (ES-5.2) waits for before each kill: one
   * round, one forked writer and one SIGKILL per entry, all on the same store. Override to kill
   * more often (a durable store's own CI should: every round starts from a killed store).
   *
   * @return acknowledgements before each kill, each at least 1; the default {@code {120, 15}}
   */
  protected int[] crashKillPoints() {
    return new int[] {120, 15};
  }

  @BeforeEach
  final void setUpStore() throws Exception {
    env = new TckEnvironment();
    store = createStore(env);
  }

  @AfterEach
  final void closeStore() throws Exception {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      if (env != null) {
        env.cleanUp();
      }
    }
  }

  private EventStore store() {
    return java.util.Objects.requireNonNull(store, "store");
  }

  private TckEnvironment env() {
    return java.util.Objects.requireNonNull(env, "env");
  }

  // ---------------------------------------------------------------------------------------------
  // Groups: each @Test delegates to the rule method of the same name below.

  /** ES-1.x: appending. */
  @Nested
  @DisplayName("ES-1 Appending")
  class AppendRules {
    @Test
    @Tag("required")
    @DisplayName("ES-1.1 a stream reads back in append order with sequences 1..n at version n")
    void required_ES101_streamReadsBackInAppendOrder() throws Throwable {
      EventStoreVerification.this.required_ES101_streamReadsBackInAppendOrder();
    }

    @Test
    @Tag("required")
    @DisplayName(
        "ES-1.2 the global order lists every event once, in append order, with increasing"
            + " positions")
    void required_ES102_globalOrderFollowsAppendOrder() throws Throwable {
      EventStoreVerification.this.required_ES102_globalOrderFollowsAppendOrder();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-1.3 every event's hash matches its envelope and prevHash links each stream")
    void required_ES103_hashChainIsIntact() throws Throwable {
      EventStoreVerification.this.required_ES103_hashChainIsIntact();
    }

    @Test
    @Tag("required")
    @DisplayName(
        "ES-1.4 retrying an acknowledged append returns the original events, writes nothing")
    void required_ES104_retryReturnsOriginalEvents() throws Throwable {
      EventStoreVerification.this.required_ES104_retryReturnsOriginalEvents();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-1.5 a batch mixing recorded and new ids fails with EVENT_ID_CONFLICT")
    void required_ES105_mixedBatchIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES105_mixedBatchIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-1.6 an event id recorded with other content fails with EVENT_ID_CONFLICT")
    void required_ES106_reusedIdWithOtherContentIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES106_reusedIdWithOtherContentIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-1.7 payloads near Payload.MAX_BYTES and any Unicode round-trip exactly")
    void required_ES107_largeAndUnicodePayloadsRoundTrip() throws Throwable {
      EventStoreVerification.this.required_ES107_largeAndUnicodePayloadsRoundTrip();
    }
  }

  /** ES-2.x: reading. */
  @Nested
  @DisplayName("ES-2 Reading")
  class ReadRules {
    @Test
    @Tag("required")
    @DisplayName("ES-2.1 readAll pages cover the global order exactly once")
    void required_ES201_readAllPagesCoverEveryEventOnce() throws Throwable {
      EventStoreVerification.this.required_ES201_readAllPagesCoverEveryEventOnce();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-2.2 readStream from the middle returns events from that sequence on")
    void required_ES202_readStreamFromTheMiddle() throws Throwable {
      EventStoreVerification.this.required_ES202_readStreamFromTheMiddle();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-2.3 an unknown stream reads empty at version 0; an empty store has head 0")
    void required_ES203_unknownStreamReadsEmpty() throws Throwable {
      EventStoreVerification.this.required_ES203_unknownStreamReadsEmpty();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-2.4 reads return exactly the envelopes and positions the append returned")
    void required_ES204_readsReturnWhatAppendRecorded() throws Throwable {
      EventStoreVerification.this.required_ES204_readsReturnWhatAppendRecorded();
    }
  }

  /** ES-3.x: optimistic concurrency and concurrent writers. */
  @Nested
  @DisplayName("ES-3 Concurrency")
  class ConcurrencyRules {
    @Test
    @Tag("required")
    @DisplayName("ES-3.1 a stale expected version fails with CONCURRENCY_CONFLICT, writes nothing")
    void required_ES301_staleExpectedVersionIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES301_staleExpectedVersionIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-3.2 noStream on an existing stream fails with CONCURRENCY_CONFLICT")
    void required_ES302_noStreamOnExistingStreamIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES302_noStreamOnExistingStreamIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-3.3 an append expecting the exact current version, or any, succeeds")
    void required_ES303_exactExpectedVersionSucceeds() throws Throwable {
      EventStoreVerification.this.required_ES303_exactExpectedVersionSucceeds();
    }

    @Test
    @Tag("optional")
    @DisplayName("ES-3.4 writers racing on one stream: exactly one wins each version")
    void optional_ES304_racingWritersHaveOneWinnerPerVersion() throws Throwable {
      EventStoreVerification.this.optional_ES304_racingWritersHaveOneWinnerPerVersion();
    }

    @Test
    @Tag("optional")
    @DisplayName("ES-3.5 concurrent writers on many streams lose no event")
    void optional_ES305_concurrentWritersLoseNothing() throws Throwable {
      EventStoreVerification.this.optional_ES305_concurrentWritersLoseNothing();
    }
  }

  /** ES-4.x: subscriptions. */
  @Nested
  @DisplayName("ES-4 Subscriptions")
  class SubscriptionRules {
    @Test
    @Tag("required")
    @DisplayName("ES-4.1 a subscription catches up from its start position, then follows appends")
    void required_ES401_subscriptionCatchesUpThenFollows() throws Throwable {
      EventStoreVerification.this.required_ES401_subscriptionCatchesUpThenFollows();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-4.2 a subscription started at the head delivers only new events")
    void required_ES402_subscriptionFromTheHeadSeesOnlyNewEvents() throws Throwable {
      EventStoreVerification.this.required_ES402_subscriptionFromTheHeadSeesOnlyNewEvents();
    }
  }

  /** ES-5.x: durability, for durable stores. */
  @Nested
  @DisplayName("ES-5 Durability")
  class DurabilityRules {
    @Test
    @Tag("required")
    @Tag("durable")
    @DisplayName("ES-5.1 acknowledged events survive close and reopen (durable stores)")
    void required_ES501_acknowledgedEventsSurviveReopen() throws Throwable {
      EventStoreVerification.this.required_ES501_acknowledgedEventsSurviveReopen();
    }

    @Test
    @Tag("required")
    @Tag("durable")
    @DisplayName("ES-5.2 acknowledged events survive SIGKILL of the writer (durable stores)")
    void required_ES502_acknowledgedEventsSurviveProcessCrash() throws Throwable {
      EventStoreVerification.this.required_ES502_acknowledgedEventsSurviveProcessCrash();
    }
  }

  /** ES-6.x: bad input and closed stores. */
  @Nested
  @DisplayName("ES-6 Input and lifecycle")
  class InputRules {
    @Test
    @Tag("required")
    @DisplayName("ES-6.1 an empty batch is rejected and writes nothing")
    void required_ES601_emptyBatchIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES601_emptyBatchIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-6.2 a batch repeating an event id is rejected and writes nothing")
    void required_ES602_repeatedIdInOneBatchIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES602_repeatedIdInOneBatchIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-6.3 an invalid stream id is rejected and writes nothing")
    void required_ES603_invalidStreamIdIsRejected() throws Throwable {
      EventStoreVerification.this.required_ES603_invalidStreamIdIsRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-6.4 reads with a start or maxCount below 1 are rejected")
    void required_ES604_invalidReadArgumentsAreRejected() throws Throwable {
      EventStoreVerification.this.required_ES604_invalidReadArgumentsAreRejected();
    }

    @Test
    @Tag("required")
    @DisplayName("ES-6.5 a closed store fails every call with CLOSED")
    void required_ES605_closedStoreFailsWithClosed() throws Throwable {
      EventStoreVerification.this.required_ES605_closedStoreFailsWithClosed();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ES-1 Appending

  @Override
  public void required_ES101_streamReadsBackInAppendOrder() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    List<NewEvent> appended = env.events(1, 5);
    store.append("node-1", ExpectedVersion.noStream(), appended.subList(0, 2));
    store.append("node-2", ExpectedVersion.noStream(), List.of(env.event(99)));
    store.append("node-1", ExpectedVersion.exactly(2), appended.subList(2, 5));
    List<RecordedEvent> read = store.readStream("node-1", 1, 100);
    assertThat(read)
        .as("events of stream node-1 in append order")
        .extracting(RecordedEvent::eventId)
        .containsExactlyElementsOf(appended.stream().map(NewEvent::eventId).toList());
    assertThat(read).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(read).extracting(RecordedEvent::streamId).containsOnly("node-1");
    assertThat(store.streamVersion("node-1")).as("version of node-1").isEqualTo(5);
    assertThat(store.streamVersion("node-2")).as("version of node-2").isEqualTo(1);
  }

  @Override
  public void required_ES102_globalOrderFollowsAppendOrder() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    List<UUID> acked = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      List<NewEvent> batch = env.events(i * 10, 1 + i % 3);
      AppendResult r = store.append("node-" + (i % 4), ExpectedVersion.any(), batch);
      r.events().forEach(e -> acked.add(e.eventId()));
    }
    List<RecordedEvent> all = readAll(store);
    assertThat(all)
        .as("readAll in the order the appends were acknowledged")
        .extracting(RecordedEvent::eventId)
        .containsExactlyElementsOf(acked);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).position())
          .as("position of global event %d", i + 1)
          .isGreaterThan(all.get(i - 1).position());
    }
    assertThat(all.get(0).position()).as("first position").isPositive();
    assertThat(store.headPosition())
        .as("head position")
        .isEqualTo(all.get(all.size() - 1).position());
  }

  @Override
  public void required_ES103_hashChainIsIntact() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    for (int i = 0; i < 9; i++) {
      store.append("node-" + (i % 3), ExpectedVersion.any(), env.events(i * 10, 1 + i % 4));
    }
    List<RecordedEvent> all = readAll(store);
    assertThat(all).hasSize(21);
    assertChainIntact(all);
    for (String s : List.of("node-0", "node-1", "node-2")) {
      assertChainIntact(store.readStream(s, 1, 100));
    }
  }

  @Override
  public void required_ES104_retryReturnsOriginalEvents() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    List<NewEvent> batch = env.events(1, 3);
    AppendResult first = store.append("node-1", ExpectedVersion.noStream(), batch);
    store.append("node-2", ExpectedVersion.noStream(), List.of(env.event(4)));
    StoreSnapshot before = StoreSnapshot.of(store);
    // The retry expects the version the first attempt expected: the store must recognise it as a
    // retry before it checks the version.
    AppendResult retry = store.append("node-1", ExpectedVersion.noStream(), batch);
    assertThat(retry.duplicate()).as("duplicate flag of the retry").isTrue();
    assertThat(retry.events())
        .as("events the retry returns")
        .extracting(RecordedEvent::hash)
        .containsExactlyElementsOf(first.events().stream().map(RecordedEvent::hash).toList());
    assertThat(retry.events())
        .extracting(RecordedEvent::position)
        .as("positions the retry returns")
        .containsExactlyElementsOf(first.events().stream().map(RecordedEvent::position).toList());
    before.assertUnchanged(store, "after the retry");
  }

  @Override
  public void required_ES105_mixedBatchIsRejected() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    List<NewEvent> batch = env.events(1, 2);
    store.append("node-1", ExpectedVersion.noStream(), batch);
    StoreSnapshot before = StoreSnapshot.of(store);
    List<NewEvent> mixed = List.of(batch.get(0), env.event(3));
    rejects(
        () -> store.append("node-1", ExpectedVersion.any(), mixed),
        EventStoreException.Code.EVENT_ID_CONFLICT);
    before.assertUnchanged(store, "after the mixed batch");
  }

  @Override
  public void required_ES106_reusedIdWithOtherContentIsRejected() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    NewEvent original = env.event(1);
    store.append("node-1", ExpectedVersion.any(), List.of(original));
    StoreSnapshot before = StoreSnapshot.of(store);
    NewEvent forged =
        NewEvent.builder(EventType.NODE_HEALTH_VALIDATED)
            .eventId(original.eventId())
            .occurredAt(original.occurredAt())
            .actor("tck")
            .payload(Payload.of("healthy", false, "checks", List.of("forged")))
            .build();
    rejects(
        () -> store.append("node-1", ExpectedVersion.any(), List.of(forged)),
        EventStoreException.Code.EVENT_ID_CONFLICT);
    rejects(
        () -> store.append("node-2", ExpectedVersion.any(), List.of(original)),
        EventStoreException.Code.EVENT_ID_CONFLICT);
    before.assertUnchanged(store, "after reusing an id with other content");
  }

  @Override
  public void required_ES107_largeAndUnicodePayloadsRoundTrip() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    String unicode =
        "Zürich — 東京 — \uD83D\uDE80 \uD834\uDD1E — \"quoted\" \\ / \n\t\r \u0001 \u2028 é"
            + " \uFEFF";
    // Fill to within 2 KiB of the limit, with 3-byte and 4-byte UTF-8 characters mixed in.
    String unit = "abcdefgh東京\uD83D\uDE80";
    int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
    int repeats = (Payload.MAX_BYTES - 2048) / unitBytes;
    String big = unicode + unit.repeat(repeats);
    Payload large = Payload.of("healthy", true, "checks", List.of(big));
    int bytes = large.json().getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes)
        .as("size of the large payload")
        .isBetween(Payload.MAX_BYTES - 8192, Payload.MAX_BYTES);
    Payload keys =
        Payload.of(Map.of("ключ", "значение", "鍵", List.of("値", 1, true), "emoji\uD83D\uDE00", ""));
    List<NewEvent> events =
        List.of(
            env.event(large),
            env.event(keys),
            env.event(Payload.of("checks", List.of(unicode), "healthy", false)));
    String stream = "node-ü-東京-\uD83D\uDE80";
    AppendResult r = store.append(stream, ExpectedVersion.noStream(), events);
    List<RecordedEvent> read = store.readStream(stream, 1, 10);
    assertThat(read).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(read.get(i).payload().json())
          .as("payload %d read back", i + 1)
          .isEqualTo(events.get(i).payload().json());
      assertThat(read.get(i).toJson())
          .as("envelope %d", i + 1)
          .isEqualTo(r.events().get(i).toJson());
      assertThat(read.get(i).hashMatches()).as("hash of event %d", i + 1).isTrue();
    }
    assertThat(readAll(store)).extracting(RecordedEvent::streamId).containsOnly(stream);
  }

  // ---------------------------------------------------------------------------------------------
  // ES-2 Reading

  @Override
  public void required_ES201_readAllPagesCoverEveryEventOnce() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    for (int i = 0; i < 9; i++) {
      store.append("node-" + (i % 4), ExpectedVersion.any(), env.events(i * 10, 1 + i % 4));
    }
    List<RecordedEvent> all = store.readAll(1, 1000);
    assertThat(all).as("events in one read").hasSize(21);
    List<RecordedEvent> paged = new ArrayList<>();
    long from = 1;
    while (true) {
      List<RecordedEvent> page = store.readAll(from, 5);
      assertThat(page.size())
          .as("size of the page from position %d", from)
          .isEqualTo(Math.min(5, all.size() - paged.size()));
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(page);
      from = page.get(page.size() - 1).position() + 1;
    }
    assertThat(paged)
        .as("pages of 5 joined")
        .extracting(RecordedEvent::eventId)
        .containsExactlyElementsOf(all.stream().map(RecordedEvent::eventId).toList());
    assertThat(store.readAll(all.get(7).position(), 4))
        .as("readAll from the 8th event's position")
        .extracting(RecordedEvent::eventId)
        .containsExactlyElementsOf(
            all.subList(7, 11).stream().map(RecordedEvent::eventId).toList());
    assertThat(store.readAll(store.headPosition() + 1, 10)).as("readAll after the head").isEmpty();
  }

  @Override
  public void required_ES202_readStreamFromTheMiddle() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), env.events(1, 3));
    store.append("node-2", ExpectedVersion.noStream(), env.events(100, 2));
    store.append("node-1", ExpectedVersion.exactly(3), env.events(4, 3));
    store.append("node-1", ExpectedVersion.exactly(6), env.events(7, 4));
    assertThat(store.readStream("node-1", 4, 3))
        .as("readStream(node-1, 4, 3)")
        .extracting(RecordedEvent::sequence)
        .containsExactly(4L, 5L, 6L);
    assertThat(store.readStream("node-1", 9, 100))
        .as("readStream(node-1, 9, 100)")
        .extracting(RecordedEvent::sequence)
        .containsExactly(9L, 10L);
    assertThat(store.readStream("node-1", 11, 5)).as("readStream past the end").isEmpty();
    List<RecordedEvent> whole = store.readStream("node-1", 1, 100);
    assertThat(store.readStream("node-1", 5, 2))
        .extracting(RecordedEvent::eventId)
        .containsExactly(whole.get(4).eventId(), whole.get(5).eventId());
    assertThat(whole)
        .as("node-1 by readStream and by readAll")
        .extracting(RecordedEvent::eventId)
        .containsExactlyElementsOf(
            readAll(store).stream()
                .filter(e -> e.streamId().equals("node-1"))
                .map(RecordedEvent::eventId)
                .toList());
  }

  @Override
  public void required_ES203_unknownStreamReadsEmpty() throws Throwable {
    EventStore store = store();
    assertThat(store.headPosition()).as("head of an empty store").isZero();
    assertThat(store.readAll(1, 10)).as("readAll of an empty store").isEmpty();
    assertThat(store.readStream("nobody", 1, 10)).as("unknown stream").isEmpty();
    assertThat(store.streamVersion("nobody")).as("version of an unknown stream").isZero();
    store.append("node-1", ExpectedVersion.noStream(), List.of(env().event(1)));
    assertThat(store.readStream("nobody", 1, 10)).as("unknown stream").isEmpty();
    assertThat(store.streamVersion("nobody")).as("version of an unknown stream").isZero();
    assertThat(store.readStream("node-", 1, 10)).as("a prefix of a stream id").isEmpty();
  }

  @Override
  public void required_ES204_readsReturnWhatAppendRecorded() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    List<RecordedEvent> recorded = new ArrayList<>();
    recorded.addAll(store.append("node-1", ExpectedVersion.noStream(), env.events(1, 3)).events());
    env.clock().advance(java.time.Duration.ofMillis(1234).plusNanos(567_891));
    recorded.addAll(store.append("node-2", ExpectedVersion.noStream(), env.events(4, 2)).events());
    List<RecordedEvent> all = readAll(store);
    assertThat(all).hasSize(recorded.size());
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).toJson())
          .as("envelope %d by readAll", i + 1)
          .isEqualTo(recorded.get(i).toJson());
      assertThat(all.get(i).position())
          .as("position %d by readAll", i + 1)
          .isEqualTo(recorded.get(i).position());
    }
    List<RecordedEvent> stream = store.readStream("node-2", 1, 10);
    assertThat(stream.get(1).toJson()).isEqualTo(recorded.get(4).toJson());
    assertThat(stream.get(1).position()).isEqualTo(recorded.get(4).position());
  }

  // ---------------------------------------------------------------------------------------------
  // ES-3 Concurrency

  @Override
  public void required_ES301_staleExpectedVersionIsRejected() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), env.events(1, 3));
    StoreSnapshot before = StoreSnapshot.of(store);
    EventStoreException e =
        rejects(
            () -> store.append("node-1", ExpectedVersion.exactly(2), env.events(4, 2)),
            EventStoreException.Code.CONCURRENCY_CONFLICT);
    assertThat(e.expectedVersion()).as("expectedVersion of the conflict").isEqualTo(2);
    assertThat(e.actualVersion()).as("actualVersion of the conflict").isEqualTo(3);
    rejects(
        () -> store.append("node-1", ExpectedVersion.exactly(4), env.events(6, 1)),
        EventStoreException.Code.CONCURRENCY_CONFLICT);
    before.assertUnchanged(store, "after the stale appends");
  }

  @Override
  public void required_ES302_noStreamOnExistingStreamIsRejected() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), List.of(env.event(1)));
    StoreSnapshot before = StoreSnapshot.of(store);
    EventStoreException e =
        rejects(
            () -> store.append("node-1", ExpectedVersion.noStream(), env.events(2, 2)),
            EventStoreException.Code.CONCURRENCY_CONFLICT);
    assertThat(e.expectedVersion()).as("expectedVersion of the conflict").isZero();
    assertThat(e.actualVersion()).as("actualVersion of the conflict").isEqualTo(1);
    before.assertUnchanged(store, "after noStream on an existing stream");
  }

  @Override
  public void required_ES303_exactExpectedVersionSucceeds() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    AppendResult a = store.append("node-1", ExpectedVersion.exactly(0), env.events(1, 2));
    assertThat(a.nextExpectedVersion()).isEqualTo(2);
    assertThat(a.duplicate()).isFalse();
    AppendResult b = store.append("node-1", ExpectedVersion.exactly(2), List.of(env.event(3)));
    assertThat(b.events()).extracting(RecordedEvent::sequence).containsExactly(3L);
    AppendResult c = store.append("node-1", ExpectedVersion.any(), List.of(env.event(4)));
    assertThat(c.events()).extracting(RecordedEvent::sequence).containsExactly(4L);
    AppendResult d = store.append("node-2", ExpectedVersion.any(), List.of(env.event(5)));
    assertThat(d.events()).extracting(RecordedEvent::sequence).containsExactly(1L);
    assertThat(store.streamVersion("node-1")).isEqualTo(4);
  }

  @Override
  public void optional_ES304_racingWritersHaveOneWinnerPerVersion() throws Throwable {
    assumeTrue(
        supportsConcurrentAppenders(),
        "the store does not support concurrent appenders (supportsConcurrentAppenders() is false)");
    TckEnvironment env = env();
    EventStore store = store();
    int rounds = 10;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int version = 0; version < rounds; version++) {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        long expected = version;
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          NewEvent e = env.event(version * 100 + t);
          outcomes.add(
              pool.submit(
                  () -> {
                    start.await(env.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    try {
                      store.append("race", ExpectedVersion.exactly(expected), List.of(e));
                      return true;
                    } catch (EventStoreException x) {
                      if (x.code() != EventStoreException.Code.CONCURRENCY_CONFLICT) {
                        throw x;
                      }
                      return false;
                    }
                  }));
        }
        int winners = 0;
        for (Future<Boolean> f : outcomes) {
          winners += f.get(env.timeout().toMillis(), TimeUnit.MILLISECONDS) ? 1 : 0;
        }
        assertThat(winners)
            .as(
                "writers that won version %d (the others must get CONCURRENCY_CONFLICT)",
                version + 1)
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    List<RecordedEvent> race = store.readStream("race", 1, 1000);
    assertThat(race).extracting(RecordedEvent::sequence).hasSize(rounds);
    assertChainIntact(race);
    assertThat(store.headPosition())
        .as("head after %d rounds", rounds)
        .isEqualTo(race.get(rounds - 1).position());
  }

  @Override
  public void optional_ES305_concurrentWritersLoseNothing() throws Throwable {
    assumeTrue(
        supportsConcurrentAppenders(),
        "the store does not support concurrent appenders (supportsConcurrentAppenders() is false)");
    TckEnvironment env = env();
    EventStore store = store();
    int appendsPerThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    Map<UUID, RecordedEvent> acked = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  start.await(env.timeout().toMillis(), TimeUnit.MILLISECONDS);
                  for (int i = 0; i < appendsPerThread; i++) {
                    String stream =
                        i % 3 == 0
                            ? "shared"
                            : String.format(Locale.ROOT, "w%d-s%d", thread, i % 4);
                    List<NewEvent> batch = env.events(thread * 10_000 + i * 10, 1 + i % 3);
                    for (RecordedEvent e :
                        store.append(stream, ExpectedVersion.any(), batch).events()) {
                      acked.put(e.eventId(), e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : writers) {
        w.get(env.timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<RecordedEvent> all = readAll(store);
    assertThat(all).as("events in the global order").hasSize(acked.size());
    Set<Long> positions = new HashSet<>();
    for (RecordedEvent e : all) {
      RecordedEvent ack = acked.get(e.eventId());
      assertThat(ack).as("acknowledged event %s", e.eventId()).isNotNull();
      assertThat(e.position()).as("position of %s", e).isEqualTo(ack.position());
      assertThat(positions.add(e.position())).as("position %d is unique", e.position()).isTrue();
    }
    assertChainIntact(all);
  }

  // ---------------------------------------------------------------------------------------------
  // ES-4 Subscriptions

  @Override
  public void required_ES401_subscriptionCatchesUpThenFollows() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    for (int i = 0; i < 5; i++) {
      store.append("node-" + i, ExpectedVersion.noStream(), List.of(env.event(i)));
    }
    List<RecordedEvent> before = readAll(store);
    List<UUID> seen = Collections.synchronizedList(new ArrayList<>());
    AppendResult live;
    try (Subscription s = store.subscribe(before.get(2).position(), e -> seen.add(e.eventId()))) {
      assertThat(s.awaitDelivered(before.get(4).position(), env.timeout()))
          .as("caught up within %s", env.timeout())
          .isTrue();
      live = store.append("node-9", ExpectedVersion.noStream(), env.events(9, 2));
      assertThat(s.awaitDelivered(live.lastPosition(), env.timeout()))
          .as("live events delivered within %s", env.timeout())
          .isTrue();
      assertThat(s.failure()).as("subscription failure").isEmpty();
    }
    List<UUID> expected = new ArrayList<>();
    before.subList(2, 5).forEach(e -> expected.add(e.eventId()));
    live.events().forEach(e -> expected.add(e.eventId()));
    assertThat(seen).as("delivered events").containsExactlyElementsOf(expected);
  }

  @Override
  public void required_ES402_subscriptionFromTheHeadSeesOnlyNewEvents() throws Throwable {
    TckEnvironment env = env();
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), env.events(1, 3));
    List<UUID> seen = Collections.synchronizedList(new ArrayList<>());
    AppendResult live;
    try (Subscription s = store.subscribe(store.headPosition() + 1, e -> seen.add(e.eventId()))) {
      live = store.append("node-1", ExpectedVersion.exactly(3), env.events(4, 2));
      assertThat(s.awaitDelivered(live.lastPosition(), env.timeout()))
          .as("new events delivered within %s", env.timeout())
          .isTrue();
      assertThat(s.failure()).as("subscription failure").isEmpty();
    }
    assertThat(seen)
        .as("delivered events")
        .containsExactlyElementsOf(live.events().stream().map(RecordedEvent::eventId).toList());
  }

  // ---------------------------------------------------------------------------------------------
  // ES-5 Durability

  @Override
  public void required_ES501_acknowledgedEventsSurviveReopen() throws Throwable {
    assumeTrue(isDurable(), "not a durable store (isDurable() is false)");
    TckEnvironment env = env();
    EventStore first = store();
    List<NewEvent> batch = env.events(1, 3);
    first.append("node-1", ExpectedVersion.noStream(), batch);
    first.append("node-2", ExpectedVersion.noStream(), env.events(10, 2));
    first.append("node-1", ExpectedVersion.exactly(3), List.of(env.event(20)));
    List<RecordedEvent> acked = readAll(first);
    first.close();
    store = reopen(env);
    EventStore reopened = store();
    List<RecordedEvent> read = readAll(reopened);
    assertThat(read).as("events after reopening").hasSize(acked.size());
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).toJson())
          .as("envelope %d after reopening", i + 1)
          .isEqualTo(acked.get(i).toJson());
      assertThat(read.get(i).position())
          .as("position %d after reopening", i + 1)
          .isEqualTo(acked.get(i).position());
    }
    assertThat(reopened.headPosition()).isEqualTo(acked.get(acked.size() - 1).position());
    assertThat(reopened.streamVersion("node-1")).isEqualTo(4);
    AppendResult retry = reopened.append("node-1", ExpectedVersion.noStream(), batch);
    assertThat(retry.duplicate()).as("retry after reopening is a duplicate").isTrue();
    AppendResult next =
        reopened.append("node-1", ExpectedVersion.exactly(4), List.of(env.event(30)));
    assertThat(next.events().get(0).sequence()).isEqualTo(5);
    assertThat(next.events().get(0).prevHash())
        .as("prevHash across the reopen")
        .isEqualTo(read.get(read.size() - 1).hash());
    assertThat(next.lastPosition()).isGreaterThan(acked.get(acked.size() - 1).position());
  }

  @Override
  public void required_ES502_acknowledgedEventsSurviveProcessCrash() throws Throwable {
    assumeTrue(isDurable(), "not a durable store (isDurable() is false)");
    Class<? extends EventStoreFactory> factory = crashableStoreFactory();
    assumeTrue(
        factory != null, "no factory for a forked JVM (crashableStoreFactory() returned null)");
    CrashRule.run(factory, env(), crashKillPoints());
  }

  // ---------------------------------------------------------------------------------------------
  // ES-6 Input and lifecycle

  @Override
  public void required_ES601_emptyBatchIsRejected() throws Throwable {
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), List.of(env().event(1)));
    StoreSnapshot before = StoreSnapshot.of(store);
    assertRejects(
        () -> store.append("node-1", ExpectedVersion.any(), List.of()),
        IllegalArgumentException.class,
        "append of an empty batch");
    assertRejects(
        () -> store.append("node-2", ExpectedVersion.noStream(), List.of()),
        IllegalArgumentException.class,
        "append of an empty batch");
    before.assertUnchanged(store, "after empty batches");
  }

  @Override
  public void required_ES602_repeatedIdInOneBatchIsRejected() throws Throwable {
    EventStore store = store();
    NewEvent e = env().event(1);
    assertRejects(
        () -> store.append("node-1", ExpectedVersion.noStream(), List.of(e, env().event(2), e)),
        IllegalArgumentException.class,
        "append of a batch that repeats an id");
    assertThat(store.headPosition()).as("head").isZero();
    assertThat(store.streamVersion("node-1")).as("version of node-1").isZero();
    assertThat(store.append("node-1", ExpectedVersion.noStream(), List.of(e)).duplicate())
        .as("the id is still free")
        .isFalse();
  }

  @Override
  public void required_ES603_invalidStreamIdIsRejected() throws Throwable {
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), List.of(env().event(1)));
    StoreSnapshot before = StoreSnapshot.of(store);
    for (String bad : List.of("", " node", "node 1", "node\n1", "node\u00001", "x".repeat(201))) {
      assertRejects(
          () -> store.append(bad, ExpectedVersion.any(), List.of(env().event(2))),
          IllegalArgumentException.class,
          "append to stream id '%s'",
          bad.replace("\u0000", "\\0").replace("\n", "\\n"));
    }
    before.assertUnchanged(store, "after invalid stream ids");
  }

  @Override
  public void required_ES604_invalidReadArgumentsAreRejected() throws Throwable {
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), List.of(env().event(1)));
    List<ThrowingCallable> calls =
        List.of(
            () -> store.readAll(0, 10),
            () -> store.readAll(1, 0),
            () -> store.readAll(-5, 10),
            () -> store.readStream("node-1", 0, 10),
            () -> store.readStream("node-1", 1, 0),
            () -> store.readStream("node-1", 1, -1));
    String[] names = {
      "readAll(0, 10)",
      "readAll(1, 0)",
      "readAll(-5, 10)",
      "readStream(node-1, 0, 10)",
      "readStream(node-1, 1, 0)",
      "readStream(node-1, 1, -1)"
    };
    for (int i = 0; i < calls.size(); i++) {
      assertThat(catchThrowable(calls.get(i)))
          .as(names[i])
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Override
  public void required_ES605_closedStoreFailsWithClosed() throws Throwable {
    EventStore store = store();
    store.append("node-1", ExpectedVersion.noStream(), List.of(env().event(1)));
    store.close();
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put(
        "append", () -> store.append("node-1", ExpectedVersion.any(), List.of(env().event(2))));
    calls.put("readStream", () -> store.readStream("node-1", 1, 10));
    calls.put("readAll", () -> store.readAll(1, 10));
    calls.put("streamVersion", () -> store.streamVersion("node-1"));
    calls.put("headPosition", store::headPosition);
    for (Map.Entry<String, ThrowingCallable> c : calls.entrySet()) {
      rejects(c.getValue(), EventStoreException.Code.CLOSED, c.getKey() + " on a closed store");
    }
    store.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static EventStoreException rejects(ThrowingCallable call, EventStoreException.Code code) {
    return rejects(call, code, "the call");
  }

  private static EventStoreException rejects(
      ThrowingCallable call, EventStoreException.Code code, String what) {
    Throwable t = catchThrowable(call);
    assertThat(t)
        .as(
            String.format(
                Locale.ROOT, "%s; expected EventStoreException %s, but got %s", what, code, t))
        .isInstanceOf(EventStoreException.class);
    EventStoreException e = (EventStoreException) t;
    assertThat(e.code()).as("%s: code of %s", what, e.getMessage()).isEqualTo(code);
    return e;
  }

  /** Reads the whole global order in pages. */
  static List<RecordedEvent> readAll(EventStore store) throws EventStoreException {
    List<RecordedEvent> all = new ArrayList<>();
    long from = 1;
    while (true) {
      List<RecordedEvent> page = store.readAll(from, 500);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      from = page.get(page.size() - 1).position() + 1;
    }
  }

  /**
   * Asserts that every event's hash matches and that, per stream, sequences run 1, 2, 3, ... and
   * each prevHash is the hash of the event before. {@code events} hold whole streams, in order.
   */
  static void assertChainIntact(List<RecordedEvent> events) {
    Map<String, RecordedEvent> last = new HashMap<>();
    for (RecordedEvent e : events) {
      assertThat(e.hashMatches()).as("hash of %s matches its envelope", e).isTrue();
      RecordedEvent prev = last.put(e.streamId(), e);
      assertThat(e.sequence())
          .as("sequence of %s", e)
          .isEqualTo(prev == null ? 1 : prev.sequence() + 1);
      assertThat(e.prevHash()).as("prevHash of %s", e).isEqualTo(prev == null ? null : prev.hash());
    }
  }

  /** What a store holds, to prove a rejected call wrote nothing. */
  private static final class StoreSnapshot {
    private final long head;
    private final List<String> envelopes;

    private StoreSnapshot(long head, List<String> envelopes) {
      this.head = head;
      this.envelopes = envelopes;
    }

    static StoreSnapshot of(EventStore store) throws EventStoreException {
      return new StoreSnapshot(
          store.headPosition(), readAll(store).stream().map(RecordedEvent::toJson).toList());
    }

    void assertUnchanged(EventStore store, String when) throws EventStoreException {
      assertThat(store.headPosition())
          .as("head position %s; nothing may be written", when)
          .isEqualTo(head);
      assertThat(readAll(store).stream().map(RecordedEvent::toJson).toList())
          .as("events %s; nothing may be written", when)
          .containsExactlyElementsOf(envelopes);
    }
  }

  /** Asserts that {@code call} throws {@code type}, describing the call in the failure message. */
  static void assertRejects(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      Class<? extends Throwable> type,
      String what,
      Object... args) {
    Throwable t = catchThrowable(call);
    String described = String.format(Locale.ROOT, what, args);
    assertThat(t)
        .as("%s; expected %s, but got %s", described, type.getSimpleName(), t)
        .isInstanceOf(type);
  }
}
