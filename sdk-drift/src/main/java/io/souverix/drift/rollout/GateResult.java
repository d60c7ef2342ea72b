package io.souverix.drift.rollout;

import java.util.List;

/**
 * A {@link RolloutGate}'s verdict on one node: passed or not, the checks it ran and why it failed.
 *
 * @param passed whether the node may count as updated successfully
 * @param checks the names of the checks that ran
 * @param reasons why the node failed; empty when it passed
 * @since 0.1
 */
public record GateResult(boolean passed, List<String> checks, List<String> reasons) {
  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException if a failed result gives no reason
   */
  public GateResult {
    checks = List.copyOf(checks);
    reasons = List.copyOf(reasons);
    if (!passed && reasons.isEmpty()) {
      throw new IllegalArgumentException("a failed gate result needs at least one reason");
    }
  }

  /**
   * Returns a pass.
   *
   * @param checks the checks that ran
   * @return the result
   */
  public static GateResult pass(List<String> checks) {
    return new GateResult(true, checks, List.of());
  }

  /**
   * Returns a failure.
   *
   * @param checks the checks that ran
   * @param reason why the node failed
   * @return the result
   */
  public static GateResult fail(List<String> checks, String reason) {
    return new GateResult(false, checks, List.of(reason));
  }
}
