package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventListener;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** An {@link EventStore} that validates every event of an append before delegating it. */
final class ValidatingEventStore implements EventStore {
  private final EventSchemas schemas;
  private final EventStore delegate;

  ValidatingEventStore(EventSchemas schemas, EventStore delegate) {
    this.schemas = schemas;
    this.delegate = delegate;
  }

  boolean validatesWith(EventSchemas other) {
    return schemas == other;
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events)
      throws EventStoreException {
    Objects.requireNonNull(events, "events");
    // Validate the whole batch before the delegate sees any of it: a batch is atomic, so one bad
    // event rejects all of them and nothing is written.
    for (int i = 0; i < events.size(); i++) {
      NewEvent e = Objects.requireNonNull(events.get(i), "event");
      try {
        schemas.validate(e.type(), e.schemaVersion(), e.payload());
      } catch (SchemaViolationException ex) {
        throw EventStoreException.of(
            EventStoreException.Code.INVALID_EVENT,
            String.format(
                Locale.ROOT,
                "event at index %d of the append to '%s' (%s v%d) was rejected, nothing was"
                    + " written: %s",
                i,
                streamId,
                e.type(),
                e.schemaVersion(),
                ex.getMessage()),
            ex);
      }
    }
    return delegate.append(streamId, expected, events);
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    return delegate.readStream(streamId, fromSequence, maxCount);
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    return delegate.readAll(fromPosition, maxCount);
  }

  @Override
  public long streamVersion(String streamId) throws EventStoreException {
    return delegate.streamVersion(streamId);
  }

  @Override
  public long headPosition() throws EventStoreException {
    return delegate.headPosition();
  }

  @Override
  public Subscription subscribe(long fromPosition, EventListener listener) {
    return delegate.subscribe(fromPosition, listener);
  }

  @Override
  public boolean awaitHead(long position, Duration timeout)
      throws EventStoreException, InterruptedException {
    return delegate.awaitHead(position, timeout);
  }

  @Override
  public void close() throws EventStoreException {
    delegate.close();
  }

  @Override
  public String toString() {
    return "validating(" + delegate + ")";
  }
}
