package io.souverix.drift.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Decides whether an updated node is healthy enough to count as a success: the health-validation
 * step of a rollout. Implementations judge a node's {@link HealthReport} (health endpoint result,
 * post-update attestation, SBOM gate, ...); they must be deterministic in their inputs, because the
 * verdict is recorded and never re-evaluated.
 *
 * <p>A gate that throws a {@link RuntimeException} fails the node (fail closed) with the
 * exception's message as the reason.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RolloutGate {
  /**
   * Judges one node.
   *
   * @param node the node id
   * @param change the change the node received
   * @param report what the node reported
   * @return the verdict; not null
   */
  GateResult evaluate(String node, DesiredChange change, HealthReport report);

  /**
   * Returns the default gate: passes when the report has at least one check and every check passed.
   *
   * @return the gate
   */
  static RolloutGate allChecksPass() {
    return (node, change, report) -> {
      List<String> names = List.copyOf(report.checks().keySet());
      if (names.isEmpty()) {
        return GateResult.fail(names, "the health report has no checks");
      }
      List<String> failed = new ArrayList<>();
      for (Map.Entry<String, Boolean> e : report.checks().entrySet()) {
        if (!e.getValue()) {
          failed.add(e.getKey());
        }
      }
      return failed.isEmpty()
          ? GateResult.pass(names)
          : GateResult.fail(names, "failed checks: " + String.join(", ", failed));
    };
  }

  /**
   * Returns a gate of one named predicate on the report.
   *
   * @param name the check's name, recorded in the events
   * @param predicate true when the node is healthy
   * @return the gate
   */
  static RolloutGate of(String name, Predicate<HealthReport> predicate) {
    Checks.text(name, "gate name", 200);
    Objects.requireNonNull(predicate, "predicate");
    return (node, change, report) ->
        predicate.test(report)
            ? GateResult.pass(List.of(name))
            : GateResult.fail(List.of(name), String.format(Locale.ROOT, "%s failed", name));
  }

  /**
   * Returns a gate that passes when every gate passes; all of them run, and the checks and reasons
   * are concatenated.
   *
   * @param gates the gates, at least one
   * @return the gate
   * @throws IllegalArgumentException if no gate is given
   */
  static RolloutGate allOf(RolloutGate... gates) {
    List<RolloutGate> all = List.of(gates);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("allOf; expected at least one gate, but got none");
    }
    return (node, change, report) -> {
      List<String> checks = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (RolloutGate g : all) {
        GateResult r = Objects.requireNonNull(g.evaluate(node, change, report), "gate result");
        checks.addAll(r.checks());
        reasons.addAll(r.reasons());
      }
      return new GateResult(reasons.isEmpty(), checks, reasons);
    };
  }
}
