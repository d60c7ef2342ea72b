package io.souverix.lifecycle.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link Transport#poll} returned: the verified deliveries and the rejected envelopes, in
 * channel order, and the cursor after the last of them.
 *
 * @param deliveries the verified envelopes, in channel order; may be empty
 * @param rejections the envelopes that failed verification (dead letters), in channel order
 * @param next the cursor to poll from next; the poll's own cursor when nothing was returned
 * @since 0.1
 */
public record TransportBatch(
    List<Delivery> deliveries, List<Rejection> rejections, TransportCursor next) {
  /** Copies the lists and checks that nothing is null. */
  public TransportBatch {
    deliveries = List.copyOf(deliveries);
    rejections = List.copyOf(rejections);
    Objects.requireNonNull(next, "next");
  }

  /**
   * Tells whether the poll returned nothing.
   *
   * @return true when there are neither deliveries nor rejections
   */
  public boolean isEmpty() {
    return deliveries.isEmpty() && rejections.isEmpty();
  }
}
