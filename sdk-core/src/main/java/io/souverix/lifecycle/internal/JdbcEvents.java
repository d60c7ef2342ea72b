package io.souverix.lifecycle.internal;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the JDBC event stores (SQLite, PostgreSQL) share: a row is an event's position and its
 * canonical envelope JSON, and a unique violation is another writer's win.
 */
public final class JdbcEvents {
  private JdbcEvents() {}

  /**
   * Runs a query selecting {@code position, envelope} and maps every row.
   *
   * @param ps the prepared query, parameters bound
   * @return the events in row order
   * @throws SQLException if the query fails
   * @throws EventStoreException {@code CORRUPTED} if a row's envelope does not parse
   */
  public static List<RecordedEvent> list(PreparedStatement ps)
      throws SQLException, EventStoreException {
    List<RecordedEvent> events = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long position = rs.getLong(1);
        try {
          events.add(RecordedEvent.parse(rs.getString(2), position));
        } catch (RuntimeException ex) {
          throw EventStoreException.corrupted(position, ex);
        }
      }
    }
    return events;
  }

  /**
   * Runs a query returning one number.
   *
   * @param ps the prepared query, parameters bound
   * @return the first column of the first row, or 0 without a row
   * @throws SQLException if the query fails
   */
  public static long firstLong(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * The {@code CONCURRENCY_CONFLICT} of a unique violation: another writer took the slot first.
   *
   * @param context what was being done
   * @param e the driver's exception
   * @return the typed exception
   */
  public static EventStoreException conflict(String context, SQLException e) {
    return EventStoreException.of(
        EventStoreException.Code.CONCURRENCY_CONFLICT,
        String.format(
            Locale.ROOT,
            "%s; expected free positions, sequences and event ids, but another writer recorded"
                + " one first (%s)",
            context,
            e.getMessage()),
        e);
  }

  /**
   * Returns whether any exception of {@code e}'s chain (next exceptions, then causes) passes the
   * test.
   *
   * @param e the driver's exception
   * @param test the test
   * @return true if one passes
   */
  public static boolean anyInChain(SQLException e, Predicate<Throwable> test) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof SQLException s && s.getNextException() != null) {
      return s.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
