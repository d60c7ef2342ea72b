package io.souverix.lifecycle.internal;

import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Transport#inProcess}: one append-only list per channel behind one lock, so the order of a
 * channel is the order in which sends were acknowledged, and per-key order follows. A cursor is
 * {@code ip1.<n>}, the number of envelopes of the channel before it.
 *
 * <p>{@link #connect()} opens another connection to the same log (what a reconnect gives a remote
 * transport); closing a connection leaves the log to the others, closing the transport {@link
 * #create} returned closes them all.
 */
public final class InProcessTransport implements Transport {
  private static final String PREFIX = "ip1.";

  private final Hub hub;
  private final boolean owner;
  private volatile boolean closed;

  private InProcessTransport(Hub hub, boolean owner) {
    this.hub = hub;
    this.owner = owner;
  }

  /**
   * Creates an empty transport.
   *
   * @param keys the host's key resolver
   * @return the transport, owning its log
   */
  public static InProcessTransport create(SenderKeyResolver keys) {
    return new InProcessTransport(new Hub(Objects.requireNonNull(keys, "keys")), true);
  }

  /**
   * Opens another connection to this transport's log.
   *
   * @return a connection whose {@link #close()} closes only itself
   * @throws TransportException {@code CLOSED} if the log is closed
   */
  public InProcessTransport connect() throws TransportException {
    hub.lock.lock();
    try {
      if (hub.closed) {
        throw closedException();
      }
      return new InProcessTransport(hub, false);
    } finally {
      hub.lock.unlock();
    }
  }

  @Override
  public void send(TransportEnvelope envelope) throws TransportException {
    Objects.requireNonNull(envelope, "envelope");
    checkOpen();
    Delivery.check(envelope, hub.keys);
    hub.lock.lock();
    try {
      checkOpen();
      hub.channels.computeIfAbsent(envelope.channel(), c -> new ArrayList<>()).add(envelope);
      hub.arrived.signalAll();
    } finally {
      hub.lock.unlock();
    }
  }

  @Override
  public TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
      throws TransportException, InterruptedException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxCount < 1 || maxCount > MAX_POLL) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "maxCount; expected 1 to %d, but got %d", MAX_POLL, maxCount));
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait; expected zero or more, but got " + maxWait);
    }
    checkOpen();
    List<TransportEnvelope> slice;
    int start;
    hub.lock.lock();
    try {
      List<TransportEnvelope> log = hub.channels.getOrDefault(channel, List.of());
      start = position(from, log.size());
      long nanos = maxWait.toNanos();
      while (log.size() <= start && nanos > 0 && !closed && !hub.closed) {
        nanos = hub.arrived.awaitNanos(nanos);
        log = hub.channels.getOrDefault(channel, List.of());
      }
      checkOpen();
      int end = Math.min(log.size(), start + maxCount);
      slice = List.copyOf(log.subList(Math.min(start, end), end));
    } finally {
      hub.lock.unlock();
    }
    // Verification runs outside the lock: it is the slow part, and the slice is immutable.
    List<Delivery> deliveries = new ArrayList<>(slice.size());
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < slice.size(); i++) {
      TransportCursor after = cursor(start + i + 1);
      try {
        deliveries.add(Delivery.verify(slice.get(i), after, hub.keys));
      } catch (TransportException e) {
        rejections.add(Rejection.of(slice.get(i), after, e));
      }
    }
    return new TransportBatch(
        deliveries, rejections, slice.isEmpty() ? from : cursor(start + slice.size()));
  }

  private static TransportCursor cursor(int position) {
    return TransportCursor.of(PREFIX + position);
  }

  private static int position(TransportCursor cursor, int size) throws TransportException {
    if (cursor.isBeginning()) {
      return 0;
    }
    String v = cursor.value();
    int n = -1;
    if (v.startsWith(PREFIX) && v.length() > PREFIX.length() && v.length() < PREFIX.length() + 11) {
      try {
        n = Integer.parseInt(v.substring(PREFIX.length()));
      } catch (NumberFormatException e) {
        n = -1;
      }
    }
    if (n < 0 || n > size) {
      throw TransportException.of(
          TransportException.Code.INVALID_CURSOR,
          String.format(
              Locale.ROOT,
              "cursor; expected one this transport issued for the channel (%s0 to %s%d), but got"
                  + " '%s'",
              PREFIX,
              PREFIX,
              size,
              v));
    }
    return n;
  }

  private void checkOpen() throws TransportException {
    if (closed || hub.closed) {
      throw closedException();
    }
  }

  private static TransportException closedException() {
    return TransportException.of(
        TransportException.Code.CLOSED, "in-process transport; expected open, but got closed");
  }

  @Override
  public void close() {
    hub.lock.lock();
    try {
      closed = true;
      if (owner) {
        hub.closed = true;
      }
      hub.arrived.signalAll();
    } finally {
      hub.lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InProcessTransport[" + (owner ? "owner" : "connection") + "]";
  }

  /** The shared log. */
  private static final class Hub {
    final SenderKeyResolver keys;
    final ReentrantLock lock = new ReentrantLock();
    final Condition arrived = lock.newCondition();
    final Map<String, List<TransportEnvelope>> channels = new HashMap<>();
    boolean closed;

    Hub(SenderKeyResolver keys) {
      this.keys = keys;
    }
  }
}
