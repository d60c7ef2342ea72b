package io.souverix.lifecycle;

import io.souverix.lifecycle.LifecycleException.Code;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle state machine on an event store: registers components, executes commands and
 * records evidence.
 *
 * <p>Every call reads the component's stream, folds it with {@link ComponentState#replay}, checks
 * the {@link TransitionTable} and the {@link Guards}, and then writes with one atomic append that
 * expects the version it read. So a rejected call writes nothing, and of two writers racing on one
 * component exactly one wins; the other gets {@link Code#CONCURRENT_MODIFICATION} and may reload
 * and retry.
 *
 * <pre>{@code
 * Lifecycle lifecycle = Lifecycle.builder().store(store).clock(clock).actor("provisioner").build();
 * lifecycle.registerHardware("node-000042", Payload.of("serial", "SX-42", "model", "m1",
 *     "region", "eu-west", "cluster", "c1"));
 * lifecycle.execute("node-000042", HardwareCommand.BEGIN_PROVISIONING);
 * lifecycle.record("node-000042", EventType.NODE_ATTESTATION_COMPLETED, attestationPayload);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
  private static final int PAGE = 1_000;

  private static final Set<String> NOT_EVIDENCE =
      Set.of(
          EventType.LIFECYCLE_STATE_CHANGED.name(),
          EventType.NODE_SERIAL_REGISTERED.name(),
          EventType.SOFTWARE_REGISTERED.name());
  private static final Set<String> HARDWARE_ONLY =
      Set.of(
          EventType.NODE_MANUFACTURING_ORIGIN_RECORDED.name(),
          EventType.NODE_FIRMWARE_BASELINE_CAPTURED.name(),
          EventType.NODE_ATTESTATION_COMPLETED.name(),
          EventType.NODE_TRUST_CHAIN_ESTABLISHED.name(),
          EventType.MAINTENANCE_FIRMWARE_UPDATED.name(),
          EventType.DECOMMISSION_WORKLOAD_MIGRATED.name(),
          EventType.DECOMMISSION_DATA_EXPORTED.name(),
          EventType.DECOMMISSION_CERTIFICATES_REVOKED.name(),
          EventType.DECOMMISSION_AUDIT_COMPLETED.name(),
          EventType.EMERGENCY_ISOLATED.name(),
          EventType.EMERGENCY_TRUST_REVOKED.name(),
          EventType.EMERGENCY_SECURE_WIPED.name());
  private static final Set<String> SOFTWARE_ONLY =
      Set.of(
          EventType.SOFTWARE_BASE_IMAGE_DEPLOYED.name(),
          EventType.SOFTWARE_CONTAINER_IMAGE_PULLED.name(),
          EventType.SOFTWARE_CONFIGURATION_APPLIED.name(),
          EventType.MAINTENANCE_PATCH_APPLIED.name());

  private final EventStore store;
  private final Clock clock;
  private final EventIds eventIds;
  private final Guards guards;
  private final String actor;

  private Lifecycle(Builder b) {
    EventStore given = Objects.requireNonNull(b.store, "store");
    this.store =
        b.skipSchemaValidation
            ? given
            : (b.schemas != null ? b.schemas : EventSchemas.builtIn()).validating(given);
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.eventIds = b.eventIds != null ? b.eventIds : EventIds.create(clock, new SecureRandom());
    this.guards = b.guards != null ? b.guards : Guards.defaults();
    this.actor = Objects.requireNonNull(b.actor, "actor");
  }

  /**
   * Starts a builder. {@link Builder#store} and {@link Builder#actor} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a hardware node: writes {@code node.serial_registered} and the {@code REGISTER} state
   * change in one append to a new stream.
   *
   * @param nodeId the node id, which becomes its stream id (no {@code '/'})
   * @param registration the {@code node.serial_registered} payload: {@code serial, model, region,
   *     cluster, manufacturing?}
   * @return the node's state, {@link HardwareState#REGISTERED}
   * @throws LifecycleException {@code ALREADY_EXISTS}, {@code INVALID_EVENT} or {@code
   *     STORE_FAILURE}
   * @throws IllegalArgumentException if {@code nodeId} is not a valid stream id or contains '/'
   */
  public ComponentState registerHardware(String nodeId, Payload registration)
      throws LifecycleException {
    return registerHardware(nodeId, registration, List.of(), CommandOptions.none());
  }

  /**
   * Registers a hardware node together with its initial evidence (manufacturing origin, firmware
   * baseline, attestation, ...), all in one append: the fast path for provisioning many nodes.
   *
   * @param nodeId the node id, which becomes its stream id (no {@code '/'})
   * @param registration the {@code node.serial_registered} payload
   * @param evidence evidence events appended after the registration, in order; see {@link
   *     #evidence(EventType, Payload)}
   * @param options region, causation and correlation ids for the registration events; the region
   *     defaults to the payload's {@code region}
   * @return the node's state, {@link HardwareState#REGISTERED}, at the version after the evidence
   * @throws LifecycleException {@code ALREADY_EXISTS}, {@code INVALID_EVENT} or {@code
   *     STORE_FAILURE}
   * @throws IllegalArgumentException if {@code nodeId} is not a valid stream id or contains '/'
   */
  public ComponentState registerHardware(
      String nodeId, Payload registration, List<NewEvent> evidence, CommandOptions options)
      throws LifecycleException {
    RecordedEvent.checkStreamId(nodeId);
    if (nodeId.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "node id; expected no '/', but got '%s'", nodeId));
    }
    Objects.requireNonNull(registration, "registration");
    if (registration.text("serial").orElse("").isEmpty()) {
      throw invalid(nodeId, "node.serial_registered payload field 'serial'", "a serial", "none");
    }
    return register(
        nodeId,
        ComponentKind.HARDWARE,
        EventType.NODE_SERIAL_REGISTERED,
        registration,
        evidence,
        options);
  }

  /**
   * Registers a software component: writes {@code software.registered} and the {@code REGISTER}
   * state change in one append to a new stream.
   *
   * @param componentId the component id, {@code <node_id>/<name>}
   * @param registration the {@code software.registered} payload: {@code node_id, name, kind,
   *     version?}
   * @return the component's state, {@link SoftwareState#PENDING}
   * @throws LifecycleException {@code ALREADY_EXISTS}, {@code INVALID_EVENT} (also when the id is
   *     not {@code node_id + "/" + name}) or {@code STORE_FAILURE}
   * @throws IllegalArgumentException if {@code componentId} is not a valid stream id
   */
  public ComponentState registerSoftware(String componentId, Payload registration)
      throws LifecycleException {
    return registerSoftware(componentId, registration, List.of(), CommandOptions.none());
  }

  /**
   * Registers a software component together with its initial evidence, all in one append.
   *
   * @param componentId the component id, {@code <node_id>/<name>}
   * @param registration the {@code software.registered} payload
   * @param evidence evidence events appended after the registration, in order
   * @param options region, causation and correlation ids for the registration events
   * @return the component's state, {@link SoftwareState#PENDING}
   * @throws LifecycleException {@code ALREADY_EXISTS}, {@code INVALID_EVENT} or {@code
   *     STORE_FAILURE}
   * @throws IllegalArgumentException if {@code componentId} is not a valid stream id
   */
  public ComponentState registerSoftware(
      String componentId, Payload registration, List<NewEvent> evidence, CommandOptions options)
      throws LifecycleException {
    RecordedEvent.checkStreamId(componentId);
    Objects.requireNonNull(registration, "registration");
    String expected =
        registration.text("node_id").orElse("") + "/" + registration.text("name").orElse("");
    if (!componentId.equals(expected) || registration.text("kind").orElse("").isEmpty()) {
      throw invalid(
          componentId,
          "software.registered payload; node_id/name and kind",
          "'" + componentId + "' and a kind",
          "'" + expected + "' and kind '" + registration.text("kind").orElse("") + "'");
    }
    return register(
        componentId,
        ComponentKind.SOFTWARE,
        EventType.SOFTWARE_REGISTERED,
        registration,
        evidence,
        options);
  }

  private ComponentState register(
      String id,
      ComponentKind kind,
      EventType registrationType,
      Payload registration,
      List<NewEvent> evidence,
      CommandOptions options)
      throws LifecycleException {
    Objects.requireNonNull(options, "options");
    List<NewEvent> batch = new ArrayList<>(2 + evidence.size());
    String region =
        options.region() != null ? options.region() : registration.text("region").orElse(null);
    batch.add(newEvent(registrationType, registration, region, options));
    Transition register = TransitionTable.of(kind).initial();
    batch.add(
        newEvent(
            EventType.LIFECYCLE_STATE_CHANGED,
            stateChanged(kind, null, register.to(), register.command(), options.reason()),
            region,
            options));
    for (NewEvent e : evidence) {
      checkEvidence(id, kind, null, Objects.requireNonNull(e, "evidence"));
      batch.add(e);
    }
    AppendResult result = append(id, ExpectedVersion.noStream(), batch, null, null);
    ComponentState state = fold(id, ComponentState.initial(id), result.events());
    LOG.debug("registered {} as {}", id, state);
    return state;
  }

  /**
   * Executes a command.
   *
   * @param componentId the component
   * @param command a command of the component's kind
   * @return the component's new state
   * @throws LifecycleException see {@link #execute(String, LifecycleCommand, CommandOptions)}
   */
  public ComponentState execute(String componentId, LifecycleCommand command)
      throws LifecycleException {
    return execute(componentId, command, CommandOptions.none());
  }

  /**
   * Executes a command with a reason.
   *
   * @param componentId the component
   * @param command a command of the component's kind
   * @param reason why, written into the state change
   * @return the component's new state
   * @throws LifecycleException see {@link #execute(String, LifecycleCommand, CommandOptions)}
   */
  public ComponentState execute(String componentId, LifecycleCommand command, String reason)
      throws LifecycleException {
    return execute(componentId, command, CommandOptions.reason(reason));
  }

  /**
   * Executes a command: checks that {@link TransitionTable} allows it from the current state and
   * that all its guards pass, then appends one {@code lifecycle.state_changed} event that expects
   * the version read.
   *
   * @param componentId the component
   * @param command a command of the component's kind (not {@code REGISTER}, which registration
   *     writes)
   * @param options the reason, region, causation and correlation ids
   * @return the component's new state
   * @throws LifecycleException {@code UNKNOWN_COMPONENT}; {@code COMPONENT_CLOSED} in a terminal
   *     state; {@code ILLEGAL_TRANSITION} if the table does not allow the command (or it is of the
   *     other kind); {@code GUARD_FAILED} with {@link LifecycleException#failedGuards()}; {@code
   *     CONCURRENT_MODIFICATION} if another writer appended meanwhile; {@code STORE_FAILURE}. In
   *     every case nothing is written.
   */
  public ComponentState execute(
      String componentId, LifecycleCommand command, CommandOptions options)
      throws LifecycleException {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(options, "options");
    List<RecordedEvent> history = read(componentId);
    ComponentState current = requireLive(componentId, history, command);
    LifecycleState from = current.state();
    TransitionTable table = TransitionTable.of(current.kind());
    if (command.kind() != current.kind()) {
      throw new LifecycleException(
          Code.ILLEGAL_TRANSITION,
          componentId,
          String.format(
              Locale.ROOT,
              "command %s on '%s'; expected a %s command, but got a %s command",
              command,
              componentId,
              current.kind(),
              command.kind()),
          from,
          command,
          Map.of(),
          null);
    }
    LifecycleState to =
        table
            .target(from, command)
            .orElseThrow(
                () ->
                    new LifecycleException(
                        Code.ILLEGAL_TRANSITION,
                        componentId,
                        String.format(
                            Locale.ROOT,
                            "command %s on '%s' in state %s; expected one of %s, but got %s",
                            command,
                            componentId,
                            from,
                            table.allowedCommands(from),
                            command),
                        from,
                        command,
                        Map.of(),
                        null));
    Map<String, String> failed = checkGuards(current, command, history, table.guards(command));
    if (!failed.isEmpty()) {
      throw new LifecycleException(
          Code.GUARD_FAILED,
          componentId,
          String.format(
              Locale.ROOT,
              "command %s on '%s' in state %s; expected guards %s to pass, but %s failed: %s",
              command,
              componentId,
              from,
              table.guards(command),
              failed.keySet(),
              String.join("; ", failed.values())),
          from,
          command,
          failed,
          null);
    }
    NewEvent change =
        newEvent(
            EventType.LIFECYCLE_STATE_CHANGED,
            stateChanged(current.kind(), from, to, command, options.reason()),
            options.region(),
            options);
    AppendResult result =
        append(
            componentId,
            ExpectedVersion.exactly(current.version()),
            List.of(change),
            from,
            command);
    ComponentState next = fold(componentId, current, result.events());
    LOG.debug("{} {}: {} -> {}", componentId, command, from, to);
    return next;
  }

  private Map<String, String> checkGuards(
      ComponentState current,
      LifecycleCommand command,
      List<RecordedEvent> history,
      List<String> ids) {
    Map<String, String> failed = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return failed;
    }
    GuardContext context = GuardContext.of(current, command, history, clock.instant());
    for (String id : ids) {
      Guard guard = guards.get(id).orElse(null);
      if (guard == null) {
        failed.put(
            id,
            String.format(
                Locale.ROOT, "guard '%s'; expected a registered guard, but got none", id));
        continue;
      }
      GuardResult r;
      try {
        r = Objects.requireNonNull(guard.check(context), "guard result");
      } catch (RuntimeException e) {
        // Fail closed: a broken guard never lets a transition through.
        failed.put(id, String.format(Locale.ROOT, "guard '%s' threw %s", id, e));
        continue;
      }
      if (!r.passed()) {
        failed.put(id, r.reason());
      }
    }
    return failed;
  }

  /**
   * Builds an evidence event with this lifecycle's ids, clock and actor.
   *
   * @param type the event type, at its current schema version
   * @param payload the payload
   * @return the event, to pass to {@link #record(String, NewEvent)} or a registration
   */
  public NewEvent evidence(EventType type, Payload payload) {
    return newEvent(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(payload, "payload"),
        null,
        CommandOptions.none());
  }

  /**
   * Records an evidence event built by {@link #evidence(EventType, Payload)}.
   *
   * @param componentId the component
   * @param type the event type
   * @param payload the payload
   * @return the component's state after the event
   * @throws LifecycleException see {@link #record(String, NewEvent)}
   */
  public ComponentState record(String componentId, EventType type, Payload payload)
      throws LifecycleException {
    return record(componentId, evidence(type, payload));
  }

  /**
   * Records an evidence event on a live component's stream, expecting the version read. A retry
   * with an event id already recorded is idempotent.
   *
   * @param componentId the component
   * @param evidence the event: any type except {@code lifecycle.state_changed} and the registration
   *     types, and of a type that fits the component's kind
   * @return the component's state after the event
   * @throws LifecycleException {@code UNKNOWN_COMPONENT}, {@code COMPONENT_CLOSED}, {@code
   *     INVALID_EVENT}, {@code CONCURRENT_MODIFICATION} or {@code STORE_FAILURE}; nothing is
   *     written
   */
  public ComponentState record(String componentId, NewEvent evidence) throws LifecycleException {
    Objects.requireNonNull(evidence, "evidence");
    List<RecordedEvent> history = read(componentId);
    ComponentState current = requireLive(componentId, history, null);
    checkEvidence(componentId, current.kind(), current.state(), evidence);
    AppendResult result =
        append(
            componentId,
            ExpectedVersion.exactly(current.version()),
            List.of(evidence),
            current.state(),
            null);
    if (result.duplicate()) {
      return current;
    }
    return fold(componentId, current, result.events());
  }

  /**
   * Returns a component's current state.
   *
   * @param componentId the component
   * @return the state folded from its whole stream
   * @throws LifecycleException {@code UNKNOWN_COMPONENT} or {@code STORE_FAILURE}
   */
  public ComponentState state(String componentId) throws LifecycleException {
    List<RecordedEvent> history = read(componentId);
    ComponentState s = fold(componentId, ComponentState.initial(componentId), history);
    if (!s.isRegistered()) {
      throw unknown(componentId);
    }
    return s;
  }

  /**
   * Returns a component's events.
   *
   * @param componentId the component
   * @return the whole stream, sequence 1 first
   * @throws LifecycleException {@code UNKNOWN_COMPONENT} or {@code STORE_FAILURE}
   */
  public List<RecordedEvent> history(String componentId) throws LifecycleException {
    List<RecordedEvent> history = read(componentId);
    if (history.isEmpty()) {
      throw unknown(componentId);
    }
    return history;
  }

  private ComponentState requireLive(
      String componentId, List<RecordedEvent> history, @Nullable LifecycleCommand command)
      throws LifecycleException {
    ComponentState current = fold(componentId, ComponentState.initial(componentId), history);
    if (!current.isRegistered()) {
      throw unknown(componentId);
    }
    if (current.isTerminal()) {
      throw new LifecycleException(
          Code.COMPONENT_CLOSED,
          componentId,
          String.format(
              Locale.ROOT,
              "component '%s'; expected a live component, but it is %s (terminal)",
              componentId,
              current.state()),
          current.state(),
          command,
          Map.of(),
          null);
    }
    return current;
  }

  private void checkEvidence(
      String componentId, ComponentKind kind, @Nullable LifecycleState state, NewEvent e)
      throws LifecycleException {
    String type = e.type();
    String problem = null;
    if (NOT_EVIDENCE.contains(type)) {
      problem = "an evidence type, not a registration or state change";
    } else if (kind == ComponentKind.HARDWARE && SOFTWARE_ONLY.contains(type)) {
      problem = "an event type of a hardware node stream";
    } else if (kind == ComponentKind.SOFTWARE && HARDWARE_ONLY.contains(type)) {
      problem = "an event type of a software component stream";
    }
    if (problem != null) {
      throw new LifecycleException(
          Code.INVALID_EVENT,
          componentId,
          String.format(
              Locale.ROOT,
              "evidence for '%s'; expected %s, but got %s",
              componentId,
              problem,
              type),
          state,
          null,
          Map.of(),
          null);
    }
  }

  private List<RecordedEvent> read(String componentId) throws LifecycleException {
    RecordedEvent.checkStreamId(componentId);
    try {
      List<RecordedEvent> all = new ArrayList<>();
      while (true) {
        List<RecordedEvent> page = store.readStream(componentId, all.size() + 1L, PAGE);
        all.addAll(page);
        if (page.size() < PAGE) {
          return all;
        }
      }
    } catch (EventStoreException | RuntimeException e) {
      throw storeFailure(componentId, "reading", e, null, null);
    }
  }

  private AppendResult append(
      String componentId,
      ExpectedVersion expected,
      List<NewEvent> events,
      @Nullable LifecycleState state,
      @Nullable LifecycleCommand command)
      throws LifecycleException {
    try {
      return store.append(componentId, expected, events);
    } catch (EventStoreException e) {
      switch (e.code()) {
        case CONCURRENCY_CONFLICT:
          if (expected.version() == 0) {
            throw new LifecycleException(
                Code.ALREADY_EXISTS,
                componentId,
                String.format(
                    Locale.ROOT,
                    "component '%s'; expected a new id, but it is already registered",
                    componentId),
                null,
                command,
                Map.of(),
                e);
          }
          throw new LifecycleException(
              Code.CONCURRENT_MODIFICATION,
              componentId,
              String.format(
                  Locale.ROOT,
                  "component '%s' changed concurrently; expected version %d, but got %d",
                  componentId,
                  e.expectedVersion(),
                  e.actualVersion()),
              state,
              command,
              Map.of(),
              e);
        case INVALID_EVENT:
        case EVENT_ID_CONFLICT:
          throw new LifecycleException(
              Code.INVALID_EVENT,
              componentId,
              "the store rejected the event for '" + componentId + "': " + e.getMessage(),
              state,
              command,
              Map.of(),
              e);
        default:
          throw storeFailure(componentId, "appending", e, state, command);
      }
    } catch (IllegalArgumentException e) {
      throw new LifecycleException(
          Code.INVALID_EVENT,
          componentId,
          "the events for '" + componentId + "' are not acceptable: " + e.getMessage(),
          state,
          command,
          Map.of(),
          e);
    } catch (RuntimeException e) {
      throw storeFailure(componentId, "appending", e, state, command);
    }
  }

  private static ComponentState fold(
      String componentId, ComponentState from, List<RecordedEvent> events)
      throws LifecycleException {
    try {
      return from.applyAll(events);
    } catch (IllegalArgumentException e) {
      throw new LifecycleException(
          Code.STORE_FAILURE,
          componentId,
          "the stream of '" + componentId + "' is not a consistent lifecycle: " + e.getMessage(),
          null,
          null,
          Map.of(),
          e);
    }
  }

  private NewEvent newEvent(
      EventType type, Payload payload, @Nullable String region, CommandOptions options) {
    return NewEvent.builder(type)
        .eventId(eventIds.next())
        .occurredAt(clock.instant())
        .actor(actor)
        .region(region)
        .causationId(options.causationId())
        .correlationId(options.correlationId())
        .payload(payload)
        .build();
  }

  private static Payload stateChanged(
      ComponentKind kind,
      @Nullable LifecycleState from,
      LifecycleState to,
      LifecycleCommand command,
      @Nullable String reason) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("component_kind", kind.payloadName());
    fields.put("from", from == null ? null : from.name());
    fields.put("to", to.name());
    fields.put("command", command.name());
    if (reason != null) {
      fields.put("reason", reason);
    }
    return Payload.of(fields);
  }

  private static LifecycleException unknown(String componentId) {
    return new LifecycleException(
        Code.UNKNOWN_COMPONENT,
        componentId,
        String.format(
            Locale.ROOT,
            "component '%s'; expected a registered component, but got none",
            componentId),
        null,
        null,
        Map.of(),
        null);
  }

  private static LifecycleException invalid(
      String componentId, String what, String expected, String actual) {
    return new LifecycleException(
        Code.INVALID_EVENT,
        componentId,
        String.format(Locale.ROOT, "%s; expected %s, but got %s", what, expected, actual),
        null,
        null,
        Map.of(),
        null);
  }

  private static LifecycleException storeFailure(
      String componentId,
      String doing,
      Exception e,
      @Nullable LifecycleState state,
      @Nullable LifecycleCommand command) {
    return new LifecycleException(
        Code.STORE_FAILURE,
        componentId,
        String.format(Locale.ROOT, "store failed %s '%s': %s", doing, componentId, e.getMessage()),
        state,
        command,
        Map.of(),
        e);
  }

  /** A builder of {@link Lifecycle}; mutable and not thread-safe. Each option is set once. */
  public static final class Builder {
    private @Nullable EventStore store;
    private @Nullable Clock clock;
    private @Nullable EventIds eventIds;
    private @Nullable Guards guards;
    private @Nullable String actor;
    private @Nullable EventSchemas schemas;
    private boolean skipSchemaValidation;

    private Builder() {}

    /**
     * Sets the schemas every event is validated against before it is appended; defaults to {@link
     * EventSchemas#builtIn()}. Set this to add vendor event types.
     *
     * @param schemas the schemas; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder schemas(EventSchemas schemas) {
      requireUnset(this.schemas, "schemas");
      this.schemas = Objects.requireNonNull(schemas, "schemas");
      return this;
    }

    /**
     * Turns off schema validation of appended events. Only for stores that validate themselves:
     * without validation a malformed payload reaches the store and every reader of it.
     *
     * @return this builder
     * @throws IllegalStateException if already called
     */
    public Builder skipSchemaValidation() {
      if (skipSchemaValidation) {
        throw new IllegalStateException("skipSchemaValidation was already called");
      }
      skipSchemaValidation = true;
      return this;
    }

    /**
     * Sets the event store (required).
     *
     * @param store the store; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder store(EventStore store) {
      requireUnset(this.store, "store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock for {@code occurredAt} and time-dependent guards; defaults to the system UTC
     * clock.
     *
     * @param clock the clock; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the event id generator; defaults to one on the clock and a {@link SecureRandom}.
     *
     * @param eventIds the generator; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder eventIds(EventIds eventIds) {
      requireUnset(this.eventIds, "eventIds");
      this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
      return this;
    }

    /**
     * Sets the guard registry; defaults to {@link Guards#defaults()}.
     *
     * @param guards the registry; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder guards(Guards guards) {
      requireUnset(this.guards, "guards");
      this.guards = Objects.requireNonNull(guards, "guards");
      return this;
    }

    /**
     * Sets the actor written into every event (required).
     *
     * @param actor a user, service or node id, 1 to 200 characters
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder actor(String actor) {
      requireUnset(this.actor, "actor");
      Objects.requireNonNull(actor, "actor");
      if (actor.isEmpty() || actor.length() > 200) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "actor; expected 1 to 200 characters, but got %d", actor.length()));
      }
      this.actor = actor;
      return this;
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * Builds the lifecycle.
     *
     * @return the lifecycle
     * @throws IllegalStateException if the store or actor is missing, or schemas were set and
     *     validation skipped
     */
    public Lifecycle build() {
      if (schemas != null && skipSchemaValidation) {
        throw new IllegalStateException("schemas and skipSchemaValidation cannot be combined");
      }
      if (store == null || actor == null) {
        throw new IllegalStateException(
            "a Lifecycle needs a store and an actor; got "
                + (store == null ? "no store" : "a store")
                + " and "
                + (actor == null ? "no actor" : "an actor"));
      }
      return new Lifecycle(this);
    }
  }
}
