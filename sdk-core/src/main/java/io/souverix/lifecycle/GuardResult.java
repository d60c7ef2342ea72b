package io.souverix.lifecycle;

import java.util.Objects;

/**
 * The outcome of a {@link Guard} check: pass, or fail with a reason.
 *
 * @since 0.1
 */
public final class GuardResult {
  private static final GuardResult PASS = new GuardResult(true, "");

  private final boolean passed;
  private final String reason;

  private GuardResult(boolean passed, String reason) {
    this.passed = passed;
    this.reason = reason;
  }

  /**
   * Returns the passing result.
   *
   * @return pass
   */
  public static GuardResult pass() {
    return PASS;
  }

  /**
   * Returns a failing result.
   *
   * @param reason why the guard failed, in the shape "what; expected x, but got y"; not empty
   * @return fail
   */
  public static GuardResult fail(String reason) {
    if (Objects.requireNonNull(reason, "reason").isEmpty()) {
      throw new IllegalArgumentException("a failing guard result needs a reason");
    }
    return new GuardResult(false, reason);
  }

  /**
   * Returns whether the guard passed.
   *
   * @return true if passed
   */
  public boolean passed() {
    return passed;
  }

  /**
   * Returns why the guard failed.
   *
   * @return the reason; empty when passed
   */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuardResult
        && ((GuardResult) o).passed == passed
        && ((GuardResult) o).reason.equals(reason);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(passed) * 31 + reason.hashCode();
  }

  @Override
  public String toString() {
    return passed ? "pass" : "fail: " + reason;
  }
}
