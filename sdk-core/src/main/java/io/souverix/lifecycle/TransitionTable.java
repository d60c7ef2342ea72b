package io.souverix.lifecycle;

import static io.souverix.lifecycle.HardwareCommand.ACTIVATE;
import static io.souverix.lifecycle.HardwareCommand.BEGIN_DECOMMISSION;
import static io.souverix.lifecycle.HardwareCommand.BEGIN_PROVISIONING;
import static io.souverix.lifecycle.HardwareCommand.COMPLETE_DECOMMISSION;
import static io.souverix.lifecycle.HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION;
import static io.souverix.lifecycle.HardwareCommand.COMPLETE_MAINTENANCE;
import static io.souverix.lifecycle.HardwareCommand.ENTER_MAINTENANCE;
import static io.souverix.lifecycle.HardwareCommand.ISOLATE;
import static io.souverix.lifecycle.HardwareState.ACTIVE;
import static io.souverix.lifecycle.HardwareState.DECOMMISSIONED;
import static io.souverix.lifecycle.HardwareState.DECOMMISSIONING;
import static io.souverix.lifecycle.HardwareState.ISOLATED;
import static io.souverix.lifecycle.HardwareState.MAINTENANCE;
import static io.souverix.lifecycle.HardwareState.PROVISIONING;
import static io.souverix.lifecycle.HardwareState.REGISTERED;
import static io.souverix.lifecycle.SoftwareCommand.BEGIN_UPDATE;
import static io.souverix.lifecycle.SoftwareCommand.CONFIRM_RUNNING;
import static io.souverix.lifecycle.SoftwareCommand.DEPLOY;
import static io.souverix.lifecycle.SoftwareCommand.FAIL;
import static io.souverix.lifecycle.SoftwareCommand.RETIRE;
import static io.souverix.lifecycle.SoftwareCommand.ROLL_BACK;
import static io.souverix.lifecycle.SoftwareState.DEPLOYING;
import static io.souverix.lifecycle.SoftwareState.FAILED;
import static io.souverix.lifecycle.SoftwareState.PENDING;
import static io.souverix.lifecycle.SoftwareState.RETIRED;
import static io.souverix.lifecycle.SoftwareState.RUNNING;
import static io.souverix.lifecycle.SoftwareState.UPDATING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The transition table of one kind of component: every allowed transition, as data.
 *
 * <p>The two tables are fixed ({@link #hardware()}, {@link #software()}); they are the single
 * source of truth for {@link Lifecycle}, for {@link ComponentState#replay replay}, and for the
 * documentation ({@link #toMarkdown()}, {@link #toMermaid()}). Each command has exactly one row.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TransitionTable {
  private static final TransitionTable HARDWARE =
      new TransitionTable(
          ComponentKind.HARDWARE,
          List.of(HardwareState.values()),
          List.of(
              row(HardwareCommand.REGISTER, List.of(), REGISTERED),
              row(BEGIN_PROVISIONING, List.of(REGISTERED), PROVISIONING),
              row(
                  ACTIVATE,
                  List.of(PROVISIONING),
                  ACTIVE,
                  Guards.ATTESTATION_PASSED,
                  Guards.TRUST_CHAIN_ESTABLISHED),
              row(ENTER_MAINTENANCE, List.of(ACTIVE), MAINTENANCE),
              row(COMPLETE_MAINTENANCE, List.of(MAINTENANCE), ACTIVE, Guards.ATTESTATION_PASSED),
              row(BEGIN_DECOMMISSION, List.of(ACTIVE, MAINTENANCE), DECOMMISSIONING),
              row(
                  COMPLETE_DECOMMISSION,
                  List.of(DECOMMISSIONING),
                  DECOMMISSIONED,
                  Guards.WORKLOAD_MIGRATED,
                  Guards.DATA_EXPORTED,
                  Guards.CERTIFICATES_REVOKED,
                  Guards.AUDIT_COMPLETED),
              row(
                  ISOLATE,
                  List.of(REGISTERED, PROVISIONING, ACTIVE, MAINTENANCE, DECOMMISSIONING),
                  ISOLATED),
              row(
                  COMPLETE_EMERGENCY_DECOMMISSION,
                  List.of(ISOLATED),
                  DECOMMISSIONED,
                  Guards.ISOLATED,
                  Guards.TRUST_REVOKED,
                  Guards.SECURE_WIPE_RECORDED)));

  private static final TransitionTable SOFTWARE =
      new TransitionTable(
          ComponentKind.SOFTWARE,
          List.of(SoftwareState.values()),
          List.of(
              row(SoftwareCommand.REGISTER, List.of(), PENDING),
              row(DEPLOY, List.of(PENDING), DEPLOYING),
              row(CONFIRM_RUNNING, List.of(DEPLOYING, UPDATING), RUNNING, Guards.HEALTHY),
              row(BEGIN_UPDATE, List.of(RUNNING, FAILED), UPDATING),
              row(FAIL, List.of(DEPLOYING, UPDATING), FAILED),
              row(ROLL_BACK, List.of(FAILED, UPDATING), RUNNING, Guards.HEALTHY),
              row(RETIRE, List.of(PENDING, RUNNING, FAILED), RETIRED)));

  private final ComponentKind kind;
  private final List<LifecycleState> states;
  private final List<Transition> transitions;
  private final Map<LifecycleCommand, Transition> byCommand = new LinkedHashMap<>();
  private final Transition initial;

  private TransitionTable(
      ComponentKind kind, List<LifecycleState> states, List<Transition> transitions) {
    this.kind = kind;
    this.states = List.copyOf(states);
    this.transitions = List.copyOf(transitions);
    Transition first = null;
    for (Transition t : transitions) {
      if (t.command().kind() != kind || byCommand.put(t.command(), t) != null) {
        throw new IllegalStateException("each command needs exactly one row: " + t.command());
      }
      if (t.isInitial()) {
        if (first != null) {
          throw new IllegalStateException("a table has one initial transition");
        }
        first = t;
      }
      for (LifecycleState s : t.from()) {
        if (s.isTerminal()) {
          throw new IllegalStateException("a terminal state has no outgoing transition: " + s);
        }
      }
    }
    this.initial = Objects.requireNonNull(first, "initial transition");
    for (LifecycleState s : states) {
      boolean leaves = transitions.stream().anyMatch(t -> t.allowsFrom(s));
      if (s.isTerminal() == leaves) {
        throw new IllegalStateException("exactly the terminal states have no way out: " + s);
      }
    }
  }

  private static Transition row(
      LifecycleCommand command, List<LifecycleState> from, LifecycleState to, String... guards) {
    return new Transition(command, from, to, List.of(guards));
  }

  /**
   * Returns the hardware node table.
   *
   * @return the table of {@link HardwareCommand}s over {@link HardwareState}s
   */
  public static TransitionTable hardware() {
    return HARDWARE;
  }

  /**
   * Returns the software component table.
   *
   * @return the table of {@link SoftwareCommand}s over {@link SoftwareState}s
   */
  public static TransitionTable software() {
    return SOFTWARE;
  }

  /**
   * Returns the table of a kind.
   *
   * @param kind the component kind; not null
   * @return {@link #hardware()} or {@link #software()}
   */
  public static TransitionTable of(ComponentKind kind) {
    return Objects.requireNonNull(kind, "kind") == ComponentKind.HARDWARE ? HARDWARE : SOFTWARE;
  }

  /**
   * Returns the kind of component this table governs.
   *
   * @return the kind
   */
  public ComponentKind kind() {
    return kind;
  }

  /**
   * Returns every state, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<LifecycleState> states() {
    return states;
  }

  /**
   * Returns every transition, one per command, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<Transition> transitions() {
    return transitions;
  }

  /**
   * Returns the transition that starts a lifecycle ({@code REGISTER}).
   *
   * @return the initial transition
   */
  public Transition initial() {
    return initial;
  }

  /**
   * Returns the row of a command.
   *
   * @param command a command of this table's kind
   * @return its transition
   * @throws IllegalArgumentException if the command is of the other kind
   */
  public Transition transition(LifecycleCommand command) {
    Transition t = byCommand.get(Objects.requireNonNull(command, "command"));
    if (t == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "command kind; expected a %s command, but got %s %s",
              kind,
              command.kind(),
              command));
    }
    return t;
  }

  /**
   * Returns the commands allowed from a state, in declaration order. The initial command is never
   * among them.
   *
   * @param from the current state
   * @return the allowed commands; empty for a terminal state or a state of the other kind
   */
  public List<LifecycleCommand> allowedCommands(LifecycleState from) {
    Objects.requireNonNull(from, "from");
    List<LifecycleCommand> out = new ArrayList<>();
    for (Transition t : transitions) {
      if (t.allowsFrom(from)) {
        out.add(t.command());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns where a command leads from a state.
   *
   * @param from the current state, or null for a component not yet registered
   * @param command the command
   * @return the target state, or empty if the command is not allowed from {@code from}
   */
  public Optional<LifecycleState> target(@Nullable LifecycleState from, LifecycleCommand command) {
    Transition t = byCommand.get(Objects.requireNonNull(command, "command"));
    if (t == null) {
      return Optional.empty();
    }
    boolean allowed = from == null ? t.isInitial() : t.allowsFrom(from);
    return allowed ? Optional.of(t.to()) : Optional.empty();
  }

  /**
   * Returns the ids of the guards a command needs.
   *
   * @param command a command of this table's kind
   * @return the guard ids, possibly empty
   * @throws IllegalArgumentException if the command is of the other kind
   */
  public List<String> guards(LifecycleCommand command) {
    return transition(command).guards();
  }

  /**
   * Parses a state name of this table's kind.
   *
   * @param name an upper-case state name such as {@code "ACTIVE"}
   * @return the state, or empty if this kind has no such state
   */
  public Optional<LifecycleState> state(String name) {
    Objects.requireNonNull(name, "name");
    return states.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * Parses a command name of this table's kind.
   *
   * @param name an upper-case command name such as {@code "ACTIVATE"}
   * @return the command, or empty if this kind has no such command
   */
  public Optional<LifecycleCommand> command(String name) {
    Objects.requireNonNull(name, "name");
    return byCommand.keySet().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * Renders the table as a Markdown table with the columns command, from, to and guards.
   *
   * @return Markdown text ending in a newline
   */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Command | From | To | Guards |\n");
    sb.append("|---|---|---|---|\n");
    for (Transition t : transitions) {
      sb.append("| `")
          .append(t.command().name())
          .append("` | ")
          .append(
              t.isInitial()
                  ? "(none)"
                  : t.from().stream()
                      .map(s -> "`" + s.name() + "`")
                      .collect(Collectors.joining(", ")))
          .append(" | `")
          .append(t.to().name())
          .append("` | ")
          .append(
              t.guards().isEmpty()
                  ? "-"
                  : t.guards().stream().map(g -> "`" + g + "`").collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    return sb.toString();
  }

  /**
   * Renders the table as a Mermaid {@code stateDiagram-v2}: one edge per source state and command,
   * labelled with the command and its guards in brackets.
   *
   * @return Mermaid text ending in a newline
   */
  public String toMermaid() {
    StringBuilder sb = new StringBuilder("stateDiagram-v2\n");
    for (Transition t : transitions) {
      String label =
          t.command().name()
              + (t.guards().isEmpty() ? "" : " [" + String.join(", ", t.guards()) + "]");
      if (t.isInitial()) {
        sb.append("    [*] --> ").append(t.to().name()).append(" : ").append(label).append('\n');
      } else {
        for (LifecycleState s : t.from()) {
          sb.append("    ")
              .append(s.name())
              .append(" --> ")
              .append(t.to().name())
              .append(" : ")
              .append(label)
              .append('\n');
        }
      }
    }
    for (LifecycleState s : states) {
      if (s.isTerminal()) {
        sb.append("    ").append(s.name()).append(" --> [*]\n");
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "TransitionTable[" + kind + "]";
  }
}
