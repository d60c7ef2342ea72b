package io.souverix.store.postgres;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps events to rows and back: a row is the event's position, its indexed keys and its canonical
 * envelope JSON.
 */
final class Rows {
  private Rows() {}

  /** Runs a query selecting {@link PostgresSchema#select}'s columns and maps every row. */
  static List<RecordedEvent> list(PreparedStatement ps) throws SQLException, EventStoreException {
    List<RecordedEvent> events = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        events.add(event(rs));
      }
    }
    return events;
  }

  /** Runs a query returning one number. */
  static long firstLong(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static RecordedEvent event(ResultSet rs) throws SQLException, EventStoreException {
    long position = rs.getLong(1);
    try {
      return RecordedEvent.parse(rs.getString(2), position);
    } catch (RuntimeException ex) {
      throw EventStoreException.corrupted(position, ex);
    }
  }
}
