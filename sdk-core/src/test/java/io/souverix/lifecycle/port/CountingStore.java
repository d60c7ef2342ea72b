package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ForwardingEventStore;
import java.util.List;

/** A store decorator that counts the events its reads return. */
final class CountingStore extends ForwardingEventStore {
  private long eventsRead;

  CountingStore(EventStore delegate) {
    super(delegate);
  }

  long eventsRead() {
    return eventsRead;
  }

  void reset() {
    eventsRead = 0;
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    List<RecordedEvent> page = delegate().readStream(streamId, fromSequence, maxCount);
    eventsRead += page.size();
    return page;
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    List<RecordedEvent> page = delegate().readAll(fromPosition, maxCount);
    eventsRead += page.size();
    return page;
  }
}
