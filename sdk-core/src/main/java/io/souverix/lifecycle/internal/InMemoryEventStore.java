package io.souverix.lifecycle.internal;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AbstractEventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/** The in-memory event store: lists guarded by a read-write lock. */
public final class InMemoryEventStore extends AbstractEventStore {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<RecordedEvent> all = new ArrayList<>();
  private final Map<String, List<RecordedEvent>> streams = new HashMap<>();
  private final Map<UUID, RecordedEvent> byId = new HashMap<>();

  /** Creates an empty store stamping events with {@code clock}. */
  public InMemoryEventStore(Clock clock) {
    super(clock);
  }

  @Override
  protected <T> T inWriteTransaction(TransactionWork<T> work) throws EventStoreException {
    lock.writeLock().lock();
    try {
      checkOpen();
      List<RecordedEvent> pending = new ArrayList<>();
      T result =
          work.run(
              new WriteTransaction() {
                @Override
                public Map<UUID, RecordedEvent> findByIds(Set<UUID> ids) {
                  Map<UUID, RecordedEvent> found = new HashMap<>();
                  for (UUID id : ids) {
                    RecordedEvent e = byId.get(id);
                    if (e != null) {
                      found.put(id, e);
                    }
                  }
                  return found;
                }

                @Override
                public @Nullable RecordedEvent lastOfStream(String streamId) {
                  List<RecordedEvent> s = streams.get(streamId);
                  return s == null ? null : s.get(s.size() - 1);
                }

                @Override
                public long headPosition() {
                  return all.size();
                }

                @Override
                public void insert(List<RecordedEvent> events) {
                  pending.addAll(events);
                }
              });
      // Commit: nothing is visible until the work returned normally.
      for (RecordedEvent e : pending) {
        all.add(e);
        streams.computeIfAbsent(e.streamId(), k -> new ArrayList<>()).add(e);
        byId.put(e.eventId(), e);
      }
      return result;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    checkRead(fromSequence, maxCount);
    lock.readLock().lock();
    try {
      checkOpen();
      List<RecordedEvent> s = streams.get(streamId);
      if (s == null || fromSequence > s.size()) {
        return List.of();
      }
      int from = (int) (fromSequence - 1);
      return List.copyOf(s.subList(from, (int) Math.min(s.size(), (long) from + maxCount)));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    checkRead(fromPosition, maxCount);
    lock.readLock().lock();
    try {
      checkOpen();
      if (fromPosition > all.size()) {
        return List.of();
      }
      int from = (int) (fromPosition - 1);
      return List.copyOf(all.subList(from, (int) Math.min(all.size(), (long) from + maxCount)));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long streamVersion(String streamId) throws EventStoreException {
    lock.readLock().lock();
    try {
      checkOpen();
      List<RecordedEvent> s = streams.get(streamId);
      return s == null ? 0 : s.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long headPosition() throws EventStoreException {
    lock.readLock().lock();
    try {
      checkOpen();
      return all.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  protected void doClose() {}
}
