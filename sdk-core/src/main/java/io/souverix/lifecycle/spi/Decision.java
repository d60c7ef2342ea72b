package io.souverix.lifecycle.spi;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a policy that could be evaluated: allow, or deny with the reasons.
 *
 * <p>Errors (a policy that does not compile or does not yield a boolean) are never decisions; they
 * are {@link PolicyException}s.
 *
 * @param allow whether the policy allows the input
 * @param reasons why the input was denied (empty when allowed); human-readable, one per failed rule
 * @since 0.1
 */
public record Decision(boolean allow, List<String> reasons) {
  /**
   * Checks and copies the reasons.
   *
   * @param allow whether the policy allows the input
   * @param reasons why the input was denied
   * @throws IllegalArgumentException if an allow carries reasons or a deny carries none
   */
  public Decision {
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    if (allow == !reasons.isEmpty()) {
      throw new IllegalArgumentException(
          allow ? "an allow carries no reasons" : "a deny carries at least one reason");
    }
  }

  /**
   * An allow.
   *
   * @return a decision that allows, with no reasons
   */
  public static Decision allowed() {
    return new Decision(true, List.of());
  }

  /**
   * A deny.
   *
   * @param reasons why, at least one
   * @return a decision that denies
   * @throws IllegalArgumentException if {@code reasons} is empty
   */
  public static Decision denied(List<String> reasons) {
    return new Decision(false, reasons);
  }
}
