package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.util.List;

/** A store decorator that counts the events its reads return. */
final class CountingStore implements EventStore {
  private final EventStore delegate;
  private long eventsRead;

  CountingStore(EventStore delegate) {
    this.delegate = delegate;
  }

  long eventsRead() {
    return eventsRead;
  }

  void reset() {
    eventsRead = 0;
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events)
      throws EventStoreException {
    return delegate.append(streamId, expected, events);
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    List<RecordedEvent> page = delegate.readStream(streamId, fromSequence, maxCount);
    eventsRead += page.size();
    return page;
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    List<RecordedEvent> page = delegate.readAll(fromPosition, maxCount);
    eventsRead += page.size();
    return page;
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
  public void close() throws EventStoreException {
    delegate.close();
  }
}
