package io.souverix.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Connections taken from the store's {@link DataSource}, with a few kept idle for reuse: a plain
 * data source opens a new server session per call, which would make every head poll cost a
 * connection set-up. Each session is set up once, when taken from the data source: READ COMMITTED
 * (the write technique depends on it, see {@link PostgresEventStore}) and the store's {@link
 * SessionSettings}.
 */
final class Connections {
  private final DataSource dataSource;
  private final int maxIdle;
  private final SessionSettings settings;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  Connections(DataSource dataSource, int maxIdle, SessionSettings settings) {
    this.dataSource = dataSource;
    this.maxIdle = maxIdle;
    this.settings = settings;
  }

  /** Returns an open connection in auto-commit mode. */
  Connection borrow() throws SQLException {
    Connection c = idle.pollFirst();
    if (c != null) {
      idleCount.decrementAndGet();
      return c;
    }
    c = dataSource.getConnection();
    try {
      c.setAutoCommit(true);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      settings.apply(c, "");
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  /**
   * Gives a connection back: kept for reuse if healthy and there is room, else closed.
   *
   * @param broken whether the last operation on it failed in a way that may have left it unusable
   */
  void release(@Nullable Connection c, boolean broken) {
    if (c == null) {
      return;
    }
    if (broken || closed) {
      closeQuietly(c);
      return;
    }
    if (idleCount.incrementAndGet() > maxIdle) {
      idleCount.decrementAndGet();
      closeQuietly(c);
      return;
    }
    idle.offerFirst(c);
    if (closed && idle.remove(c)) {
      idleCount.decrementAndGet();
      closeQuietly(c);
    }
  }

  /** Closes the idle connections; connections in use are closed when released. */
  void close() throws SQLException {
    closed = true;
    SQLException failure = null;
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      try {
        c.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  static void closeQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Already failing or closing; nothing to add.
      }
    }
  }
}
