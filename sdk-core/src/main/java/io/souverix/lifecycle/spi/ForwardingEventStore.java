package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EventStore} that forwards every call to another store: the base of decorators
 * (validation, metrics, test doubles) that override only the calls they change.
 *
 * <p>{@link #subscribe} is not forwarded: the default subscription pages through this store's
 * {@link #readAll}, so a decorator that changes reads changes what subscribers see too, and wakes
 * through the forwarded {@link #awaitHead}.
 *
 * @since 0.1
 */
public abstract class ForwardingEventStore implements EventStore {
  private final EventStore delegate;

  /**
   * Creates a decorator of {@code delegate}.
   *
   * @param delegate the store that receives every call not overridden; not null
   */
  protected ForwardingEventStore(EventStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Returns the store calls are forwarded to.
   *
   * @return the delegate
   */
  protected final EventStore delegate() {
    return delegate;
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events)
      throws EventStoreException {
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
    return getClass().getSimpleName() + "(" + delegate + ")";
  }
}
