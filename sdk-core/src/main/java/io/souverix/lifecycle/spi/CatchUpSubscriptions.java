package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The subscription every store gets by default: catch up by paging, then wait on the head. */
final class CatchUpSubscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUpSubscriptions.class);
  private static final int PAGE = 1024;
  private static final Duration IDLE_WAIT = Duration.ofMillis(250);

  private CatchUpSubscriptions() {}

  static Subscription start(EventStore store, long fromPosition, EventListener listener) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(listener, "listener");
    if (fromPosition < 1) {
      throw new IllegalArgumentException("fromPosition must be at least 1; got " + fromPosition);
    }
    Running s = new Running(store, fromPosition, listener);
    Thread t = new Thread(s, "souverix-subscription-" + fromPosition);
    t.setDaemon(true);
    s.thread = t;
    t.start();
    return s;
  }

  private static final class Running implements Subscription, Runnable {
    private final EventStore store;
    private final EventListener listener;
    private final Object lock = new Object();
    private long next;
    private volatile boolean closed;
    private volatile @Nullable Throwable failure;
    private @Nullable Thread thread;

    Running(EventStore store, long from, EventListener listener) {
      this.store = store;
      this.next = from;
      this.listener = listener;
    }

    @Override
    public void run() {
      try {
        while (!closed) {
          List<RecordedEvent> page = store.readAll(position(), PAGE);
          for (RecordedEvent e : page) {
            if (closed) {
              return;
            }
            listener.onEvent(e);
            synchronized (lock) {
              next = e.position() + 1;
              lock.notifyAll();
            }
          }
          if (page.size() < PAGE) {
            store.awaitHead(position(), IDLE_WAIT);
          }
        }
      } catch (InterruptedException e) {
        if (!closed) {
          fail(e);
        }
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        if (!closed) {
          fail(e);
        }
      }
    }

    private void fail(Throwable t) {
      LOG.warn("subscription stopped at position {}: {}", position(), t.toString());
      failure = t;
      synchronized (lock) {
        lock.notifyAll();
      }
    }

    @Override
    public long position() {
      synchronized (lock) {
        return next;
      }
    }

    @Override
    public boolean awaitDelivered(long position, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (next <= position && failure == null && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          lock.wait(Math.max(1, left / 1_000_000));
        }
        return next > position;
      }
    }

    @Override
    public Optional<Throwable> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
      closed = true;
      Thread t = thread;
      if (t != null && t != Thread.currentThread()) {
        t.interrupt();
      }
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }
}
