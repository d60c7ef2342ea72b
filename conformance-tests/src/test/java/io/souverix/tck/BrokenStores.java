package io.souverix.tck;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Checkpoint;
import io.souverix.lifecycle.projection.CheckpointKey;
import io.souverix.lifecycle.projection.CheckpointStore;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.ForwardingEventStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;

/**
 * Deliberately broken adapters, each wrapping the real in-memory store and breaking one promise,
 * with the verification subclass that runs the kit against it. {@link BrokenAdapterTest} asserts
 * that the kit fails each of them on the rule it breaks. (Nested classes: surefire does not run
 * them on its own.)
 */
final class BrokenStores {
  /**
   * The tag surefire excludes (see the module's pom): these classes only run through the Launcher.
   */
  static final String BROKEN = "tck-broken-adapter";

  private BrokenStores() {}

  /** Forwards every call to a real store. */
  abstract static class DelegatingStore extends ForwardingEventStore {
    final EventStore delegate;

    DelegatingStore(EventStore delegate) {
      super(delegate);
      this.delegate = delegate;
    }
  }

  /** Appends whatever the expected version says. */
  @Tag(BROKEN)
  static final class IgnoresExpectedVersion extends EventStoreVerification {
    @Override
    protected EventStore createStore(TckEnvironment env) {
      return new DelegatingStore(EventStore.inMemory(env.clock())) {
        @Override
        public AppendResult append(String s, ExpectedVersion expected, List<NewEvent> events)
            throws EventStoreException {
          return delegate.append(s, ExpectedVersion.any(), events);
        }
      };
    }
  }

  /** Writes a retried event again, under a fresh id, instead of returning the original. */
  @Tag(BROKEN)
  static final class DoesNotDedupeRetries extends EventStoreVerification {
    @Override
    protected EventStore createStore(TckEnvironment env) {
      Set<UUID> seen = Collections.synchronizedSet(new HashSet<>());
      return new DelegatingStore(EventStore.inMemory(env.clock())) {
        @Override
        public AppendResult append(String s, ExpectedVersion expected, List<NewEvent> events)
            throws EventStoreException {
          List<NewEvent> fresh = new ArrayList<>();
          for (NewEvent e : events) {
            fresh.add(
                seen.add(e.eventId())
                    ? e
                    : NewEvent.builder(e.type(), e.schemaVersion())
                        .eventId(UUID.randomUUID())
                        .occurredAt(e.occurredAt())
                        .actor(e.actor())
                        .payload(e.payload())
                        .build());
          }
          return delegate.append(s, ExpectedVersion.any(), fresh);
        }
      };
    }
  }

  /** Returns each readAll page in reverse order. */
  @Tag(BROKEN)
  static final class ReordersReadAll extends EventStoreVerification {
    @Override
    protected EventStore createStore(TckEnvironment env) {
      return new DelegatingStore(EventStore.inMemory(env.clock())) {
        @Override
        public List<RecordedEvent> readAll(long from, int max) throws EventStoreException {
          List<RecordedEvent> page = new ArrayList<>(delegate.readAll(from, max));
          Collections.reverse(page);
          return page;
        }
      };
    }
  }

  /** Returns events whose payload was edited after sealing, keeping the stored hash. */
  @Tag(BROKEN)
  static final class TampersPayloads extends EventStoreVerification {
    @Override
    protected EventStore createStore(TckEnvironment env) {
      return new DelegatingStore(EventStore.inMemory(env.clock())) {
        @Override
        public List<RecordedEvent> readStream(String s, long from, int max)
            throws EventStoreException {
          return delegate.readStream(s, from, max).stream().map(this::tamper).toList();
        }

        @Override
        public List<RecordedEvent> readAll(long from, int max) throws EventStoreException {
          return delegate.readAll(from, max).stream().map(this::tamper).toList();
        }

        private RecordedEvent tamper(RecordedEvent e) {
          return e.sequence() == 2 ? e.withPayload(e.schemaVersion(), Payload.of("x", 1)) : e;
        }
      };
    }
  }

  /** Keeps working after close. */
  @Tag(BROKEN)
  static final class IgnoresClose extends EventStoreVerification {
    @Override
    protected EventStore createStore(TckEnvironment env) {
      return new DelegatingStore(EventStore.inMemory(env.clock())) {
        @Override
        public void close() {}
      };
    }
  }

  /** Claims to be durable, but every open starts empty: loses everything on reopen or crash. */
  public static final class ForgetfulFactory implements EventStoreFactory {
    /** Creates the factory; the crash rule does so by class name in a forked JVM. */
    public ForgetfulFactory() {}

    @Override
    public EventStore open(Path directory, Clock clock) {
      return EventStore.inMemory(clock);
    }

    @Override
    public boolean isDurable() {
      return true;
    }
  }

  /** The forgetful store, run with the durability rules on. */
  @Tag(BROKEN)
  static final class LosesEventsOnReopen extends EventStoreVerification {
    @Override
    protected EventStore createStore(TckEnvironment env) {
      return new ForgetfulFactory().open(env.directory(), env.clock());
    }

    @Override
    protected boolean isDurable() {
      return true;
    }

    @Override
    protected EventStore reopen(TckEnvironment env) {
      return new ForgetfulFactory().open(env.directory(), env.clock());
    }

    @Override
    protected Class<? extends EventStoreFactory> crashableStoreFactory() {
      return ForgetfulFactory.class;
    }
  }

  /** Saves every checkpoint, even one behind the saved position. */
  @Tag(BROKEN)
  static final class CheckpointMovesBackwards extends CheckpointStoreVerification {
    @Override
    protected CheckpointStore createCheckpointStore(TckEnvironment env) {
      Map<CheckpointKey, Checkpoint<?>> map = new ConcurrentHashMap<>();
      return new CheckpointStore() {
        @Override
        public Optional<Checkpoint<?>> load(CheckpointKey key) {
          return Optional.ofNullable(map.get(key));
        }

        @Override
        public void save(Checkpoint<?> checkpoint) {
          map.put(checkpoint.key(), checkpoint);
        }

        @Override
        public void delete(CheckpointKey key) {
          map.remove(key);
        }
      };
    }
  }
}
