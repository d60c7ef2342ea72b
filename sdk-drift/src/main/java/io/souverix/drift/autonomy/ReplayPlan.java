package io.souverix.drift.autonomy;

import io.souverix.drift.federation.FieldUpdate;
import java.util.List;
import java.util.Objects;

/**
 * What a node returning from autonomy must apply: the updates it missed in causal order, the
 * changes they make (each missed update merged into the snapshot by the authority rules, one step
 * per change of a resolved value), and the state expected once they are applied.
 *
 * @param node the node id
 * @param missed the missed updates, in causal (hybrid timestamp) order
 * @param steps the changes to apply, in the same order
 * @param expected the state expected after the steps
 * @since 0.1
 */
public record ReplayPlan(
    String node, List<FieldUpdate> missed, List<ReplayStep> steps, ExpectedState expected) {
  /** Checks and copies. */
  public ReplayPlan {
    Objects.requireNonNull(node, "node");
    missed = List.copyOf(missed);
    steps = List.copyOf(steps);
    Objects.requireNonNull(expected, "expected");
  }
}
