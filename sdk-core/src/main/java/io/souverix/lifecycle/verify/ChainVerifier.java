package io.souverix.lifecycle.verify;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the hash chains of a whole store, reading its global order page by page up to the head
 * position at the start.
 *
 * <p>It checks every event's hash against its envelope, its payload's canonical form, its {@code
 * prevHash} against the stored hash of its stream's previous event, gap-free sequences per stream,
 * gap-free global positions and unique event ids, and reports every problem found, not only the
 * first.
 *
 * <p>What it detects: an edit of any hashed field of an event (payload or envelope), unless the
 * editor also rewrote that event's hash <em>and</em> every later hash of its stream; a deleted
 * event that had a successor in its stream (a sequence gap, a {@code prevHash} mismatch, and a
 * position gap); events of one stream stored out of order. What it cannot detect without an
 * external anchor (for example stream heads published to a signed log): deletion of the last events
 * of a stream, or of the store; a whole stream rewritten consistently from the edit onwards; the
 * relative order of events of different streams, since positions are not hashed.
 *
 * <p>Memory grows with the store: about 4 bytes per event (a Bloom filter of ids; candidate
 * duplicates are confirmed by a second pass) and about 150 bytes per stream.
 *
 * @since 0.1
 */
public final class ChainVerifier {
  private static final int PAGE = 1000;

