package io.souverix.lifecycle;

import java.util.Objects;
import java.util.function.Function;

/**
 * A precondition of a transition, identified by a stable id such as {@code "attestation-passed"}.
 *
 * <p>{@link TransitionTable} names guards by id; a {@link Guards} registry maps ids to
 * implementations, so that a domain module can replace a default (for example with a guard that
 * verifies an attestation cryptographically). A guard reads only its {@link GuardContext}: it must
 * not write, and it should be deterministic for a given context. A guard that throws counts as
 * failed.
 *
 * @since 0.1
 */
public interface Guard {
  /**
   * Returns the stable id this guard implements.
   *
   * @return an id such as {@code "attestation-passed"}
   */
  String id();

  /**
   * Checks the guard.
   *
   * @param context the component, its state and history, and the command being executed
   * @return pass, or fail with a reason a person can act on
   */
  GuardResult check(GuardContext context);

  /**
   * Returns a one-sentence description of what the guard requires, for documentation and tools.
   *
   * @return the description; by default the id
   */
  default String description() {
    return id();
  }

  /**
   * Creates a guard from a function.
   *
   * @param id the guard id; not empty
   * @param description what the guard requires
   * @param check the check
   * @return the guard
   */
  static Guard of(String id, String description, Function<GuardContext, GuardResult> check) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(check, "check");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("guard id must not be empty");
    }
    return new Guard() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public GuardResult check(GuardContext context) {
        return check.apply(context);
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public String toString() {
        return "Guard[" + id + "]";
      }
    };
  }
}
