package io.souverix.lifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.verify.ChainProblem.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  final EventStore store = EventStore.inMemory(CLOCK);
  final EventIds ids = EventIds.create(CLOCK, new Random(3));

  @BeforeEach
  void fill() throws EventStoreException {
    // 2,500 events over 5 streams: more than two verifier pages.
    for (int i = 0; i < 500; i++) {
      List<NewEvent> batch = new ArrayList<>();
      for (int j = 0; j < 5; j++) {
        batch.add(
            NewEvent.builder("test.something_happened", 1)
                .eventId(ids.next())
                .occurredAt(CLOCK.instant())
                .actor("tester")
                .payload(Payload.of("i", i, "j", j))
                .build());
      }
      store.append("s-" + (i % 5), ExpectedVersion.any(), batch);
    }
  }

  @AfterEach
  void close() throws EventStoreException {
    store.close();
  }

  @Test
  void verify_inMemoryStore_isOkAndCountsEverything() throws Exception {
    ChainVerification v = ChainVerifier.verify(store);

    assertThat(v.ok()).isTrue();
    assertThat(v.problems()).isEmpty();
    assertThat(v.eventsChecked()).isEqualTo(2500);
    assertThat(v.streamsChecked()).isEqualTo(5);
    assertThat(v.headPosition()).isEqualTo(2500);
  }

  @Test
  void verify_emptyStore_isOk() throws Exception {
    try (EventStore empty = EventStore.inMemory(CLOCK)) {
      ChainVerification v = ChainVerifier.verify(empty);
      assertThat(v.ok()).isTrue();
      assertThat(v.eventsChecked()).isZero();
    }
  }

  @Test
  void verify_copiesWithEditsDeletionsAndRepeats_reportsEveryProblem() throws Exception {
    List<RecordedEvent> events = new ArrayList<>(store.readAll(1, 10_000));
    RecordedEvent edited = events.get(1099).withPayload(1, Payload.of("i", "forged"));
    events.set(1099, edited); // position 1100: payload edited, stored hash kept
    events.remove(2000); // position 2001 deleted; its batch's stream continues at 2002
    events.add(restoreAt(events.get(10), 2501)); // id of position 11 repeated at the end

    ChainVerification v = ChainVerifier.verify(new ListStore(events));

    assertThat(v.problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(
            tuple(1100L, Kind.HASH_MISMATCH),
            tuple(2002L, Kind.POSITION_GAP),
            tuple(2002L, Kind.SEQUENCE_GAP),
            tuple(2002L, Kind.PREV_HASH_MISMATCH),
            tuple(2501L, Kind.SEQUENCE_OUT_OF_ORDER),
            tuple(2501L, Kind.PREV_HASH_MISMATCH),
            tuple(2501L, Kind.DUPLICATE_EVENT_ID));
    assertThat(v.problems().get(0).eventId()).isEqualTo(edited.eventId());
    assertThat(v.problems().get(6).detail()).contains("also at position 11");
    assertThat(v.eventsChecked()).isEqualTo(2500);
  }

  private static RecordedEvent restoreAt(RecordedEvent e, long position) {
    return RecordedEvent.restore(
        e.toNewEvent(),
        e.streamId(),
        e.sequence(),
        e.prevHash(),
        e.recordedAt(),
        e.hash(),
        position);
  }

  /** A read-only store over a list, to feed the verifier what a tampered store would return. */
  private static final class ListStore implements EventStore {
    private final List<RecordedEvent> events;

    ListStore(List<RecordedEvent> events) {
      this.events = events;
    }

    @Override
    public List<RecordedEvent> readAll(long fromPosition, int maxCount) {
      List<RecordedEvent> page = new ArrayList<>();
      for (RecordedEvent e : events) {
        if (e.position() >= fromPosition && page.size() < maxCount) {
          page.add(e);
        }
      }
      return page;
    }

    @Override
    public long headPosition() {
      return events.get(events.size() - 1).position();
    }

    @Override
    public io.souverix.lifecycle.spi.AppendResult append(
        String streamId, ExpectedVersion expected, List<NewEvent> batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long streamVersion(String streamId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
