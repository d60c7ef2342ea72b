package io.souverix.store.sqlite;

import io.souverix.lifecycle.event.RecordedEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Maps events to rows: a row is the event's position, its indexed keys and its canonical envelope
 * JSON ({@link io.souverix.lifecycle.internal.JdbcEvents} maps them back).
 */
final class Rows {
  static final String SELECT = "SELECT position, envelope FROM events";
  static final String INSERT =
      "INSERT INTO events (position, event_id, stream_id, sequence, envelope) VALUES (?, ?, ?, ?, ?)";

  private Rows() {}

  static void bind(PreparedStatement ps, RecordedEvent e) throws SQLException {
    ps.setLong(1, e.position());
    ps.setString(2, e.eventId().toString());
    ps.setString(3, e.streamId());
    ps.setLong(4, e.sequence());
    ps.setString(5, e.toJson());
  }
}