  @SuppressWarnings("UnstableApiUsage")
  private static final Funnel<UUID> UUID_FUNNEL =
      (id, sink) -> sink.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());

  private ChainVerifier() {}

  /**
   * Verifies every event up to the store's current head position.
   *
   * @param store the store to read; not null, left open
   * @return the verification result with every problem found
   * @throws EventStoreException if the store fails other than by holding unreadable events ({@code
   *     CORRUPTED} rows are reported as {@link ChainProblem.Kind#UNREADABLE_EVENT})
   * @since 0.1
   */
  public static ChainVerification verify(EventStore store) throws EventStoreException {
    Objects.requireNonNull(store, "store");
    long head = store.headPosition();
    Checks checks = new Checks(head);
    scan(store, head, checks);
    if (!checks.candidates.isEmpty()) {
      scan(store, head, new DuplicateConfirmation(checks.candidates, checks.problems));
    }
    List<ChainProblem> problems = new ArrayList<>(checks.problems);
    problems.sort(Comparator.comparingLong(ChainProblem::position)); // stable: check order kept
    return new ChainVerification(checks.events, checks.streams.size(), head, problems);
  }

  /** Receives what a scan reads. */
  private interface Visitor {
    void event(RecordedEvent e);

    /** Positions {@code from..to} held only unreadable events; the last one is at {@code to}. */
    void unreadable(long from, long to, EventStoreException failure);
  }

  /**
   * Reads positions 1..head in pages. A page that fails as {@code CORRUPTED} is re-read one event
   * at a time, so one bad row hides nothing around it.
   */
  private static void scan(EventStore store, long head, Visitor visitor)
      throws EventStoreException {
    long next = 1;
    long singleUntil = 0;
    long badFrom = -1;
    EventStoreException badFailure = null;
    while (next <= head) {
      int count = next < singleUntil ? 1 : (int) Math.min(PAGE, head - next + 1);
      List<RecordedEvent> page;
      try {
        page = store.readAll(next, count);
      } catch (EventStoreException e) {
        if (e.code() != EventStoreException.Code.CORRUPTED) {
          throw e;
        }
        if (count > 1) {
          singleUntil = next + PAGE;
          continue;
        }
        // The first event at or after `next` cannot be read; remember the run and step on.
        if (badFrom < 0) {
          badFrom = next;
          badFailure = e;
        }
        next++;
        continue;
      }
      if (badFrom >= 0) {
        visitor.unreadable(badFrom, next - 1, Objects.requireNonNull(badFailure));
        badFrom = -1;
      }
      if (page.isEmpty()) {
        return;
      }
      long before = next;
      for (RecordedEvent e : page) {
        if (e.position() > head) {
          return;
        }
        visitor.event(e);
        next = Math.max(next, e.position() + 1);
      }
      if (next == before) {
        return; // a store returning events below the requested position; reported by the checks
      }
    }
    if (badFrom >= 0) {
      visitor.unreadable(badFrom, next - 1, Objects.requireNonNull(badFailure));
    }
  }

  private static final class StreamState {
    long sequence;
    String hash;

    StreamState(long sequence, String hash) {
      this.sequence = sequence;
      this.hash = hash;
    }
  }

  /** The first pass: every per-event and per-chain check. */
  private static final class Checks implements Visitor {
    final List<ChainProblem> problems = new ArrayList<>();
    final Map<String, StreamState> streams = new HashMap<>();
    final Set<UUID> candidates = new HashSet<>();
    final BloomFilter<UUID> seen;
    long events;
    long expectedPosition = 1;

    @SuppressWarnings("UnstableApiUsage")
    Checks(long head) {
      seen = BloomFilter.create(UUID_FUNNEL, Math.max(1_000, head), 1e-6);
    }

    @Override
    public void event(RecordedEvent e) {
      events++;
      checkPosition(e);
      checkHash(e);
      checkPayload(e);
      checkChain(e);
      if (!seen.put(e.eventId())) {
        candidates.add(e.eventId()); // maybe seen before; the second pass decides
      }
    }

    private void checkPosition(RecordedEvent e) {
      if (e.position() != expectedPosition) {
        add(
            e,
            ChainProblem.Kind.POSITION_GAP,
            String.format(
                Locale.ROOT,
                "global position; expected %d, but got %d",
                expectedPosition,
                e.position()));
      }
      expectedPosition = Math.max(expectedPosition, e.position() + 1);
    }

    private void checkHash(RecordedEvent e) {
      String actual;
      try {
        actual = Sha256.hex(e.canonicalJsonWithoutHash());
      } catch (RuntimeException ex) {
        add(e, ChainProblem.Kind.HASH_MISMATCH, "envelope cannot be canonicalised: " + ex);
        return;
      }
      if (!actual.equals(e.hash())) {
        add(
            e,
            ChainProblem.Kind.HASH_MISMATCH,
            String.format(
                Locale.ROOT,
                "hash of the stored envelope; expected the stored %s, but got %s",
                e.hash(),
                actual));
      }
    }

    private void checkPayload(RecordedEvent e) {
      boolean canonical;
      String why = "the text differs from its RFC 8785 canonical form";
      try {
        canonical = e.payload().isCanonical();
      } catch (RuntimeException ex) {
        canonical = false;
        why = ex.getMessage();
      }
      if (!canonical) {
        add(
            e,
            ChainProblem.Kind.NON_CANONICAL_PAYLOAD,
            "payload; expected canonical JSON, but " + why);
      }
    }

    private void checkChain(RecordedEvent e) {
      StreamState s = streams.get(e.streamId());
      long expectedSequence = s == null ? 1 : s.sequence + 1;
      @Nullable String expectedPrev = s == null ? null : s.hash;
      if (e.sequence() > expectedSequence) {
        add(
            e,
            ChainProblem.Kind.SEQUENCE_GAP,
            String.format(
                Locale.ROOT,
                "sequence in stream '%s'; expected %d, but got %d (%d missing)",
                e.streamId(),
                expectedSequence,
                e.sequence(),
                e.sequence() - expectedSequence));
      } else if (e.sequence() < expectedSequence) {
        add(
            e,
            ChainProblem.Kind.SEQUENCE_OUT_OF_ORDER,
            String.format(
                Locale.ROOT,
                "sequence in stream '%s'; expected %d, but got %d after it",
                e.streamId(),
                expectedSequence,
                e.sequence()));
      }
      if (!Objects.equals(expectedPrev, e.prevHash())) {
        add(
            e,
            ChainProblem.Kind.PREV_HASH_MISMATCH,
            String.format(
                Locale.ROOT,
                "prevHash in stream '%s'; expected %s, but got %s",
                e.streamId(),
                expectedPrev,
                e.prevHash()));
      }
      if (s == null) {
        streams.put(e.streamId(), new StreamState(e.sequence(), e.hash()));
      } else if (e.sequence() > s.sequence) {
        // Follow the chain as stored; an out-of-order event does not move the stream back.
        s.sequence = e.sequence();
        s.hash = e.hash();
      }
    }

    @Override
    public void unreadable(long from, long to, EventStoreException failure) {
      problems.add(
          new ChainProblem(
              to,
              null,
              0,
              null,
              ChainProblem.Kind.UNREADABLE_EVENT,
              String.format(
                  Locale.ROOT,
                  "event at position %d (reading from %d); expected a readable event, but got %s",
                  to,
                  from,
                  failure.getMessage())));
      expectedPosition = Math.max(expectedPosition, to + 1);
    }

    private void add(RecordedEvent e, ChainProblem.Kind kind, String detail) {
      problems.add(
          new ChainProblem(e.position(), e.streamId(), e.sequence(), e.eventId(), kind, detail));
    }
  }

  /** The second pass, run only if the Bloom filter saw possible repeats: exact counts. */
  private static final class DuplicateConfirmation implements Visitor {
    private final Set<UUID> candidates;
    private final List<ChainProblem> problems;
    private final Map<UUID, Long> firstSeen = new HashMap<>();

    DuplicateConfirmation(Set<UUID> candidates, List<ChainProblem> problems) {
      this.candidates = candidates;
      this.problems = problems;
    }

    @Override
    public void event(RecordedEvent e) {
      if (!candidates.contains(e.eventId())) {
        return;
      }
      Long first = firstSeen.putIfAbsent(e.eventId(), e.position());
      if (first != null) {
        problems.add(
            new ChainProblem(
                e.position(),
                e.streamId(),
                e.sequence(),
                e.eventId(),
                ChainProblem.Kind.DUPLICATE_EVENT_ID,
                String.format(
                    Locale.ROOT,
                    "event id %s; expected it once, but it is also at position %d",
                    e.eventId(),
                    first)));
      }
    }

    @Override
    public void unreadable(long from, long to, EventStoreException failure) {
      // Reported by the first pass.
    }
  }
}
