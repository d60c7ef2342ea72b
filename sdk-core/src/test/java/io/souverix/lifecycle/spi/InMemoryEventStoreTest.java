package io.souverix.lifecycle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStoreException.Code;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EventStore rules against the in-memory store; the SQLite adapter runs the same cases. */
class InMemoryEventStoreTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  final EventStore store = EventStore.inMemory(CLOCK);
  final EventIds ids = EventIds.create(CLOCK, new Random(42));

  @AfterEach
  void close() throws EventStoreException {
    store.close();
  }

  NewEvent event(Payload payload) {
    return NewEvent.builder("test.something_happened", 1)
        .eventId(ids.next())
        .occurredAt(CLOCK.instant())
        .actor("tester")
        .payload(payload)
        .build();
  }

  List<NewEvent> batch(int n) {
    List<NewEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(event(Payload.of("index", i)));
    }
    return out;
  }

  static Code code(Throwable t) {
    return ((EventStoreException) t).code();
  }

  @Test
  void append_threeEvents_readBackInOrderWithChainedHashes() throws Exception {
    AppendResult r = store.append("node-1", ExpectedVersion.noStream(), batch(3));

    List<RecordedEvent> read = store.readStream("node-1", 1, 10);
    assertThat(r.duplicate()).isFalse();
    assertThat(r.nextExpectedVersion()).isEqualTo(3);
    assertThat(read).containsExactlyElementsOf(r.events());
    assertThat(read).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(read.get(0).prevHash()).isNull();
    assertThat(read.get(2).prevHash()).isEqualTo(read.get(1).hash());
    assertThat(read).allMatch(RecordedEvent::hashMatches);
    assertThat(store.readAll(2, 10)).containsExactlyElementsOf(read.subList(1, 3));
    assertThat(store.streamVersion("node-1")).isEqualTo(3);
    assertThat(store.headPosition()).isEqualTo(3);
  }

  @Test
  void append_staleExpectedVersion_throwsConflictAndWritesNothing() throws Exception {
    store.append("node-1", ExpectedVersion.noStream(), batch(2));

    assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.noStream(), batch(1)))
        .isInstanceOfSatisfying(
            EventStoreException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.CONCURRENCY_CONFLICT);
              assertThat(e.getMessage()).contains("expected version 0, but got 2");
            });
    assertThat(store.headPosition()).isEqualTo(2);
  }

  @Test
  void append_retryOfRecordedEvents_returnsOriginalsAsDuplicate() throws Exception {
    List<NewEvent> events = batch(2);
    AppendResult first = store.append("node-1", ExpectedVersion.noStream(), events);

    AppendResult retry = store.append("node-1", ExpectedVersion.noStream(), events);

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.events()).containsExactlyElementsOf(first.events());
    assertThat(store.headPosition()).isEqualTo(2);
  }

  @Test
  void append_mixedOrChangedIds_throwsEventIdConflictAndWritesNothing() throws Exception {
    List<NewEvent> events = batch(1);
    store.append("node-1", ExpectedVersion.any(), events);
    NewEvent changed =
        NewEvent.builder("test.something_happened", 1)
            .eventId(events.get(0).eventId())
            .occurredAt(CLOCK.instant())
            .actor("tester")
            .payload(Payload.of("other", true))
            .build();

    assertThatThrownBy(
            () ->
                store.append(
                    "node-1", ExpectedVersion.any(), List.of(events.get(0), batch(1).get(0))))
        .satisfies(t -> assertThat(code(t)).isEqualTo(Code.EVENT_ID_CONFLICT));
    assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), List.of(changed)))
        .satisfies(t -> assertThat(code(t)).isEqualTo(Code.EVENT_ID_CONFLICT));
    assertThat(store.headPosition()).isEqualTo(1);
  }

  @Test
  void append_badBatch_isRejectedBeforeWriting() {
    NewEvent e = batch(1).get(0);

    assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), List.of(e, e)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.append("bad id", ExpectedVersion.any(), List.of(e)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readAll_inPages_returnsEveryPositionOnceInOrder() throws Exception {
    for (int i = 0; i < 7; i++) {
      store.append("s-" + (i % 3), ExpectedVersion.any(), batch(3));
    }
    List<Long> positions = new ArrayList<>();
    for (long from = 1; ; ) {
      List<RecordedEvent> page = store.readAll(from, 4);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(e -> positions.add(e.position()));
      from = page.get(page.size() - 1).position() + 1;
    }
    assertThat(positions).containsExactlyElementsOf(LongStream.rangeClosed(1, 21).boxed().toList());
  }

  @Test
  void subscribe_afterCatchUp_deliversLiveAppendsInOrder() throws Exception {
    store.append("node-1", ExpectedVersion.any(), batch(3));
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    try (Subscription sub = store.subscribe(2, e -> seen.add(e.position()))) {
      assertThat(sub.awaitDelivered(3, Duration.ofSeconds(10))).isTrue();
      store.append("node-2", ExpectedVersion.any(), batch(2));
      assertThat(sub.awaitDelivered(5, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(seen).containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void append_concurrentWritersOnOneStream_exactlyOneWinsEachVersion() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> wins = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        wins.add(
            pool.submit(
                () -> {
                  start.await();
                  int won = 0;
                  for (int i = 0; i < 200; i++) {
                    long v = store.streamVersion("hot");
                    try {
                      store.append("hot", ExpectedVersion.exactly(v), batch(1));
                      won++;
                    } catch (EventStoreException e) {
                      assertThat(e.code()).isEqualTo(Code.CONCURRENCY_CONFLICT);
                    }
                  }
                  return won;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : wins) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(store.readStream("hot", 1, 10_000))
          .extracting(RecordedEvent::sequence)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void append_unicodePayloadAndStream_roundTripExactly() throws Exception {
    Payload p = Payload.of("text", "grüße 𝄞 \u20ac \"q\" \\ \n\u0001", "😀", List.of("\ufb33"));
    store.append("node-ü/😀", ExpectedVersion.any(), List.of(event(p)));

    RecordedEvent e = store.readStream("node-ü/😀", 1, 1).get(0);
    assertThat(e.payload()).isEqualTo(p);
    assertThat(e.hashMatches()).isTrue();
  }

  @Test
  void closedStore_everyOperation_throwsClosed() throws Exception {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.append("n", ExpectedVersion.any(), batch(1)))
        .satisfies(t -> assertThat(code(t)).isEqualTo(Code.CLOSED));
    assertThatThrownBy(() -> store.readAll(1, 1))
        .satisfies(t -> assertThat(code(t)).isEqualTo(Code.CLOSED));
    assertThatThrownBy(() -> store.streamVersion("n"))
        .satisfies(t -> assertThat(code(t)).isEqualTo(Code.CLOSED));
  }
}
