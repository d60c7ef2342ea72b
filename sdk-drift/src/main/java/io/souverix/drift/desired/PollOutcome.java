package io.souverix.drift.desired;

import io.souverix.lifecycle.spi.Rejection;
import java.util.List;
import java.util.Locale;

/**
 * What one poll of a channel did: the messages accepted, in channel order, and everything it did
 * not accept.
 *
 * @param <T> the message type: {@link DesiredChange} on a node, {@link ActualStateReport} at the
 *     master
 * @param accepted the messages applied (changes) or recorded (reports), in channel order
 * @param duplicates messages already applied or superseded (at-least-once delivery, a resumed
 *     cursor), skipped
 * @param gaps messages whose sequence skipped numbers after the last one accepted (accepted all the
 *     same; a gap means the channel lost messages, which a conforming transport never does)
 * @param rejections the envelopes the transport reported as failing verification (dead letters),
 *     never applied
 * @param ignored verified envelopes not meant for this receiver or not well formed (another node's
 *     key is skipped silently; a sender that is not the master of record, a node reporting in
 *     another's name or a malformed payload is listed here), one reason each
 * @since 0.1
 */
public record PollOutcome<T>(
    List<T> accepted, int duplicates, int gaps, List<Rejection> rejections, List<String> ignored) {
  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public PollOutcome {
    accepted = List.copyOf(accepted);
    rejections = List.copyOf(rejections);
    ignored = List.copyOf(ignored);
    if (duplicates < 0 || gaps < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "counts; expected >= 0, but got %d and %d", duplicates, gaps));
    }
  }
}
