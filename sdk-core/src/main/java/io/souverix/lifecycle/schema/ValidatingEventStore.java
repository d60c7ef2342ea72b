package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventListener;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.ForwardingEventStore;
import io.souverix.lifecycle.spi.Subscription;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** An {@link EventStore} that validates every event of an append before delegating it. */
final class ValidatingEventStore extends ForwardingEventStore {
  private final EventSchemas schemas;

  ValidatingEventStore(EventSchemas schemas, EventStore delegate) {
    super(delegate);
    this.schemas = schemas;
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
    return delegate().append(streamId, expected, events);
  }

  /**
   * Validation does not change reads, so the delegate's own (possibly push-based) subscription
   * serves.
   */
  @Override
  public Subscription subscribe(long fromPosition, EventListener listener) {
    return delegate().subscribe(fromPosition, listener);
  }

  @Override
  public String toString() {
    return "validating(" + delegate() + ")";
  }
}
