package io.souverix.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.LifecycleException.Code;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random command sequences, with random evidence in between, against a real Lifecycle on an
 * in-memory store. Each step is an encoded intent interpreted against the component's state at run
 * time, so that sequences reach deep states (decommissioned, retired) as well as hitting illegal
 * commands, failing guards and closed streams.
 */
class LifecyclePropertiesTest {

  /** One step: {@code what} selects the kind of step, {@code index} a command or evidence. */
  record Step(int what, int index, boolean satisfyGuards) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 99),
                Arbitraries.of(true, true, false))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  private static final class Run {
    final EventStore store = Fixtures.store();
    final Lifecycle lc = Fixtures.lifecycle(store);
    final String id;
    final TransitionTable table;
    ComponentState live;

    Run(boolean hardware) throws LifecycleException {
      live = Fixtures.driveTo(lc, hardware ? HardwareState.REGISTERED : SoftwareState.PENDING);
      id = live.componentId();
      table = TransitionTable.of(live.kind());
    }

    List<RecordedEvent> stored() throws Exception {
      return store.readStream(id, 1, 10_000);
    }

    /** Executes a command and checks the outcome against the table. */
    void execute(LifecycleCommand command) throws Exception {
      ComponentState before = lc.state(id);
      List<RecordedEvent> history = stored();
      long head = store.headPosition();
      try {
        ComponentState after = lc.execute(id, command);
        // Only a transition whose guards all pass on the state before it is accepted.
        GuardContext ctx = GuardContext.of(before, command, history, Fixtures.NOW);
        for (String g : table.guards(command)) {
          assertThat(Guards.defaults().get(g).orElseThrow().check(ctx).passed()).as(g).isTrue();
        }
        assertThat(command.kind()).isEqualTo(before.kind());
        assertThat(table.target(before.state(), command)).contains(after.state());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.stateSince()).isEqualTo(after.version());
        assertThat(store.headPosition()).isEqualTo(head + 1);
        live = after;
      } catch (LifecycleException e) {
        assertUnchanged(before, head);
        if (before.isTerminal()) {
          assertThat(e.code()).isEqualTo(Code.COMPONENT_CLOSED);
        } else if (command.kind() != before.kind()
            || table.target(before.state(), command).isEmpty()) {
          assertThat(e.code()).isEqualTo(Code.ILLEGAL_TRANSITION);
        } else {
          assertThat(e.code()).isEqualTo(Code.GUARD_FAILED);
          assertThat(e.failedGuards()).isNotEmpty();
          assertThat(table.guards(command)).containsAll(e.failedGuards().keySet());
        }
      }
      assertThat(lc.state(id)).isEqualTo(live);
    }

    /** Records evidence and checks that it never changes the lifecycle state. */
    void record(NewEvent evidence, boolean validForKind) throws Exception {
      ComponentState before = lc.state(id);
      long head = store.headPosition();
      try {
        ComponentState after = lc.record(id, evidence);
        assertThat(before.isTerminal()).isFalse();
        assertThat(validForKind).isTrue();
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.stateSince()).isEqualTo(before.stateSince());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        live = after;
      } catch (LifecycleException e) {
        assertUnchanged(before, head);
        assertThat(e.code())
            .isEqualTo(before.isTerminal() ? Code.COMPONENT_CLOSED : Code.INVALID_EVENT);
      }
      assertThat(lc.state(id)).isEqualTo(live);
    }

    void assertUnchanged(ComponentState before, long head) throws Exception {
      assertThat(store.headPosition()).isEqualTo(head);
      assertThat(lc.state(id)).isEqualTo(before);
    }
  }

  private static final List<String> HARDWARE_EVIDENCE_GUARDS =
      List.of(
          Guards.ATTESTATION_PASSED,
          Guards.TRUST_CHAIN_ESTABLISHED,
          Guards.WORKLOAD_MIGRATED,
          Guards.DATA_EXPORTED,
          Guards.CERTIFICATES_REVOKED,
          Guards.AUDIT_COMPLETED,
          Guards.ISOLATED,
          Guards.TRUST_REVOKED,
          Guards.SECURE_WIPE_RECORDED);

  private static void randomEvidence(Run run, int index) throws Exception {
    boolean hardware = run.table.kind() == ComponentKind.HARDWARE;
    switch (index % 6) {
      case 0 ->
          run.record(
              run.lc.evidence(
                  EventType.NODE_ATTESTATION_COMPLETED, Fixtures.attestation(index % 2 == 0)),
              hardware);
      case 1 ->
          run.record(
              run.lc.evidence(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(index % 2 == 0)),
              true);
      case 2 ->
          run.record(
              run.lc.evidence(
                  EventType.NODE_CONNECTIVITY_CHANGED, Payload.of("state", "intermittent")),
              true);
      case 3 ->
          run.record(
              run.lc.evidence(
                  EventType.MAINTENANCE_PATCH_APPLIED,
                  Payload.of("from_version", "1", "to_version", "2", "patch_id", "p")),
              !hardware);
      case 4 ->
          run.record(
              run.lc.evidence(
                  EventType.LIFECYCLE_STATE_CHANGED,
                  Payload.of(
                      "component_kind",
                      "hardware",
                      "from",
                      "ACTIVE",
                      "to",
                      "ISOLATED",
                      "command",
                      "ISOLATE")),
              false);
      default -> {
        if (hardware && !run.live.isTerminal()) {
          // Guard-relevant evidence, recorded through the same checks.
          String g = HARDWARE_EVIDENCE_GUARDS.get(index % HARDWARE_EVIDENCE_GUARDS.size());
          ComponentState before = run.lc.state(run.id);
          Fixtures.satisfy(run.lc, run.id, g);
          run.live = run.lc.state(run.id);
          assertThat(run.live.state()).isEqualTo(before.state());
          assertThat(run.live.version()).isEqualTo(before.version() + 1);
        } else {
          run.record(
              run.lc.evidence(
                  EventType.NODE_DRIFT_DETECTED,
                  Payload.of("drift_kind", "version", "component", "os", "severity", "low")),
              true);
        }
      }
    }
  }

  @Property(tries = 150)
  void randomSequences_stayInsideTheTable_andReplayToTheLiveState(
      @ForAll("steps") List<Step> steps, @ForAll boolean hardware) throws Exception {
    Run run = new Run(hardware);
    List<LifecycleCommand> all = new ArrayList<>();
    TransitionTable.of(run.table.kind()).transitions().forEach(t -> all.add(t.command()));
    TransitionTable other =
        TransitionTable.of(hardware ? ComponentKind.SOFTWARE : ComponentKind.HARDWARE);

    for (Step s : steps) {
      switch (s.what()) {
        case 0, 1, 2, 3 -> {
          List<LifecycleCommand> allowed =
              run.live.isTerminal() ? all : run.table.allowedCommands(run.live.state());
          LifecycleCommand c = allowed.get(s.index() % allowed.size());
          if (s.satisfyGuards() && !run.live.isTerminal()) {
            for (String g : run.table.guards(c)) {
              Fixtures.satisfy(run.lc, run.id, g);
            }
            run.live = run.lc.state(run.id);
          }
          run.execute(c);
        }
        case 4, 5 -> run.execute(all.get(s.index() % all.size()));
        case 6 ->
            run.execute(other.transitions().get(s.index() % other.transitions().size()).command());
        case 7, 8 -> {
          if (run.live.isTerminal()) {
            run.record(
                run.lc.evidence(EventType.NODE_HEALTH_VALIDATED, Fixtures.health(true)), true);
          } else {
            randomEvidence(run, s.index());
          }
        }
        default -> {
          long head = run.store.headPosition();
          try {
            if (hardware) {
              run.lc.registerHardware(run.id, Fixtures.nodeRegistration("SX-again"));
            } else {
              run.lc.registerSoftware(run.id, Fixtures.softwareRegistration(Fixtures.NODE, "os"));
            }
            throw new AssertionError("second registration accepted");
          } catch (LifecycleException e) {
            assertThat(e.code()).isEqualTo(Code.ALREADY_EXISTS);
            assertThat(run.store.headPosition()).isEqualTo(head);
          }
        }
      }
    }

    List<RecordedEvent> stored = run.stored();
    // Replaying the stored events rebuilds what the live object reported.
    assertThat(ComponentState.replay(run.id, stored)).isEqualTo(run.live);
    // Every recorded state change is a row of the table, from the state before it.
    LifecycleState state = null;
    for (RecordedEvent e : stored) {
      if (e.type().equals(EventType.LIFECYCLE_STATE_CHANGED.name())) {
        LifecycleCommand c = run.table.command(e.payload().requireText("command")).orElseThrow();
        LifecycleState to = run.table.state(e.payload().requireText("to")).orElseThrow();
        assertThat(run.table.target(state, c)).contains(to);
        state = to;
      }
    }
    assertThat(state).isEqualTo(run.live.state());
    Statistics.label("final state")
        .collect(run.live.state())
        .coverage(
            c -> {
              c.check(HardwareState.DECOMMISSIONED).count(n -> n > 0);
              c.check(SoftwareState.RETIRED).count(n -> n > 0);
            });
  }

  @Property(tries = 100)
  void replay_prefixThenSuffix_equalsReplayOfAll(
      @ForAll("steps") List<Step> steps, @ForAll boolean hardware) throws Exception {
    Run run = new Run(hardware);
    for (Step s : steps) {
      try {
        if (s.what() < 6 && !run.live.isTerminal()) {
          List<LifecycleCommand> allowed = run.table.allowedCommands(run.live.state());
          run.live =
              Fixtures.satisfyAndExecute(run.lc, run.id, allowed.get(s.index() % allowed.size()));
        } else if (!run.live.isTerminal()) {
          run.live =
              run.lc.record(
                  run.id,
                  run.lc.evidence(
                      EventType.NODE_HEALTH_VALIDATED, Fixtures.health(s.satisfyGuards())));
        }
      } catch (LifecycleException e) {
        throw new AssertionError(e);
      }
    }
    List<RecordedEvent> stored = run.stored();
    ComponentState whole = ComponentState.replay(run.id, stored);
    assertThat(whole).isEqualTo(run.live);
    for (int k = 0; k <= stored.size(); k++) {
      ComponentState prefix = ComponentState.replay(run.id, stored.subList(0, k));
      assertThat(prefix.version()).isEqualTo(k);
      assertThat(prefix.applyAll(stored.subList(k, stored.size()))).isEqualTo(whole);
    }
  }
}
