package io.souverix.lifecycle;

import static io.souverix.lifecycle.Fixtures.CLOCK;
import static io.souverix.lifecycle.Fixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fold on hand-written streams, including streams no Lifecycle would write. */
class ComponentStateTest {
  private final EventStore store = EventStore.inMemory(CLOCK);
  private long uuid;

  private NewEvent event(EventType type, Payload payload) {
    return NewEvent.builder(type)
        .eventId(new UUID(0x7000, ++uuid))
        .occurredAt(Fixtures.NOW)
        .actor("test")
        .payload(payload)
        .build();
  }

  private NewEvent change(String from, String to, String command) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("component_kind", "hardware");
    f.put("from", from);
    f.put("to", to);
    f.put("command", command);
    return event(EventType.LIFECYCLE_STATE_CHANGED, Payload.of(f));
  }

  private NewEvent registered() {
    return event(EventType.NODE_SERIAL_REGISTERED, Fixtures.nodeRegistration("SX-1"));
  }

  private List<RecordedEvent> write(NewEvent... events) throws Exception {
    store.append(NODE, ExpectedVersion.any(), List.of(events));
    return store.readStream(NODE, 1, 1000);
  }

  @Test
  void replay_ofRegistrationAndChanges_endsInTheLastTargetState() throws Exception {
    List<RecordedEvent> events =
        write(
            registered(),
            change(null, "REGISTERED", "REGISTER"),
            event(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true)),
            change("REGISTERED", "PROVISIONING", "BEGIN_PROVISIONING"));
    ComponentState s = ComponentState.replay(NODE, events);
    assertThat(s.state()).isEqualTo(HardwareState.PROVISIONING);
    assertThat(s.kind()).isEqualTo(ComponentKind.HARDWARE);
    assertThat(s.version()).isEqualTo(4);
    assertThat(s.stateSince()).isEqualTo(4);
    assertThat(s.isTerminal()).isFalse();
  }

  @Test
  void initial_isUnregisteredAtVersionZero() {
    ComponentState s = ComponentState.initial(NODE);
    assertThat(s.version()).isZero();
    assertThat(s.isRegistered()).isFalse();
    assertThatThrownBy(s::state).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::kind).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void apply_registrationOnly_knowsKindButNoState() throws Exception {
    ComponentState s = ComponentState.replay(NODE, write(registered()));
    assertThat(s.kind()).isEqualTo(ComponentKind.HARDWARE);
    assertThat(s.isRegistered()).isFalse();
  }

  @Test
  void apply_prefixThenSuffix_equalsWholeReplay() throws Exception {
    List<RecordedEvent> events =
        write(
            registered(),
            change(null, "REGISTERED", "REGISTER"),
            change("REGISTERED", "ISOLATED", "ISOLATE"),
            event(EventType.EMERGENCY_ISOLATED, Payload.of("reason", "x")));
    for (int k = 0; k <= events.size(); k++) {
      assertThat(
              ComponentState.replay(NODE, events.subList(0, k))
                  .applyAll(events.subList(k, events.size())))
          .isEqualTo(ComponentState.replay(NODE, events));
    }
  }

  @Test
  void apply_streamNotStartingWithRegistration_isRejected() throws Exception {
    List<RecordedEvent> events =
        write(event(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true)));
    assertThatThrownBy(() -> ComponentState.replay(NODE, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "first event; expected a registration, but got node.health_validated");
  }

  @Test
  void apply_secondRegistration_isRejected() throws Exception {
    List<RecordedEvent> events = write(registered(), registered());
    assertThatThrownBy(() -> ComponentState.replay(NODE, events))
        .hasMessageContaining("registration; expected the first event, but got sequence 2");
  }

  @Test
  void apply_changeWithWrongFrom_isRejected() throws Exception {
    List<RecordedEvent> events =
        write(
            registered(),
            change(null, "REGISTERED", "REGISTER"),
            change("ACTIVE", "MAINTENANCE", "ENTER_MAINTENANCE"));
    assertThatThrownBy(() -> ComponentState.replay(NODE, events))
        .hasMessageContaining("from; expected REGISTERED, but got ACTIVE");
  }

  @Test
  void apply_changeNotInTheTable_isRejected() throws Exception {
    List<RecordedEvent> events =
        write(
            registered(),
            change(null, "REGISTERED", "REGISTER"),
            change("REGISTERED", "ACTIVE", "ACTIVATE"));
    assertThatThrownBy(() -> ComponentState.replay(NODE, events))
        .hasMessageContaining(
            "transition; expected a command allowed from REGISTERED, but got ACTIVATE");
  }

  @Test
  void apply_changeWithWrongTarget_isRejected() throws Exception {
    List<RecordedEvent> events =
        write(
            registered(),
            change(null, "REGISTERED", "REGISTER"),
            change("REGISTERED", "ACTIVE", "BEGIN_PROVISIONING"));
    assertThatThrownBy(() -> ComponentState.replay(NODE, events))
        .hasMessageContaining("to; expected PROVISIONING, but got ACTIVE");
  }

  @Test
  void apply_eventAfterTerminalState_isRejected() throws Exception {
    List<RecordedEvent> events =
        write(
            registered(),
            change(null, "REGISTERED", "REGISTER"),
            change("REGISTERED", "ISOLATED", "ISOLATE"),
            change("ISOLATED", "DECOMMISSIONED", "COMPLETE_EMERGENCY_DECOMMISSION"),
            event(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true)));
    assertThat(ComponentState.replay(NODE, events.subList(0, 4)).isTerminal()).isTrue();
    assertThatThrownBy(() -> ComponentState.replay(NODE, events))
        .hasMessageContaining("no event after terminal state DECOMMISSIONED");
  }

  @Test
  void apply_outOfSequenceOrOtherStream_isRejected() throws Exception {
    List<RecordedEvent> events = write(registered(), change(null, "REGISTERED", "REGISTER"));
    assertThatThrownBy(() -> ComponentState.initial(NODE).apply(events.get(1)))
        .hasMessageContaining("sequence; expected 1, but got 2");
    assertThatThrownBy(() -> ComponentState.initial("node-1").apply(events.get(0)))
        .hasMessageContaining("stream id; expected 'node-1', but got 'node-000042'");
  }

  @Test
  void apply_softwareKindChangeOnHardwareStream_isRejected() throws Exception {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("component_kind", "software");
    f.put("from", null);
    f.put("to", "PENDING");
    f.put("command", "REGISTER");
    List<RecordedEvent> events =
        write(registered(), event(EventType.LIFECYCLE_STATE_CHANGED, Payload.of(f)));
    assertThatThrownBy(() -> ComponentState.replay(NODE, new ArrayList<>(events)))
        .hasMessageContaining("component_kind; expected hardware, but got software");
  }
}
