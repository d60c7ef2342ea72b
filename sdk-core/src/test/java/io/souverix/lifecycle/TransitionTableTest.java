package io.souverix.lifecycle;

import static io.souverix.lifecycle.HardwareState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionTableTest {

  @Test
  void hardware_rows_matchTheCatalogue() {
    TransitionTable t = TransitionTable.hardware();
    assertThat(t.transitions())
        .containsExactly(
            new Transition(HardwareCommand.REGISTER, List.of(), REGISTERED, List.of()),
            new Transition(
                HardwareCommand.BEGIN_PROVISIONING, List.of(REGISTERED), PROVISIONING, List.of()),
            new Transition(
                HardwareCommand.ACTIVATE,
                List.of(PROVISIONING),
                ACTIVE,
                List.of("attestation-passed", "trust-chain-established")),
            new Transition(
                HardwareCommand.ENTER_MAINTENANCE, List.of(ACTIVE), MAINTENANCE, List.of()),
            new Transition(
                HardwareCommand.COMPLETE_MAINTENANCE,
                List.of(MAINTENANCE),
                ACTIVE,
                List.of("attestation-passed")),
            new Transition(
                HardwareCommand.BEGIN_DECOMMISSION,
                List.of(ACTIVE, MAINTENANCE),
                DECOMMISSIONING,
                List.of()),
            new Transition(
                HardwareCommand.COMPLETE_DECOMMISSION,
                List.of(DECOMMISSIONING),
                DECOMMISSIONED,
                List.of(
                    "workload-migrated",
                    "data-exported",
                    "certificates-revoked",
                    "audit-completed")),
            new Transition(
                HardwareCommand.ISOLATE,
                List.of(REGISTERED, PROVISIONING, ACTIVE, MAINTENANCE, DECOMMISSIONING),
                ISOLATED,
                List.of()),
            new Transition(
                HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION,
                List.of(ISOLATED),
                DECOMMISSIONED,
                List.of("isolated", "trust-revoked", "secure-wipe-recorded")));
  }

  @Test
  void software_rows_matchTheCatalogue() {
    TransitionTable t = TransitionTable.software();
    assertThat(t.transitions())
        .extracting(
            tr -> tr.command().name() + " " + tr.from() + " -> " + tr.to() + " " + tr.guards())
        .containsExactly(
            "REGISTER [] -> PENDING []",
            "DEPLOY [PENDING] -> DEPLOYING []",
            "CONFIRM_RUNNING [DEPLOYING, UPDATING] -> RUNNING [healthy]",
            "BEGIN_UPDATE [RUNNING, FAILED] -> UPDATING []",
            "FAIL [DEPLOYING, UPDATING] -> FAILED []",
            "ROLL_BACK [FAILED, UPDATING] -> RUNNING [healthy]",
            "RETIRE [PENDING, RUNNING, FAILED] -> RETIRED []");
  }

  @Test
  void allowedCommands_fromActive_areTheRowsListingActive() {
    assertThat(TransitionTable.hardware().allowedCommands(ACTIVE))
        .containsExactly(
            HardwareCommand.ENTER_MAINTENANCE,
            HardwareCommand.BEGIN_DECOMMISSION,
            HardwareCommand.ISOLATE);
    assertThat(TransitionTable.software().allowedCommands(SoftwareState.FAILED))
        .containsExactly(
            SoftwareCommand.BEGIN_UPDATE, SoftwareCommand.ROLL_BACK, SoftwareCommand.RETIRE);
  }

  @Test
  void allowedCommands_fromTerminalState_isEmpty() {
    assertThat(TransitionTable.hardware().allowedCommands(DECOMMISSIONED)).isEmpty();
    assertThat(TransitionTable.software().allowedCommands(SoftwareState.RETIRED)).isEmpty();
  }

  @Test
  void target_ofEveryStateAndCommand_agreesWithTheRows() {
    for (TransitionTable t : List.of(TransitionTable.hardware(), TransitionTable.software())) {
      for (Transition row : t.transitions()) {
        for (LifecycleState s : t.states()) {
          assertThat(t.target(s, row.command()))
              .as("%s from %s", row.command(), s)
              .isEqualTo(
                  row.allowsFrom(s) ? java.util.Optional.of(row.to()) : java.util.Optional.empty());
        }
        assertThat(t.target(null, row.command()).isPresent()).isEqualTo(row.isInitial());
      }
    }
  }

  @Test
  void target_ofCommandOfOtherKind_isEmpty() {
    assertThat(TransitionTable.hardware().target(ACTIVE, SoftwareCommand.RETIRE)).isEmpty();
  }

  @Test
  void transition_ofCommandOfOtherKind_throws() {
    assertThatThrownBy(() -> TransitionTable.software().guards(HardwareCommand.ACTIVATE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a SOFTWARE command, but got HARDWARE ACTIVATE");
  }

  @Test
  void everyState_isReachableFromTheInitialState() {
    for (TransitionTable t : List.of(TransitionTable.hardware(), TransitionTable.software())) {
      Set<LifecycleState> seen = new HashSet<>(Set.of(t.initial().to()));
      boolean grew = true;
      while (grew) {
        grew = false;
        for (Transition row : t.transitions()) {
          if (row.from().stream().anyMatch(seen::contains)) {
            grew |= seen.add(row.to());
          }
        }
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(t.states());
    }
  }

  @Test
  void terminalStates_areExactlyDecommissionedAndRetired() {
    assertThat(TransitionTable.hardware().states().stream().filter(LifecycleState::isTerminal))
        .containsExactly(DECOMMISSIONED);
    assertThat(TransitionTable.software().states().stream().filter(LifecycleState::isTerminal))
        .containsExactly(SoftwareState.RETIRED);
  }

  @Test
  void stateAndCommand_parseTheirNames() {
    assertThat(TransitionTable.hardware().state("ISOLATED")).contains(ISOLATED);
    assertThat(TransitionTable.hardware().state("RUNNING")).isEmpty();
    assertThat(TransitionTable.software().command("ROLL_BACK")).contains(SoftwareCommand.ROLL_BACK);
    assertThat(TransitionTable.software().command("ACTIVATE")).isEmpty();
  }

  @Test
  void of_kind_returnsTheTableOfThatKind() {
    assertThat(TransitionTable.of(ComponentKind.HARDWARE)).isSameAs(TransitionTable.hardware());
    assertThat(TransitionTable.of(ComponentKind.SOFTWARE).kind()).isEqualTo(ComponentKind.SOFTWARE);
  }

  @Test
  void everyGuardIdInTheTables_hasADefaultGuard() {
    Set<String> used = new HashSet<>();
    TransitionTable.hardware().transitions().forEach(t -> used.addAll(t.guards()));
    TransitionTable.software().transitions().forEach(t -> used.addAll(t.guards()));
    assertThat(Guards.defaults().ids()).containsExactlyInAnyOrderElementsOf(used);
  }

  @Test
  void toMermaid_hasOneEdgePerSourceState() {
    String m = TransitionTable.hardware().toMermaid();
    assertThat(m)
        .startsWith("stateDiagram-v2\n")
        .contains("    [*] --> REGISTERED : REGISTER\n")
        .contains("    MAINTENANCE --> DECOMMISSIONING : BEGIN_DECOMMISSION\n")
        .contains(
            "    PROVISIONING --> ACTIVE : ACTIVATE [attestation-passed, trust-chain-established]\n")
        .endsWith("    DECOMMISSIONED --> [*]\n");
    assertThat(m.lines().filter(l -> l.contains(" : ISOLATE"))).hasSize(5);
  }
}
