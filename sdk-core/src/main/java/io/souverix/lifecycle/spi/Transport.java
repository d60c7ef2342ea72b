package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.internal.InProcessTransport;
import java.time.Duration;

/**
 * Carries signed envelopes between nodes, regional masters and global control: a sender {@link
 * #send sends} an envelope on a channel; a receiver {@link #poll polls} the channel from a cursor
 * it keeps.
 *
 * <p>Promises (each a rule of the conformance kit's {@code TransportVerification}, see {@code
 * docs/transport.md}):
 *
 * <ul>
 *   <li>durable acceptance: {@link #send} returns only once the envelope is accepted as durably as
 *       the transport can keep it; an acknowledged envelope is delivered to every poller of its
 *       channel, also after either side reconnects (at-least-once);
 *   <li>order per key: envelopes of one key on one channel are delivered in the order their sends
 *       were acknowledged;
 *   <li>resumable: a poll from a cursor returns the envelopes after it, without a gap, and never
 *       one at or before it; an envelope may be delivered again only to a consumer that did not
 *       acknowledge it (poll again from an older cursor), so receivers deduplicate by (sender, key,
 *       sequence);
 *   <li>signed: an envelope that is unsigned or whose signature does not verify with the host's
 *       {@link SenderKeyResolver} is never delivered; it is refused at send with a {@link
 *       TransportException} or reported as a {@link Rejection} by the poll that reaches it.
 * </ul>
 *
 * <p>Implementations are thread-safe: several threads may send and poll at once.
 *
 * @since 0.1
 */
public interface Transport extends AutoCloseable {
  /** The most envelopes one poll returns. */
  int MAX_POLL = 1_000;

  /**
   * Sends an envelope on its channel and returns once it is accepted.
   *
   * @param envelope the envelope; not null
   * @throws TransportException {@code UNSIGNED}, {@code UNKNOWN_KEY} or {@code SIGNATURE_INVALID}
   *     if the transport verifies at send and the envelope fails; {@code OVERLOADED} if the
   *     receiving side is full (nothing was accepted); {@code TOO_LARGE}, {@code REFUSED}, {@code
   *     UNAVAILABLE} (the outcome is unknown: sending again may deliver it twice) or {@code CLOSED}
   * @throws InterruptedException if interrupted while waiting for acceptance
   */
  void send(TransportEnvelope envelope) throws TransportException, InterruptedException;

  /**
   * Returns the envelopes of a channel after a cursor, waiting up to {@code maxWait} for the first
   * one when there is none yet (a long poll).
   *
   * @param channel the channel; not null
   * @param from the cursor to continue after; {@link TransportCursor#beginning()} for the start
   * @param maxCount the most envelopes (deliveries plus rejections) to return, 1 to {@link
   *     #MAX_POLL}
   * @param maxWait how long to wait for an envelope when none is there; zero to return at once
   * @return the batch; empty when nothing arrived within {@code maxWait}
   * @throws TransportException {@code INVALID_CURSOR} if this transport did not issue the cursor
   *     for this channel; {@code OVERLOADED}, {@code REFUSED}, {@code UNAVAILABLE} or {@code
   *     CLOSED}
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code maxCount} is out of range or {@code maxWait} is
   *     negative
   */
  TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
      throws TransportException, InterruptedException;

  /**
   * Closes this transport (this connection, for a remote one); later calls fail with {@code
   * CLOSED}, and a poll waiting returns. Idempotent.
   *
   * @throws TransportException if releasing resources failed
   */
  @Override
  void close() throws TransportException;

  /**
   * Creates an in-process transport: an unbounded in-memory log per channel, for one machine and
   * for tests. It verifies envelopes at send (refusing bad ones) and again at poll (reporting an
   * envelope whose key stopped resolving as a {@link Rejection}).
   *
   * @param keys the host's key resolver; not null
   * @return a new empty transport
   */
  static Transport inProcess(SenderKeyResolver keys) {
    return InProcessTransport.create(keys);
  }
}
