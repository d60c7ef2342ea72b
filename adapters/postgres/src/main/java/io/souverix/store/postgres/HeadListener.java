package io.souverix.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the event table's NOTIFY channel on a dedicated session and wakes waiting subscribers.
 * Every writer notifies the new head inside its write transaction, so the notification is delivered
 * only once the append committed, and in commit order.
 *
 * <p>State is a generation counter: it moves on every notification, on every (re)connection and
 * loss of the connection, and on commits of this process. A waiter reads the generation before it
 * reads the head, and waits only while the generation is unchanged; a commit after that read either
 * notifies (moving the generation) or happened while the session was down, and then the
 * reconnection moves it. Notifications missed while disconnected are therefore never waited out:
 * the waiter rereads the head. Waiters also reread at least every fallback interval, for a session
 * that died silently.
 *
 * <p>Started on the first wait, so a store that is never subscribed holds no extra session.
 */
final class HeadListener {
  private static final Logger LOG = LoggerFactory.getLogger(HeadListener.class);

  /** How long one {@code getNotifications} call blocks; also how fast {@link #close} is seen. */
  private static final int TICK_MILLIS = 250;

  /** How often an idle session is checked with a query, to notice a dead connection. */
  private static final long KEEPALIVE_NANOS = Duration.ofSeconds(5).toNanos();

  private static final long MAX_BACKOFF_MILLIS = 2_000;

  /** A consistent view of the listener. */
  record State(long generation, boolean connected, long highestNotified) {}

  private final DataSource dataSource;
  private final SessionSettings settings;
  private final String channel;
  private final Object signal = new Object();
  private long generation;
  private boolean connected;
  private long highestNotified;
  private int connectionsOpened;
  private boolean closed;
  private @Nullable Thread thread;

  HeadListener(DataSource dataSource, SessionSettings settings, String channel) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.channel = channel;
  }

  /** Starts the listening thread unless it runs or the listener is closed. */
  void start() {
    synchronized (signal) {
      if (thread != null || closed) {
        return;
      }
      Thread t = new Thread(this::run, "souverix-pg-listener-" + channel);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  State state() {
    synchronized (signal) {
      return new State(generation, connected, highestNotified);
    }
  }

  /** Moves the generation: a commit of this process. */
  void wakeAll() {
    synchronized (signal) {
      generation++;
      signal.notifyAll();
    }
  }

  /**
   * Waits until the generation moves past {@code seen}, the listener closes or {@code millis} pass.
   */
  void awaitChange(long seen, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (signal) {
      while (generation == seen && !closed) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        signal.wait(left);
      }
    }
  }

  /** Waits until the session has been opened {@code count} times in all (for tests). */
  boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      while (connectionsOpened < count || !connected) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        signal.wait(left);
      }
      return true;
    }
  }

  /** Stops the thread and closes the session, waiting up to two seconds for it. */
  void close() throws InterruptedException {
    Thread t;
    synchronized (signal) {
      closed = true;
      signal.notifyAll();
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      t.join(2_000);
    }
  }

  private boolean isClosed() {
    synchronized (signal) {
      return closed;
    }
  }

  private void run() {
    Connection conn = null;
    PGConnection pg = null;
    long backoff = 50;
    long lastCheck = System.nanoTime();
    while (!isClosed()) {
      try {
        if (conn == null || pg == null) {
          conn = dataSource.getConnection();
          conn.setAutoCommit(true);
          settings.apply(conn, " listener");
          try (Statement st = conn.createStatement()) {
            st.execute("LISTEN " + PostgresSchema.quote(channel));
          }
          pg = conn.unwrap(PGConnection.class);
          lastCheck = System.nanoTime();
          backoff = 50;
          synchronized (signal) {
            connected = true;
            connectionsOpened++;
            generation++;
            signal.notifyAll();
          }
        }
        PGNotification[] received = pg.getNotifications(TICK_MILLIS);
        if (received != null && received.length > 0) {
          long highest = 0;
          for (PGNotification n : received) {
            highest = Math.max(highest, parse(n.getParameter()));
          }
          synchronized (signal) {
            highestNotified = Math.max(highestNotified, highest);
            generation++;
            signal.notifyAll();
          }
        } else if (System.nanoTime() - lastCheck >= KEEPALIVE_NANOS) {
          try (Statement st = conn.createStatement()) {
            st.execute("SELECT 1");
          }
          lastCheck = System.nanoTime();
        }
      } catch (SQLException | RuntimeException e) {
        LOG.debug("listening session on {} lost: {}", channel, e.toString());
        Connections.closeQuietly(conn);
        conn = null;
        pg = null;
        synchronized (signal) {
          if (connected) {
            connected = false;
            generation++;
            signal.notifyAll();
          }
          if (!closed) {
            try {
              signal.wait(backoff);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              closed = true;
            }
          }
        }
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
    Connections.closeQuietly(conn);
    synchronized (signal) {
      connected = false;
      signal.notifyAll();
    }
  }

  private static long parse(@Nullable String payload) {
    try {
      return payload == null ? 0 : Long.parseLong(payload);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
