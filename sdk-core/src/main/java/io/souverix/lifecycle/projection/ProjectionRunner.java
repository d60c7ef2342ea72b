package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Feeds projections from an event store's global order, with checkpoints, for one partition of the
 * fleet.
 *
 * <p>On {@link Builder#build()} each projection is restored from its checkpoint, if its {@link
 * CheckpointStore} holds one. Then:
 *
 * <ul>
 *   <li>{@link #catchUp()} pages through {@link EventStore#readAll} from the checkpoint to the
 *       head;
 *   <li>{@link #rebuild()} discards the checkpoints and state and replays from position 0;
 *   <li>{@link #start()} catches up and then follows new appends through {@link
 *       EventStore#subscribe}, on the subscription's thread.
 * </ul>
 *
 * <p>Delivery is idempotent by position: an event at or below a projection's position (its
 * checkpoint, or the last event it applied) is skipped, so re-delivery after a crash or a retry is
 * a no-op. Events of streams outside this runner's partition advance the position without being
 * applied. A checkpoint (snapshot plus position, in one atomic save) is written every {@link
 * Builder#checkpointEvery(int)} events, at the end of {@link #catchUp()} and {@link #rebuild()},
 * and on {@link #close()}.
 *
 * <p>Thread-safe: delivery, checkpointing and catch-up are serialised on one lock.
 *
 * @since 0.1
 */
public final class ProjectionRunner implements AutoCloseable {
  private final EventStore store;
  private final CheckpointStore checkpoints;
  private final Partitioning partitioning;
  private final int partition;
  private final int checkpointEvery;
  private final int pageSize;
  private final List<Slot<?>> slots;
  private final Object lock = new Object();
  private @Nullable Subscription subscription;
  private long sinceCheckpoint;
  private boolean closed;

  private ProjectionRunner(Builder b) {
    this.store = b.store;
    this.checkpoints = b.checkpoints;
    this.partitioning = b.partitioning;
    this.partition = b.partition;
    this.checkpointEvery = b.checkpointEvery;
    this.pageSize = b.pageSize;
    List<Slot<?>> s = new ArrayList<>();
    for (Projection<?> p : b.projections) {
      s.add(newSlot(p));
    }
    this.slots = List.copyOf(s);
  }

  private <S> Slot<S> newSlot(Projection<S> p) {
    Slot<S> slot = new Slot<>(p, new CheckpointKey(p.name(), partition, partitioning.count()));
    slot.resume(checkpoints);
    return slot;
  }

  /**
   * Starts a builder of a runner reading from {@code store}.
   *
   * @param store the event store; not null
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder(EventStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  /**
   * Reads from the lowest projection position to the store's head, applies every event, and saves
   * checkpoints.
   *
   * @return the position every projection has reached
   * @throws EventStoreException if reading the store fails; projections keep what they applied
   * @throws IllegalStateException if the runner is closed
   * @since 0.1
   */
  public long catchUp() throws EventStoreException {
    synchronized (lock) {
      checkOpen();
      long head = store.headPosition();
      long next = position() + 1;
      while (next <= head) {
        List<RecordedEvent> page = store.readAll(next, pageSize);
        if (page.isEmpty()) {
          break;
        }
        for (RecordedEvent e : page) {
          deliverLocked(e);
        }
        next = page.get(page.size() - 1).position() + 1;
      }
      checkpointLocked();
      return position();
    }
  }

  /**
   * Discards every projection's checkpoint and state, then replays the store from position 0.
   *
   * @return the position every projection has reached
   * @throws EventStoreException if reading the store fails
   * @throws IllegalStateException if the runner is closed or following live appends
   * @since 0.1
   */
  public long rebuild() throws EventStoreException {
    synchronized (lock) {
      checkOpen();
      if (subscription != null) {
        throw new IllegalStateException("cannot rebuild while following live appends; close first");
      }
      for (Slot<?> s : slots) {
        s.reset(checkpoints);
      }
      sinceCheckpoint = 0;
    }
    return catchUp();
  }

  /**
   * Catches up, then follows new appends on a subscription thread until {@link #close()}.
   *
   * @throws EventStoreException if catching up fails
   * @throws IllegalStateException if the runner is closed or already started
   * @since 0.1
   */
  public void start() throws EventStoreException {
    long from = catchUp() + 1;
    synchronized (lock) {
      checkOpen();
      if (subscription != null) {
        throw new IllegalStateException("runner already started");
      }
      subscription = store.subscribe(from, this::deliver);
    }
  }

  /**
   * Waits until every projection has reached {@code position}, the live subscription failed, or the
   * timeout passed.
   *
   * @param position the global position to wait for
   * @param timeout how long to wait at most; not null
   * @return true if every projection reached {@code position}
   * @throws InterruptedException if interrupted while waiting
   * @since 0.1
   */
  public boolean awaitPosition(long position, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    Subscription s;
    synchronized (lock) {
      s = subscription;
    }
    if (s != null) {
      s.awaitDelivered(position, timeout);
    }
    return position() >= position;
  }

  /**
   * Offers one event: applies it to every projection whose position is below the event's, if the
   * event's stream is in this runner's partition, and advances their positions. An event at or
   * below a projection's position is skipped for that projection.
   *
   * @param event an event read from the store (position at least 1); not null
   * @return true if at least one projection's position advanced
   * @throws IllegalArgumentException if the event has no store position
   * @throws IllegalStateException if the runner is closed
   * @since 0.1
   */
  public boolean deliver(RecordedEvent event) {
    Objects.requireNonNull(event, "event");
    synchronized (lock) {
      checkOpen();
      return deliverLocked(event);
    }
  }

  private boolean deliverLocked(RecordedEvent event) {
    long pos = event.position();
    if (pos < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "event position; expected at least 1, but got %d (%s)", pos, event));
    }
    boolean mine =
        partitioning.count() == 1 || partitioning.partitionOf(event.streamId()) == partition;
    boolean advanced = false;
    for (int i = 0; i < slots.size(); i++) {
      Slot<?> s = slots.get(i);
      if (pos > s.position) {
        if (mine) {
          s.projection.apply(event);
        }
        s.position = pos;
        advanced = true;
      }
    }
    if (advanced && ++sinceCheckpoint >= checkpointEvery) {
      checkpointLocked();
    }
    return advanced;
  }

  /**
   * Saves a checkpoint of every projection now.
   *
   * @since 0.1
   */
  public void checkpoint() {
    synchronized (lock) {
      checkpointLocked();
    }
  }

  private void checkpointLocked() {
    for (Slot<?> s : slots) {
      s.save(checkpoints);
    }
    sinceCheckpoint = 0;
  }

  /**
   * Returns the lowest position over the runner's projections: every event up to it has been
   * applied (or skipped as outside the partition) by every projection.
   *
   * @return a global position, 0 if nothing was applied
   * @since 0.1
   */
  public long position() {
    synchronized (lock) {
      long min = Long.MAX_VALUE;
      for (Slot<?> s : slots) {
        min = Math.min(min, s.position);
      }
      return slots.isEmpty() ? 0 : min;
    }
  }

  /**
   * Returns why live delivery stopped, if it failed.
   *
   * @return the failure of the subscription or of a projection
   * @since 0.1
   */
  public Optional<Throwable> failure() {
    synchronized (lock) {
      return subscription == null ? Optional.empty() : subscription.failure();
    }
  }

  /**
   * Returns the partitioning this runner works in.
   *
   * @return the partitioning
   * @since 0.1
   */
  public Partitioning partitioning() {
    return partitioning;
  }

  /**
   * Returns the partition this runner consumes.
   *
   * @return a partition in {@code [0, partitioning().count())}
   * @since 0.1
   */
  public int partition() {
    return partition;
  }

  /** Stops live delivery and saves a final checkpoint; idempotent. */
  @Override
  public void close() {
    Subscription s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      s = subscription;
      subscription = null;
    }
    if (s != null) {
      s.close(); // outside the lock: the subscription thread may be waiting for it
    }
    synchronized (lock) {
      checkpointLocked();
      closed = true;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("projection runner is closed");
    }
  }

  private static final class Slot<S> {
    final Projection<S> projection;
    final CheckpointKey key;
    long position;
    long savedPosition = -1;

    Slot(Projection<S> projection, CheckpointKey key) {
      this.projection = projection;
      this.key = key;
    }

    @SuppressWarnings("unchecked")
    void resume(CheckpointStore store) {
      Optional<Checkpoint<?>> c = store.load(key);
      if (c.isEmpty()) {
        projection.restore(null);
        position = 0;
        return;
      }
      try {
        projection.restore((S) c.get().snapshot());
      } catch (ClassCastException e) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "checkpoint of %s; expected a snapshot of projection %s, but got %s",
                key,
                projection.getClass().getName(),
                c.get().snapshot().getClass().getName()),
            e);
      }
      position = c.get().position();
      savedPosition = position;
    }

    void reset(CheckpointStore store) {
      store.delete(key);
      projection.restore(null);
      position = 0;
      savedPosition = -1;
    }

    void save(CheckpointStore store) {
      if (position != savedPosition) {
        store.save(new Checkpoint<>(key, position, projection.snapshot()));
        savedPosition = position;
      }
    }
  }

  /** A builder of {@link ProjectionRunner}; mutable and not thread-safe. */
  public static final class Builder {
    private final EventStore store;
    private CheckpointStore checkpoints = CheckpointStore.inMemory();
    private Partitioning partitioning = Partitioning.single();
    private int partition;
    private int checkpointEvery = 10_000;
    private int pageSize = 1024;
    private final List<Projection<?>> projections = new ArrayList<>();

    private Builder(EventStore store) {
      this.store = store;
    }

    /**
     * Sets where checkpoints are kept; defaults to a fresh in-memory store.
     *
     * @param checkpoints the checkpoint store; not null
     * @return this builder
     */
    public Builder checkpoints(CheckpointStore checkpoints) {
      this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
      return this;
    }

    /**
     * Makes this runner consume one partition; defaults to the whole fleet.
     *
     * @param partitioning the partitioning; not null
     * @param partition the partition to consume, in {@code [0, partitioning.count())}
     * @return this builder
     * @throws IllegalArgumentException if {@code partition} is out of range
     */
    public Builder partition(Partitioning partitioning, int partition) {
      this.partitioning = Objects.requireNonNull(partitioning, "partitioning");
      this.partition = partitioning.checkPartition(partition);
      return this;
    }

    /**
     * Sets how many delivered events trigger a checkpoint; defaults to 10,000.
     *
     * @param events at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder checkpointEvery(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("checkpointEvery must be at least 1; got " + events);
      }
      this.checkpointEvery = events;
      return this;
    }

    /**
     * Sets how many events one read of the store returns; defaults to 1024.
     *
     * @param events 1 to 100,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder pageSize(int events) {
      if (events < 1 || events > 100_000) {
        throw new IllegalArgumentException("pageSize must be 1 to 100000; got " + events);
      }
      this.pageSize = events;
      return this;
    }

    /**
     * Adds a projection to feed.
     *
     * @param projection the projection; not null, with a name no other added projection has
     * @return this builder
     * @throws IllegalArgumentException if the name is taken
     */
    public Builder add(Projection<?> projection) {
      Objects.requireNonNull(projection, "projection");
      for (Projection<?> p : projections) {
        if (p.name().equals(projection.name())) {
          throw new IllegalArgumentException(
              "projection names must be unique; '" + p.name() + "' is already added");
        }
      }
      projections.add(projection);
      return this;
    }

    /**
     * Builds the runner and restores each projection from its checkpoint, or to empty if there is
     * none.
     *
     * @return the runner
     * @throws IllegalStateException if no projection was added, or a checkpoint does not fit its
     *     projection
     */
    public ProjectionRunner build() {
      if (projections.isEmpty()) {
        throw new IllegalStateException("add at least one projection");
      }
      Set<Projection<?>> distinct = new HashSet<>(projections);
      if (distinct.size() != projections.size()) {
        throw new IllegalStateException("a projection was added twice");
      }
      return new ProjectionRunner(this);
    }
  }
}
