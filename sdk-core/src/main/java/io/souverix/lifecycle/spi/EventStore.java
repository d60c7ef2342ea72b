package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.InMemoryEventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The source of truth: an append-only store of event streams with a global order.
 *
 * <p>Promises (each a rule of the conformance kit, {@code docs/conformance.md}):
 *
 * <ul>
 *   <li>append is atomic: all events of a call are recorded, or none;
 *   <li>optimistic concurrency: an append whose {@link ExpectedVersion} does not match fails with
 *       {@link EventStoreException.Code#CONCURRENCY_CONFLICT} and writes nothing;
 *   <li>idempotent retry: appending events whose ids are already recorded with the same content
 *       returns the original result with {@link AppendResult#duplicate()} set and writes nothing;
 *   <li>order: sequences within a stream are 1, 2, 3, ... without gaps; positions in the global
 *       order are strictly increasing, and a reader never sees position {@code p} before every
 *       position below {@code p} that will ever be visible;
 *   <li>durability: an acknowledged append survives a crash of the process (durable stores).
 * </ul>
 *
 * <p>Implementations should extend {@link AbstractEventStore}, which enforces these rules once for
 * every store.
 *
 * @since 0.1
 */
public interface EventStore extends AutoCloseable {
  /** Most events one append may carry. */
  int MAX_BATCH = 10_000;

  /**
   * Appends events to a stream.
   *
   * @param streamId the stream (component id); see {@link RecordedEvent#checkStreamId(String)}
   * @param expected the version the stream must be at
   * @param events 1 to {@link #MAX_BATCH} events with distinct ids
   * @return the recorded events
   * @throws EventStoreException {@code CONCURRENCY_CONFLICT}, {@code EVENT_ID_CONFLICT}, {@code
   *     INVALID_EVENT}, {@code CLOSED} or {@code STORAGE_FAILURE}; nothing is written
   * @throws IllegalArgumentException if the batch is empty, too large or repeats an id
   */
  AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events)
      throws EventStoreException;

  /**
   * Reads a stream forwards.
   *
   * @param streamId the stream
   * @param fromSequence the first sequence to read, at least 1
   * @param maxCount the most events to return, at least 1
   * @return the events, in sequence order; exactly {@code maxCount} unless fewer remain; empty if
   *     none
   * @throws EventStoreException {@code CLOSED} or {@code STORAGE_FAILURE}
   * @throws IllegalArgumentException if {@code fromSequence} or {@code maxCount} is below 1
   */
  List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException;

  /**
   * Reads the global order forwards.
   *
   * @param fromPosition the first position to read, at least 1
   * @param maxCount the most events to return, at least 1
   * @return the events, in position order; exactly {@code maxCount} unless fewer are visible, so a
   *     short page means the reader reached the head; empty if none
   * @throws EventStoreException {@code CLOSED} or {@code STORAGE_FAILURE}
   * @throws IllegalArgumentException if {@code fromPosition} or {@code maxCount} is below 1
   */
  List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException;

  /**
   * Returns a stream's version: the sequence of its last event, or 0 if it has none.
   *
   * @param streamId the stream
   * @return the version
   * @throws EventStoreException {@code CLOSED} or {@code STORAGE_FAILURE}
   */
  long streamVersion(String streamId) throws EventStoreException;

  /**
   * Returns the position of the last recorded event, or 0 for an empty store.
   *
   * @return the head position
   * @throws EventStoreException {@code CLOSED} or {@code STORAGE_FAILURE}
   */
  long headPosition() throws EventStoreException;

  /**
   * Subscribes to the global order from a position: delivers every event at or after it, then
   * follows new appends, on a thread of the subscription's own.
   *
   * @param fromPosition the first position to deliver, at least 1
   * @param listener receives the events; not null
   * @return the running subscription; close it when done
   */
  default Subscription subscribe(long fromPosition, EventListener listener) {
    return CatchUpSubscriptions.start(this, fromPosition, listener);
  }

  /**
   * Waits until the head position reaches {@code position} or the timeout passes. The default
   * polls; stores that know when they append override it to wake at once.
   *
   * @param position the position to wait for
   * @param timeout how long to wait at most
   * @return true if the head reached {@code position}
   * @throws EventStoreException if reading the head fails
   * @throws InterruptedException if interrupted
   */
  default boolean awaitHead(long position, Duration timeout)
      throws EventStoreException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (headPosition() < position) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
    }
    return true;
  }

  /**
   * Closes the store; later calls fail with {@code CLOSED}. Idempotent.
   *
   * @throws EventStoreException if releasing resources failed
   */
  @Override
  void close() throws EventStoreException;

  /**
   * Creates an in-memory store: complete and fast, durable only for the life of the process.
   *
   * @param clock the clock that stamps {@code recordedAt}; not null
   * @return a new empty store
   */
  static EventStore inMemory(Clock clock) {
    return new InMemoryEventStore(clock);
  }
}
