package io.souverix.store.sqlite;

import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small pool of read connections, opened on demand. In WAL mode each read sees one committed
 * snapshot and never blocks the writer.
 */
final class ReadPool {
  /** A read on a pooled connection. */
  @FunctionalInterface
  interface ReadWork<T> {
    T run(SqliteEventStore.Reader reader) throws SQLException, EventStoreException;
  }

  private final SqliteSchema.Settings settings;
  private final int max;
  private final Deque<SqliteEventStore.Reader> idle = new ArrayDeque<>();
  private int opened;
  private boolean closed;

  ReadPool(SqliteSchema.Settings settings, int max) {
    this.settings = settings;
    this.max = max;
  }

  <T> T read(String context, ReadWork<T> work) throws EventStoreException {
    SqliteEventStore.Reader reader = acquire(context);
    try {
      return work.run(reader);
    } catch (SQLException e) {
      throw SqliteErrors.map(context, e);
    } finally {
      release(reader);
    }
  }

  private SqliteEventStore.Reader acquire(String context) throws EventStoreException {
    synchronized (this) {
      while (true) {
        if (closed) {
          throw EventStoreException.of(EventStoreException.Code.CLOSED, "event store is closed");
        }
        if (!idle.isEmpty()) {
          return idle.pop();
        }
        if (opened < max) {
          opened++;
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw EventStoreException.of(
              EventStoreException.Code.STORAGE_FAILURE,
              context + " failed: interrupted while waiting for a read connection",
              e);
        }
      }
    }
    // Open outside the monitor: other readers keep going meanwhile.
    Connection conn = null;
    try {
      conn = SqliteSchema.connect(settings, false);
      return new SqliteEventStore.Reader(conn);
    } catch (SQLException e) {
      if (conn != null) {
        try {
          conn.close();
        } catch (SQLException ignored) {
          // Reporting the open failure.
        }
      }
      synchronized (this) {
        opened--;
        notifyAll();
      }
      throw SqliteErrors.storage(context + ": open a read connection to " + settings.file(), e);
    }
  }

  private void release(SqliteEventStore.Reader reader) {
    synchronized (this) {
      if (!closed) {
        idle.push(reader);
        notifyAll();
        return;
      }
      opened--;
    }
    try {
      reader.conn.close();
    } catch (SQLException ignored) {
      // The store is closed; nothing to report to.
    }
  }

  void close() throws SQLException {
    SQLException failure = null;
    synchronized (this) {
      closed = true;
      notifyAll();
      while (!idle.isEmpty()) {
        SqliteEventStore.Reader r = idle.pop();
        opened--;
        try {
          r.conn.close();
        } catch (SQLException e) {
          failure = failure == null ? e : failure;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
