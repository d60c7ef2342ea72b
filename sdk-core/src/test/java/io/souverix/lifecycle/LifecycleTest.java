package io.souverix.lifecycle;

import static io.souverix.lifecycle.Fixtures.NODE;
import static io.souverix.lifecycle.Fixtures.SOFTWARE;
import static io.souverix.lifecycle.Fixtures.nodeRegistration;
import static io.souverix.lifecycle.Fixtures.softwareRegistration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.LifecycleException.Code;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.ForwardingEventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {
  private final EventStore store = Fixtures.store();
  private final Lifecycle lc = Fixtures.lifecycle(store);

  /** Asserts that a call fails with {@code code} and leaves the store's head where it was. */
  private LifecycleException rejects(ThrowingCallable call, Code code) throws Exception {
    long head = store.headPosition();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(LifecycleException.class);
    LifecycleException e = (LifecycleException) t;
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(store.headPosition()).as("store head after a rejected call").isEqualTo(head);
    return e;
  }

  private RecordedEvent last(String id) throws Exception {
    List<RecordedEvent> h = store.readStream(id, 1, 1000);
    return h.get(h.size() - 1);
  }

  @Nested
  @DisplayName("registration")
  class Registration {
    @Test
    void registerHardware_newNode_writesRegistrationAndStateChangeInOneAppend() throws Exception {
      ComponentState s = lc.registerHardware(NODE, nodeRegistration("SX-42"));

      assertThat(s.state()).isEqualTo(HardwareState.REGISTERED);
      assertThat(s.version()).isEqualTo(2);
      List<RecordedEvent> events = store.readStream(NODE, 1, 10);
      assertThat(events)
          .extracting(RecordedEvent::type)
          .containsExactly("node.serial_registered", "lifecycle.state_changed");
      assertThat(events)
          .extracting(RecordedEvent::recordedAt)
          .containsOnly(events.get(0).recordedAt());
      assertThat(events.get(1).payload().json())
          .isEqualTo(
              "{\"command\":\"REGISTER\",\"component_kind\":\"hardware\",\"from\":null,\"to\":\"REGISTERED\"}");
      assertThat(events).extracting(RecordedEvent::region).containsOnly("eu-west");
      assertThat(events).extracting(RecordedEvent::actor).containsOnly("test-operator");
    }

    @Test
    void registerHardware_existingNode_isAlreadyExists() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      rejects(() -> lc.registerHardware(NODE, nodeRegistration("SX-42")), Code.ALREADY_EXISTS);
    }

    @Test
    void registerHardware_withEvidence_appendsAllAtOnce() throws Exception {
      ComponentState s =
          lc.registerHardware(
              NODE,
              nodeRegistration("SX-42"),
              List.of(
                  lc.evidence(
                      EventType.NODE_MANUFACTURING_ORIGIN_RECORDED,
                      Payload.of("origin", "DE", "batch_id", "B7", "date", "2026-01-02")),
                  lc.evidence(EventType.NODE_ATTESTATION_COMPLETED, Fixtures.attestation(true))),
              CommandOptions.builder().region("eu-central").build());

      assertThat(s.version()).isEqualTo(4);
      assertThat(s.state()).isEqualTo(HardwareState.REGISTERED);
      assertThat(store.headPosition()).isEqualTo(4);
      assertThat(store.readStream(NODE, 1, 2))
          .extracting(RecordedEvent::region)
          .containsOnly("eu-central");
      assertThat(store.readStream(NODE, 3, 2))
          .extracting(RecordedEvent::type)
          .containsExactly("node.manufacturing_origin_recorded", "node.attestation_completed");
    }

    @Test
    void registerHardware_withStateChangeAsEvidence_isInvalidEvent() throws Exception {
      NewEvent sneaky =
          lc.evidence(
              EventType.LIFECYCLE_STATE_CHANGED,
              Payload.of(
                  "component_kind",
                  "hardware",
                  "from",
                  "REGISTERED",
                  "to",
                  "ACTIVE",
                  "command",
                  "ACTIVATE"));
      rejects(
          () ->
              lc.registerHardware(
                  NODE, nodeRegistration("SX-42"), List.of(sneaky), CommandOptions.none()),
          Code.INVALID_EVENT);
      assertThat(store.streamVersion(NODE)).isZero();
    }

    @Test
    void registerHardware_withoutSerial_isInvalidEvent() throws Exception {
      rejects(() -> lc.registerHardware(NODE, Payload.of("model", "m")), Code.INVALID_EVENT);
    }

    @Test
    void registerHardware_idWithSlash_isIllegalArgument() {
      assertThatThrownBy(() -> lc.registerHardware("node/1", nodeRegistration("SX")))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registerSoftware_newComponent_isPending() throws Exception {
      ComponentState s = lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));

      assertThat(s.state()).isEqualTo(SoftwareState.PENDING);
      assertThat(s.kind()).isEqualTo(ComponentKind.SOFTWARE);
      assertThat(last(SOFTWARE).payload().text("component_kind")).contains("software");
    }

    @Test
    void registerSoftware_idNotNodeSlashName_isInvalidEvent() throws Exception {
      LifecycleException e =
          rejects(
              () -> lc.registerSoftware("node-000042/db", softwareRegistration(NODE, "os")),
              Code.INVALID_EVENT);
      assertThat(e.getMessage())
          .contains("expected 'node-000042/db' and a kind, but got 'node-000042/os'");
    }
  }

  static Stream<Arguments> everyTransitionFromEverySource() {
    List<Arguments> out = new ArrayList<>();
    for (TransitionTable t : List.of(TransitionTable.hardware(), TransitionTable.software())) {
      for (Transition row : t.transitions()) {
        for (LifecycleState from : row.from()) {
          out.add(Arguments.of(from, row.command(), row.to()));
        }
      }
    }
    return out.stream();
  }

  @Nested
  @DisplayName("commands")
  class Commands {
    @ParameterizedTest(name = "{1} from {0} -> {2}")
    @MethodSource("io.souverix.lifecycle.LifecycleTest#everyTransitionFromEverySource")
    void execute_allowedCommandWithItsEvidence_reachesTheTableTarget(
        LifecycleState from, LifecycleCommand command, LifecycleState to) throws Exception {
      ComponentState before = Fixtures.driveTo(lc, from);
      assertThat(before.state()).isEqualTo(from);

      ComponentState after = Fixtures.satisfyAndExecute(lc, before.componentId(), command);

      assertThat(after.state()).isEqualTo(to);
      assertThat(after).isEqualTo(lc.state(before.componentId()));
      RecordedEvent change = last(before.componentId());
      assertThat(change.type()).isEqualTo("lifecycle.state_changed");
      assertThat(change.payload().text("from")).contains(from.name());
      assertThat(change.payload().text("to")).contains(to.name());
      assertThat(change.payload().text("command")).contains(command.name());
      assertThat(after.stateSince()).isEqualTo(change.sequence());
    }

    @Test
    void execute_withOptions_writesReasonAndEnvelopeMetadata() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      UUID cause = UUID.randomUUID();
      UUID correlation = UUID.randomUUID();

      lc.execute(
          NODE,
          HardwareCommand.BEGIN_PROVISIONING,
          CommandOptions.builder()
              .reason("rack installed")
              .region("eu-west")
              .causationId(cause)
              .correlationId(correlation)
              .build());

      RecordedEvent change = last(NODE);
      assertThat(change.payload().text("reason")).contains("rack installed");
      assertThat(change.region()).isEqualTo("eu-west");
      assertThat(change.causationId()).isEqualTo(cause);
      assertThat(change.correlationId()).isEqualTo(correlation);
    }

    @Test
    void execute_withReason_writesReason() throws Exception {
      lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));
      lc.execute(SOFTWARE, SoftwareCommand.RETIRE, "never deployed");
      assertThat(last(SOFTWARE).payload().text("reason")).contains("never deployed");
    }
  }

  @Nested
  @DisplayName("rejections write nothing")
  class Rejections {
    @Test
    void execute_commandNotAllowedFromState_isIllegalTransition() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      LifecycleException e =
          rejects(
              () -> lc.execute(NODE, HardwareCommand.ENTER_MAINTENANCE), Code.ILLEGAL_TRANSITION);
      assertThat(e.currentState()).contains(HardwareState.REGISTERED);
      assertThat(e.command()).contains(HardwareCommand.ENTER_MAINTENANCE);
      assertThat(e.getMessage())
          .contains(
              "in state REGISTERED; expected one of [BEGIN_PROVISIONING, ISOLATE], but got ENTER_MAINTENANCE");
    }

    @Test
    void execute_register_isIllegalTransition() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      rejects(() -> lc.execute(NODE, HardwareCommand.REGISTER), Code.ILLEGAL_TRANSITION);
    }

    @Test
    void execute_commandOfOtherKind_isIllegalTransition() throws Exception {
      lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));
      LifecycleException e =
          rejects(() -> lc.execute(SOFTWARE, HardwareCommand.ISOLATE), Code.ILLEGAL_TRANSITION);
      assertThat(e.getMessage())
          .contains("expected a SOFTWARE command, but got a HARDWARE command");
    }

    @Test
    void execute_unknownComponent_isUnknownComponent() throws Exception {
      LifecycleException e =
          rejects(() -> lc.execute("node-404", HardwareCommand.ACTIVATE), Code.UNKNOWN_COMPONENT);
      assertThat(e.componentId()).isEqualTo("node-404");
      rejects(() -> lc.state("node-404"), Code.UNKNOWN_COMPONENT);
      rejects(() -> lc.history("node-404"), Code.UNKNOWN_COMPONENT);
    }

    @Test
    void execute_failingGuards_isGuardFailedWithEveryReason() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
      lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, Fixtures.attestation(false));

      LifecycleException e =
          rejects(() -> lc.execute(NODE, HardwareCommand.ACTIVATE), Code.GUARD_FAILED);

      assertThat(e.failedGuards())
          .containsOnlyKeys("attestation-passed", "trust-chain-established");
      assertThat(e.failedGuards().get("attestation-passed"))
          .contains("expected passed=true, but got false, reasons [pcr7 mismatch]");
      assertThat(e.failedGuards().get("trust-chain-established"))
          .contains("node.trust_chain_established; expected one in the stream, but got none");
      assertThat(e.currentState()).contains(HardwareState.PROVISIONING);
      assertThat(lc.state(NODE).state()).isEqualTo(HardwareState.PROVISIONING);
    }

    @Test
    void execute_onTerminalComponent_isComponentClosed() throws Exception {
      lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));
      lc.execute(SOFTWARE, SoftwareCommand.RETIRE);
      LifecycleException e =
          rejects(() -> lc.execute(SOFTWARE, SoftwareCommand.DEPLOY), Code.COMPONENT_CLOSED);
      assertThat(e.currentState()).contains(SoftwareState.RETIRED);
    }

    @Test
    void execute_onInconsistentStream_isStoreFailure() throws Exception {
      store.append(
          NODE,
          ExpectedVersion.noStream(),
          List.of(lc.evidence(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true))));
      rejects(() -> lc.execute(NODE, HardwareCommand.ISOLATE), Code.STORE_FAILURE);
    }

    @Test
    void execute_onClosedStore_isStoreFailure() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      store.close();
      Throwable t =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> lc.execute(NODE, HardwareCommand.ISOLATE));
      assertThat(((LifecycleException) t).code()).isEqualTo(Code.STORE_FAILURE);
      assertThat(t.getCause()).isInstanceOf(EventStoreException.class);
    }
  }

  @Nested
  @DisplayName("evidence")
  class Evidence {
    @Test
    void record_onLiveComponent_appendsAndKeepsState() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      ComponentState s =
          lc.record(NODE, EventType.NODE_CONNECTIVITY_CHANGED, Payload.of("state", "degraded"));
      assertThat(s.state()).isEqualTo(HardwareState.REGISTERED);
      assertThat(s.version()).isEqualTo(3);
      assertThat(s.stateSince()).isEqualTo(2);
      assertThat(last(NODE).type()).isEqualTo("node.connectivity_changed");
    }

    @Test
    void record_sameEventTwice_isIdempotent() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      NewEvent e = lc.evidence(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true));
      ComponentState first = lc.record(NODE, e);
      ComponentState again = lc.record(NODE, e);
      assertThat(again).isEqualTo(first);
      assertThat(store.streamVersion(NODE)).isEqualTo(3);
    }

    @Test
    void record_vendorType_isAccepted() throws Exception {
      Lifecycle lc =
          Fixtures.builder(store)
              .schemas(
                  EventSchemas.builtIn()
                      .withVendorSchema(
                          "acme.battery_replaced",
                          1,
                          "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
                              + " \"type\": \"object\", \"additionalProperties\": false}"))
              .build();
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      lc.record(
          NODE,
          NewEvent.builder("acme.battery_replaced", 1)
              .eventId(UUID.randomUUID())
              .occurredAt(Fixtures.NOW)
              .actor("acme")
              .build());
      assertThat(last(NODE).type()).isEqualTo("acme.battery_replaced");
    }

    @Test
    void record_vendorTypeWithoutSchema_isInvalidEventAndWritesNothing() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      long head = store.headPosition();
      rejects(
          () ->
              lc.record(
                  NODE,
                  NewEvent.builder("acme.battery_replaced", 1)
                      .eventId(UUID.randomUUID())
                      .occurredAt(Fixtures.NOW)
                      .actor("acme")
                      .build()),
          Code.INVALID_EVENT);
      assertThat(store.headPosition()).isEqualTo(head);
    }

    @Test
    void record_payloadViolatingItsSchema_isInvalidEventAndWritesNothing() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      long head = store.headPosition();
      rejects(
          () ->
              lc.record(
                  NODE,
                  EventType.EMERGENCY_SECURE_WIPED,
                  Payload.of("method", "purge", "verified_by", 42)),
          Code.INVALID_EVENT);
      assertThat(store.headPosition()).isEqualTo(head);
    }

    @Test
    void record_stateChangeOrRegistration_isInvalidEvent() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      rejects(
          () ->
              lc.record(
                  NODE,
                  EventType.LIFECYCLE_STATE_CHANGED,
                  Payload.of(
                      "component_kind",
                      "hardware",
                      "from",
                      "REGISTERED",
                      "to",
                      "PROVISIONING",
                      "command",
                      "BEGIN_PROVISIONING")),
          Code.INVALID_EVENT);
      rejects(
          () -> lc.record(NODE, EventType.NODE_SERIAL_REGISTERED, nodeRegistration("X")),
          Code.INVALID_EVENT);
      rejects(
          () -> lc.record(NODE, EventType.SOFTWARE_REGISTERED, softwareRegistration(NODE, "os")),
          Code.INVALID_EVENT);
    }

    @Test
    void record_typeOfTheOtherKind_isInvalidEvent() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));
      rejects(
          () -> lc.record(NODE, EventType.MAINTENANCE_PATCH_APPLIED, Payload.of("patch_id", "p1")),
          Code.INVALID_EVENT);
      rejects(
          () -> lc.record(SOFTWARE, EventType.EMERGENCY_ISOLATED, Payload.of("reason", "x")),
          Code.INVALID_EVENT);
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true));
    }

    @Test
    void record_onUnknownComponent_isUnknownComponent() throws Exception {
      rejects(
          () -> lc.record(NODE, EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true)),
          Code.UNKNOWN_COMPONENT);
      assertThat(store.streamVersion(NODE)).isZero();
    }

    @Test
    void record_onDecommissionedNode_isComponentClosed() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      lc.execute(NODE, HardwareCommand.ISOLATE);
      Fixtures.recordEmergencyEvidence(lc);
      lc.execute(NODE, HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION);
      rejects(
          () -> lc.record(NODE, EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true)),
          Code.COMPONENT_CLOSED);
    }
  }

  @Nested
  @DisplayName("end-to-end paths")
  class Paths {
    @Test
    void gracefulDecommission_fromProvisioningToDecommissioned() throws Exception {
      Fixtures.activeNode(lc);
      lc.execute(NODE, HardwareCommand.ENTER_MAINTENANCE, "firmware 2.1");
      lc.record(
          NODE,
          EventType.MAINTENANCE_FIRMWARE_UPDATED,
          Payload.of(
              "from_version",
              "2.0",
              "to_version",
              "2.1",
              "digest",
              Fixtures.digest("cd"),
              "mode",
              "scheduled"));
      lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, Fixtures.attestation(true));
      lc.execute(NODE, HardwareCommand.COMPLETE_MAINTENANCE);
      lc.execute(NODE, HardwareCommand.BEGIN_DECOMMISSION, "end of life");

      rejects(() -> lc.execute(NODE, HardwareCommand.COMPLETE_DECOMMISSION), Code.GUARD_FAILED);
      Fixtures.recordGracefulEvidence(lc);
      ComponentState done = lc.execute(NODE, HardwareCommand.COMPLETE_DECOMMISSION);

      assertThat(done.state()).isEqualTo(HardwareState.DECOMMISSIONED);
      assertThat(done.isTerminal()).isTrue();
      assertThat(
              lc.history(NODE).stream()
                  .filter(e -> e.type().equals("lifecycle.state_changed"))
                  .map(e -> e.payload().requireText("to")))
          .containsExactly(
              "REGISTERED",
              "PROVISIONING",
              "ACTIVE",
              "MAINTENANCE",
              "ACTIVE",
              "DECOMMISSIONING",
              "DECOMMISSIONED");
      rejects(() -> lc.execute(NODE, HardwareCommand.ISOLATE), Code.COMPONENT_CLOSED);
    }

    @Test
    void emergencyDecommission_fromActiveThroughIsolation() throws Exception {
      Fixtures.activeNode(lc);
      lc.execute(NODE, HardwareCommand.ISOLATE, "tamper alarm");

      LifecycleException e =
          rejects(
              () -> lc.execute(NODE, HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION),
              Code.GUARD_FAILED);
      assertThat(e.failedGuards())
          .containsOnlyKeys("isolated", "trust-revoked", "secure-wipe-recorded");
      rejects(
          () -> lc.execute(NODE, HardwareCommand.COMPLETE_MAINTENANCE), Code.ILLEGAL_TRANSITION);

      Fixtures.recordEmergencyEvidence(lc);
      ComponentState done = lc.execute(NODE, HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION);

      assertThat(done.state()).isEqualTo(HardwareState.DECOMMISSIONED);
      assertThat(ComponentState.replay(NODE, store.readStream(NODE, 1, 1000))).isEqualTo(done);
    }

    @Test
    void softwareLifecycle_deployFailRollBackRetire() throws Exception {
      lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));
      lc.execute(SOFTWARE, SoftwareCommand.DEPLOY);
      lc.record(
          SOFTWARE,
          EventType.SOFTWARE_BASE_IMAGE_DEPLOYED,
          Payload.of("image", "os", "version", "1.0", "digest", Fixtures.digest("01")));
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true));
      lc.execute(SOFTWARE, SoftwareCommand.CONFIRM_RUNNING);
      lc.execute(SOFTWARE, SoftwareCommand.BEGIN_UPDATE);
      // The health check from before the update does not confirm the update.
      rejects(() -> lc.execute(SOFTWARE, SoftwareCommand.CONFIRM_RUNNING), Code.GUARD_FAILED);
      lc.execute(SOFTWARE, SoftwareCommand.FAIL, "crash loop");
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true));
      lc.execute(SOFTWARE, SoftwareCommand.ROLL_BACK);
      ComponentState done = lc.execute(SOFTWARE, SoftwareCommand.RETIRE);
      assertThat(done.state()).isEqualTo(SoftwareState.RETIRED);
    }
  }

  @Nested
  @DisplayName("concurrency")
  class Concurrency {
    /** A store that runs {@code beforeFirstAppend} once, just before the first append. */
    final class InterleavingStore extends ForwardingEventStore {
      Runnable beforeFirstAppend;

      InterleavingStore(EventStore delegate, Runnable beforeFirstAppend) {
        super(delegate);
        this.beforeFirstAppend = beforeFirstAppend;
      }

      @Override
      public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events)
          throws EventStoreException {
        Runnable r = beforeFirstAppend;
        beforeFirstAppend = null;
        if (r != null) {
          r.run();
        }
        return delegate().append(streamId, expected, events);
      }
    }

    @Test
    void execute_anotherWriterAppendsBetweenReadAndWrite_isConcurrentModification()
        throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      Lifecycle other = Fixtures.lifecycle(store);
      InterleavingStore racing =
          new InterleavingStore(
              store,
              () -> {
                try {
                  other.execute(NODE, HardwareCommand.ISOLATE);
                } catch (LifecycleException e) {
                  throw new AssertionError(e);
                }
              });
      Lifecycle loser = Fixtures.lifecycle(racing);

      LifecycleException e =
          (LifecycleException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> loser.execute(NODE, HardwareCommand.BEGIN_PROVISIONING));

      assertThat(e.code()).isEqualTo(Code.CONCURRENT_MODIFICATION);
      assertThat(e.getMessage()).contains("expected version 2, but got 3");
      assertThat(lc.state(NODE).state()).isEqualTo(HardwareState.ISOLATED);
      assertThat(store.streamVersion(NODE)).isEqualTo(3);
    }

    @Test
    void execute_twoThreadsRaceOnOneComponent_exactlyOneWins() throws Exception {
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      // Both writers read version 2, then meet at the barrier, then both append.
      CyclicBarrier bothRead = new CyclicBarrier(2);
      Runnable await =
          () -> {
            try {
              bothRead.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          };
      Lifecycle a = Fixtures.lifecycle(new InterleavingStore(store, await));
      Lifecycle b = Fixtures.lifecycle(new InterleavingStore(store, await));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Object>> results = new ArrayList<>();
        for (Lifecycle l : List.of(a, b)) {
          results.add(
              pool.submit(
                  () -> {
                    try {
                      return l.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
                    } catch (LifecycleException e) {
                      return e;
                    }
                  }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : results) {
          outcomes.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(outcomes).filteredOn(o -> o instanceof ComponentState).hasSize(1);
        assertThat(outcomes)
            .filteredOn(o -> o instanceof LifecycleException)
            .singleElement()
            .extracting(o -> ((LifecycleException) o).code())
            .isEqualTo(Code.CONCURRENT_MODIFICATION);
        assertThat(store.streamVersion(NODE)).isEqualTo(3);
        assertThat(lc.state(NODE).state()).isEqualTo(HardwareState.PROVISIONING);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void registerHardware_twoLifecyclesSameId_secondIsAlreadyExists() throws Exception {
      Lifecycle other = Fixtures.lifecycle(store);
      lc.registerHardware(NODE, nodeRegistration("SX-42"));
      LifecycleException e =
          rejects(
              () -> other.registerHardware(NODE, nodeRegistration("SX-43")), Code.ALREADY_EXISTS);
      assertThat(e.componentId()).isEqualTo(NODE);
    }
  }

  @Test
  void builder_withoutActor_isRejected() {
    assertThatThrownBy(() -> Lifecycle.builder().store(store).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no actor");
  }

  @Test
  void builder_optionSetTwice_isRejected() {
    assertThatThrownBy(() -> Lifecycle.builder().store(store).store(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store was already set");
  }
}
