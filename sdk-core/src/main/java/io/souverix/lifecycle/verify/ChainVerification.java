package io.souverix.lifecycle.verify;

import java.util.List;
import java.util.Locale;

/**
 * The result of {@link ChainVerifier#verify}: how much was checked and every problem found. Only
 * {@link ChainVerifier} creates it, so holding one proves the check ran.
 *
 * @since 0.1
 */
public final class ChainVerification {
  private final long eventsChecked;
  private final long streamsChecked;
  private final long headPosition;
  private final List<ChainProblem> problems;

  ChainVerification(
      long eventsChecked, long streamsChecked, long headPosition, List<ChainProblem> problems) {
    this.eventsChecked = eventsChecked;
    this.streamsChecked = streamsChecked;
    this.headPosition = headPosition;
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns how many events were read and checked.
   *
   * @return the event count
   */
  public long eventsChecked() {
    return eventsChecked;
  }

  /**
   * Returns how many distinct streams the checked events belong to.
   *
   * @return the stream count
   */
  public long streamsChecked() {
    return streamsChecked;
  }

  /**
   * Returns the head position the verification stopped at; events appended later were not checked.
   *
   * @return the head position when verification started
   */
  public long headPosition() {
    return headPosition;
  }

  /**
   * Returns whether no problem was found.
   *
   * @return true if every checked chain is intact
   */
  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * Returns every problem found, in position order.
   *
   * @return an unmodifiable list; empty if {@link #ok()}
   */
  public List<ChainProblem> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ChainVerification[events=%d, streams=%d, head=%d, problems=%d]",
        eventsChecked,
        streamsChecked,
        headPosition,
        problems.size());
  }
}
