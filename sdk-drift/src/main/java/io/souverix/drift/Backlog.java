package io.souverix.drift;

import java.util.Locale;

/**
 * What a node has not yet applied, counted by class: the {@code backlog} of a {@code SyncDebt}.
 *
 * @param messages messages (events) to replay
 * @param configUpdates configuration updates to apply
 * @param policyUpdates policy set updates to apply
 * @param versionUpdates component version updates to apply
 * @since 0.1
 */
public record Backlog(long messages, long configUpdates, long policyUpdates, long versionUpdates) {
  /** The empty backlog. */
  public static final Backlog EMPTY = new Backlog(0, 0, 0, 0);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public Backlog {
    if (messages < 0 || configUpdates < 0 || policyUpdates < 0 || versionUpdates < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "backlog counts; expected >= 0, but got %d, %d, %d, %d",
              messages,
              configUpdates,
              policyUpdates,
              versionUpdates));
    }
  }

  /**
   * Returns the backlog of both this and {@code other}: counts add per class.
   *
   * @param other another backlog; not null
   * @return the sum
   * @throws ArithmeticException if a count overflows
   * @since 0.1
   */
  public Backlog plus(Backlog other) {
    return new Backlog(
        Math.addExact(messages, other.messages),
        Math.addExact(configUpdates, other.configUpdates),
        Math.addExact(policyUpdates, other.policyUpdates),
        Math.addExact(versionUpdates, other.versionUpdates));
  }

  /**
   * Returns whether nothing is waiting.
   *
   * @return true when every count is 0
   * @since 0.1
   */
  public boolean isEmpty() {
    return equals(EMPTY);
  }
}
