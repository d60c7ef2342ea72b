package io.souverix.drift.rollout;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts and reopens rollouts on an event store. A rollout's stream is {@code rollout/<id>}; its
 * state is a fold of that stream, so {@link #open(String)} on a fresh coordinator continues a
 * rollout exactly where a crashed one stopped.
 *
 * <p>Each decision is appended to the rollout stream first (with the expected version, so two
 * coordinators cannot both drive one rollout) and then mirrored on the node's stream ({@code
 * node.desired_state_changed}, {@code rollout.progressed}, {@code node.health_validated}, {@code
 * rollout.rolled_back}), each node event naming the rollout event as its causation. If the process
 * dies between the two appends, {@code open} re-publishes the missing node events.
 *
 * @since 0.1
 */
public final class RolloutCoordinator {
  private final EventStore store;
  private final Clock clock;
  private final RolloutGate gate;
  private final NodeAvailability availability;
  private final String actor;
  private final EventIds ids;

  private RolloutCoordinator(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.clock = b.clock;
    this.gate = b.gate;
    this.availability = b.availability;
    this.actor = b.actor;
    this.ids = EventIds.create(clock, new SecureRandom());
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the stream id of a rollout.
   *
   * @param rolloutId the rollout's id
   * @return {@code rollout/<rolloutId>}
   */
  public static String streamId(String rolloutId) {
    return "rollout/" + Objects.requireNonNull(rolloutId, "rolloutId");
  }

  /**
   * Starts a rollout: records {@code rollout.started} with the whole plan. No node is touched until
   * the first {@link Rollout#step()}.
   *
   * @param plan the plan
   * @return the running rollout
   * @throws RolloutException {@code ALREADY_EXISTS} if a rollout with this id was started, {@code
   *     STORE_FAILURE} if the store fails
   */
  public Rollout start(RolloutPlan plan) throws RolloutException {
    Objects.requireNonNull(plan, "plan");
    String stream = streamId(plan.rolloutId());
    NewEvent started =
        NewEvent.builder(EventType.ROLLOUT_STARTED)
            .eventId(ids.next())
            .occurredAt(clock.instant())
            .actor(actor)
            .payload(plan.toPayload())
            .build();
    AppendResult r;
    try {
      r = store.append(stream, ExpectedVersion.noStream(), List.of(started));
    } catch (EventStoreException e) {
      if (e.code() == EventStoreException.Code.CONCURRENCY_CONFLICT) {
        throw new RolloutException(
            RolloutException.Code.ALREADY_EXISTS,
            String.format(
                Locale.ROOT,
                "rollout %s; expected a new id, but it was already started",
                plan.rolloutId()),
            e);
      }
      throw storeFailure(stream, e);
    }
    return new Rollout(this, RolloutFold.start(r.events().get(0)));
  }

  /**
   * Reopens a rollout by replaying its stream, and re-publishes the node events of its last
   * decision if a crash lost them.
   *
   * @param rolloutId the rollout's id
   * @return the rollout, in the state its stream records
   * @throws RolloutException {@code NOT_FOUND} if it was never started, {@code STORE_FAILURE} if
   *     the store fails or the stream is unreadable
   */
  public Rollout open(String rolloutId) throws RolloutException {
    String stream = streamId(rolloutId);
    RolloutFold fold = null;
    RecordedEvent last = null;
    long from = 1;
    while (true) {
      List<RecordedEvent> page;
      try {
        page = store.readStream(stream, from, 1000);
      } catch (EventStoreException e) {
        throw storeFailure(stream, e);
      }
      for (RecordedEvent e : page) {
        if (fold == null) {
          fold = RolloutFold.start(e);
        } else {
          fold.apply(e);
        }
        last = e;
      }
      if (page.size() < 1000) {
        break;
      }
      from += page.size();
    }
    if (fold == null || last == null) {
      throw new RolloutException(
          RolloutException.Code.NOT_FOUND,
          String.format(
              Locale.ROOT, "rollout %s; expected a started rollout, but got none", rolloutId));
    }
    Rollout rollout = new Rollout(this, fold);
    rollout.repair(last);
    return rollout;
  }

  EventStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  RolloutGate gate() {
    return gate;
  }

  NodeAvailability availability() {
    return availability;
  }

  String actor() {
    return actor;
  }

  EventIds ids() {
    return ids;
  }

  static RolloutException storeFailure(String stream, EventStoreException e) {
    if (e.code() == EventStoreException.Code.CONCURRENCY_CONFLICT) {
      return new RolloutException(
          RolloutException.Code.CONFLICT,
          String.format(
              Locale.ROOT,
              "stream %s; expected no other writer, but another coordinator appended: %s",
              stream,
              e.getMessage()),
          e);
    }
    return new RolloutException(
        RolloutException.Code.STORE_FAILURE,
        String.format(Locale.ROOT, "event store failed on %s: %s", stream, e.getMessage()),
        e);
  }

  /** A builder of {@link RolloutCoordinator}; mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable EventStore store;
    private Clock clock = Clock.systemUTC();
    private RolloutGate gate = RolloutGate.allChecksPass();
    private NodeAvailability availability = NodeAvailability.always();
    private String actor = "rollout-coordinator";

    private Builder() {}

    /**
     * Sets the event store (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(EventStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock that decides maintenance windows, timeouts and event times; defaults to the
     * system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the health gate; defaults to {@link RolloutGate#allChecksPass()}.
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder gate(RolloutGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Sets the reachability of nodes; defaults to {@link NodeAvailability#always()}.
     *
     * @param availability the availability
     * @return this builder
     */
    public Builder availability(NodeAvailability availability) {
      this.availability = Objects.requireNonNull(availability, "availability");
      return this;
    }

    /**
     * Sets the actor recorded on every event; defaults to {@code rollout-coordinator}.
     *
     * @param actor 1 to 200 characters
     * @return this builder
     */
    public Builder actor(String actor) {
      this.actor = Checks.text(actor, "actor", 200);
      return this;
    }

    /**
     * Builds the coordinator.
     *
     * @return the coordinator
     * @throws NullPointerException if no store was set
     */
    public RolloutCoordinator build() {
      return new RolloutCoordinator(this);
    }
  }
}
