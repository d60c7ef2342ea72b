package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance rules of the {@link EventStore} SPI. A vendor extends this class in its test
 * sources and implements {@link #createStore(TckEnvironment)}; every rule then runs against the
 * vendor's store. Rule ids ({@code ES-x.y}) are listed in {@code docs/conformance.md}.
 *
 * @since 0.1
 */
@DisplayName("EventStore conformance")
public abstract class EventStoreVerification {
  private TckEnvironment env;
  private EventStore store;

  /**
   * Creates a new, empty store for one test.
   *
   * @param env the test's environment; stamp events with {@link TckEnvironment#clock()}
   * @return the store under test
   * @throws Exception if the store cannot be created
   */
  protected abstract EventStore createStore(TckEnvironment env) throws Exception;

  @BeforeEach
  final void setUpStore() throws Exception {
    env = new TckEnvironment();
    store = createStore(env);
  }

  @AfterEach
  final void closeStore() throws Exception {
    store.close();
  }

  @Test
  @Tag("required")
  @DisplayName("ES-1.1 a stream reads back in append order with sequences 1..n and intact hashes")
  void required_ES101_streamReadsBackInOrder() throws Exception {
    store.append("node-1", ExpectedVersion.noStream(), List.of(env.event(1), env.event(2)));
    store.append("node-1", ExpectedVersion.exactly(2), List.of(env.event(3)));
    List<RecordedEvent> read = store.readStream("node-1", 1, 100);
    assertThat(read).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(read).allMatch(RecordedEvent::hashMatches);
    assertThat(read.get(0).prevHash()).isNull();
    assertThat(read.get(1).prevHash()).isEqualTo(read.get(0).hash());
    assertThat(read.get(2).prevHash()).isEqualTo(read.get(1).hash());
    assertThat(store.streamVersion("node-1")).isEqualTo(3);
  }

  @Test
  @Tag("required")
  @DisplayName("ES-1.2 the global order has strictly increasing positions across streams")
  void required_ES102_globalOrderIsStrictlyIncreasing() throws Exception {
    for (int i = 0; i < 10; i++) {
      store.append("node-" + (i % 3), ExpectedVersion.any(), List.of(env.event(i)));
    }
    List<RecordedEvent> all = store.readAll(1, 100);
    assertThat(all).hasSize(10);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).position()).isGreaterThan(all.get(i - 1).position());
    }
    assertThat(store.headPosition()).isEqualTo(all.get(all.size() - 1).position());
    assertThat(store.readAll(all.get(4).position(), 3))
        .containsExactlyElementsOf(all.subList(4, 7));
  }

  @Test
  @Tag("required")
  @DisplayName(
      "ES-2.1 an append with a stale expected version fails with CONCURRENCY_CONFLICT and writes nothing")
  void required_ES201_staleExpectedVersionIsRejected() throws Exception {
    store.append("node-1", ExpectedVersion.noStream(), List.of(env.event(1)));
    long head = store.headPosition();
    assertThatThrownBy(
            () ->
                store.append(
                    "node-1", ExpectedVersion.noStream(), List.of(env.event(2), env.event(3))))
        .isInstanceOfSatisfying(
            EventStoreException.class,
            e -> {
              assertThat(e.code()).isEqualTo(EventStoreException.Code.CONCURRENCY_CONFLICT);
              assertThat(e.expectedVersion()).isZero();
              assertThat(e.actualVersion()).isEqualTo(1);
            });
    assertThat(store.headPosition()).isEqualTo(head);
    assertThat(store.streamVersion("node-1")).isEqualTo(1);
  }

  @Test
  @Tag("required")
  @DisplayName(
      "ES-3.1 retrying an acknowledged append returns the original events and writes nothing")
  void required_ES301_retryIsIdempotent() throws Exception {
    List<NewEvent> batch = List.of(env.event(1), env.event(2));
    AppendResult first = store.append("node-1", ExpectedVersion.noStream(), batch);
    AppendResult retry = store.append("node-1", ExpectedVersion.noStream(), batch);
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.events())
        .extracting(RecordedEvent::hash)
        .containsExactlyElementsOf(first.events().stream().map(RecordedEvent::hash).toList());
    assertThat(store.headPosition()).isEqualTo(2);
  }

  @Test
  @Tag("required")
  @DisplayName("ES-3.2 an event id recorded with other content fails with EVENT_ID_CONFLICT")
  void required_ES302_reusedIdWithOtherContentIsRejected() throws Exception {
    NewEvent original = env.event(1);
    store.append("node-1", ExpectedVersion.any(), List.of(original));
    NewEvent forged =
        NewEvent.builder(EventType.NODE_HEALTH_VALIDATED)
            .eventId(original.eventId())
            .occurredAt(original.occurredAt())
            .actor("tck")
            .payload(Payload.of("healthy", false, "checks", List.of("forged")))
            .build();
    assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), List.of(forged)))
        .isInstanceOfSatisfying(
            EventStoreException.class,
            e -> assertThat(e.code()).isEqualTo(EventStoreException.Code.EVENT_ID_CONFLICT));
    assertThat(store.headPosition()).isEqualTo(1);
  }

  @Test
  @Tag("required")
  @DisplayName("ES-4.1 a subscription catches up from its start position, then follows new appends")
  void required_ES401_subscriptionCatchesUpThenFollows() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.append("node-" + i, ExpectedVersion.noStream(), List.of(env.event(i)));
    }
    List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    try (Subscription s = store.subscribe(3, e -> seen.add(e.position()))) {
      assertThat(s.awaitDelivered(5, env.timeout())).isTrue();
      store.append("node-9", ExpectedVersion.noStream(), List.of(env.event(9)));
      assertThat(s.awaitDelivered(6, env.timeout())).isTrue();
      assertThat(s.failure()).isEmpty();
    }
    assertThat(seen).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  @Tag("required")
  @DisplayName("ES-5.1 unicode and large payloads round-trip byte for byte")
  void required_ES501_unicodeAndLargePayloadsRoundTrip() throws Exception {
    String text = "Zürich — 東京 — \uD83D\uDE80 — \"quoted\" \\ \n" + "x".repeat(100_000);
    NewEvent e =
        NewEvent.builder(EventType.NODE_HEALTH_VALIDATED)
            .eventId(java.util.UUID.randomUUID())
            .occurredAt(env.clock().instant())
            .actor("tck")
            .payload(Payload.of("healthy", true, "checks", List.of(text)))
            .build();
    store.append("node-ü", ExpectedVersion.noStream(), List.of(e));
    RecordedEvent read = store.readStream("node-ü", 1, 1).get(0);
    assertThat(read.payload().json()).isEqualTo(e.payload().json());
    assertThat(read.hashMatches()).isTrue();
  }

  @Test
  @Tag("required")
  @DisplayName("ES-6.1 a closed store fails every call with CLOSED")
  void required_ES601_closedStoreRejectsCalls() throws Exception {
    store.close();
    assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), List.of(env.event(1))))
        .isInstanceOfSatisfying(
            EventStoreException.class,
            e -> assertThat(e.code()).isEqualTo(EventStoreException.Code.CLOSED));
    assertThatThrownBy(() -> store.readAll(1, 10))
        .isInstanceOfSatisfying(
            EventStoreException.class,
            e -> assertThat(e.code()).isEqualTo(EventStoreException.Code.CLOSED));
  }
}
