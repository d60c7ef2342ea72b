package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The base of every event store: it enforces the {@link EventStore} rules (argument checks,
 * idempotent retry, optimistic concurrency, hash chaining, gap-free sequences) in one place, and
 * leaves storage to a few hooks that run inside the store's write transaction.
 *
 * @since 0.1
 */
public abstract class AbstractEventStore implements EventStore {
  private final Clock clock;
  private final Object headSignal = new Object();
  private volatile boolean closed;

  /**
   * Creates the base.
   *
   * @param clock stamps {@code recordedAt}; not null
   */
  protected AbstractEventStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The state a write transaction sees; valid only inside {@link #inWriteTransaction}. */
  protected interface WriteTransaction {
    /**
     * Finds recorded events by id.
     *
     * @param eventIds the ids
     * @return the recorded ones, keyed by id
     * @throws EventStoreException on storage failure
     */
    Map<UUID, RecordedEvent> findByIds(Set<UUID> eventIds) throws EventStoreException;

    /**
     * Returns the last event of a stream.
     *
     * @param streamId the stream
     * @return its last event, or null if the stream is empty
     * @throws EventStoreException on storage failure
     */
    @Nullable RecordedEvent lastOfStream(String streamId) throws EventStoreException;

    /**
     * Returns the store's head position inside this transaction.
     *
     * @return the last position, 0 if empty
     * @throws EventStoreException on storage failure
     */
    long headPosition() throws EventStoreException;

    /**
     * Stores sealed events; they become visible when the transaction commits.
     *
     * @param events the events, positions and sequences already assigned
     * @throws EventStoreException on storage failure
     */
    void insert(List<RecordedEvent> events) throws EventStoreException;
  }

  /** A unit of work inside a write transaction. */
  @FunctionalInterface
  protected interface TransactionWork<T> {
    /**
     * Runs the work.
     *
     * @param tx the transaction
     * @return the result
     * @throws EventStoreException to roll back
     */
    T run(WriteTransaction tx) throws EventStoreException;
  }

  /**
   * Runs {@code work} in one serialisable write transaction, committing durably when it returns and
   * rolling back when it throws.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result, after the commit
   * @throws EventStoreException the work's exception, or {@code STORAGE_FAILURE}
   */
  protected abstract <T> T inWriteTransaction(TransactionWork<T> work) throws EventStoreException;

  @Override
  public final AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events)
      throws EventStoreException {
    RecordedEvent.checkStreamId(streamId);
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(events, "events");
    if (events.isEmpty() || events.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "append batch size; expected 1 to %d events, but got %d",
              MAX_BATCH,
              events.size()));
    }
    Set<UUID> ids = new HashSet<>();
    for (NewEvent e : events) {
      if (!ids.add(Objects.requireNonNull(e, "event").eventId())) {
        throw new IllegalArgumentException("event id repeated within one append: " + e.eventId());
      }
    }
    checkOpen();
    AppendResult result =
        inWriteTransaction(
            tx -> {
              Map<UUID, RecordedEvent> known = tx.findByIds(ids);
              if (!known.isEmpty()) {
                return duplicateOrConflict(streamId, events, known);
              }
              RecordedEvent last = tx.lastOfStream(streamId);
              long version = last == null ? 0 : last.sequence();
              if (!expected.matches(version)) {
                throw EventStoreException.conflict(streamId, expected.version(), version);
              }
              long position = tx.headPosition();
              Instant now = clock.instant();
              String prev = last == null ? null : last.hash();
              List<RecordedEvent> sealed = new ArrayList<>(events.size());
              for (NewEvent e : events) {
                RecordedEvent r = RecordedEvent.seal(e, streamId, ++version, prev, now, ++position);
                sealed.add(r);
                prev = r.hash();
              }
              tx.insert(sealed);
              return new AppendResult(sealed, false);
            });
    if (!result.duplicate()) {
      synchronized (headSignal) {
        headSignal.notifyAll();
      }
    }
    return result;
  }

  private static AppendResult duplicateOrConflict(
      String streamId, List<NewEvent> events, Map<UUID, RecordedEvent> known)
      throws EventStoreException {
    if (known.size() != events.size()) {
      throw EventStoreException.of(
          EventStoreException.Code.EVENT_ID_CONFLICT,
          String.format(
              Locale.ROOT,
              "append mixes recorded and new event ids; expected all %d or none recorded, but got"
                  + " %d",
              events.size(),
              known.size()));
    }
    List<RecordedEvent> originals = new ArrayList<>(events.size());
    for (NewEvent e : events) {
      RecordedEvent r = known.get(e.eventId());
      if (!r.streamId().equals(streamId)
          || !r.type().equals(e.type())
          || r.schemaVersion() != e.schemaVersion()
          || !r.payload().equals(e.payload())) {
        throw EventStoreException.of(
            EventStoreException.Code.EVENT_ID_CONFLICT,
            String.format(
                Locale.ROOT,
                "event id %s is recorded with other content; expected %s in '%s', but it is %s in"
                    + " '%s'",
                e.eventId(),
                e.type(),
                streamId,
                r.type(),
                r.streamId()));
      }
      originals.add(r);
    }
    return new AppendResult(originals, true);
  }

  @Override
  public boolean awaitHead(long position, Duration timeout)
      throws EventStoreException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Read the head outside the monitor: for a database it is I/O, and an append's notifyAll
    // must never wait for it.
    while (headPosition() < position) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      synchronized (headSignal) {
        // Appends from this process wake us at once; the bound covers other writers of a
        // shared file or database, and an append that landed between the read and the wait.
        headSignal.wait(Math.max(1, Math.min(20, left / 1_000_000)));
      }
    }
    return true;
  }

  /**
   * Throws {@code CLOSED} once {@link #close()} ran.
   *
   * @throws EventStoreException if closed
   */
  protected final void checkOpen() throws EventStoreException {
    if (closed) {
      throw EventStoreException.of(EventStoreException.Code.CLOSED, "event store is closed");
    }
  }

  /**
   * Checks read arguments.
   *
   * @param from the first sequence or position
   * @param maxCount the page size
   * @throws IllegalArgumentException if out of range
   */
  protected static void checkRead(long from, int maxCount) {
    if (from < 1) {
      throw new IllegalArgumentException("read start must be at least 1; got " + from);
    }
    if (maxCount < 1) {
      throw new IllegalArgumentException("maxCount must be at least 1; got " + maxCount);
    }
  }

  /** Marks the store closed and calls {@link #doClose()} once. */
  @Override
  public final void close() throws EventStoreException {
    if (!closed) {
      closed = true;
      synchronized (headSignal) {
        headSignal.notifyAll();
      }
      doClose();
    }
  }

  /**
   * Releases the store's resources; called once.
   *
   * @throws EventStoreException if releasing failed
   */
  protected abstract void doClose() throws EventStoreException;
}
