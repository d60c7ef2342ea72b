package io.souverix.benchmarks;

import io.souverix.lifecycle.event.RecordedEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One row of the SQLite store's {@code events} table, every column already in the text or number
 * form the store binds, so the raw baseline's timed code only binds and inserts.
 */
record EventRow(long position, String eventId, String streamId, long sequence, String envelope) {

  /** The store's insert, with its column order. */
  static final String INSERT =
      "INSERT INTO events (position, event_id, stream_id, sequence, envelope) VALUES (?, ?, ?, ?, ?)";

  /** Returns the row the store writes for a sealed event. */
  static EventRow of(RecordedEvent e) {
    return new EventRow(
        e.position(), e.eventId().toString(), e.streamId(), e.sequence(), e.toJson());
  }

  /** Binds this row to {@link #INSERT}'s parameters. */
  void bind(PreparedStatement ps) throws SQLException {
    ps.setLong(1, position);
    ps.setString(2, eventId);
    ps.setString(3, streamId);
    ps.setLong(4, sequence);
    ps.setString(5, envelope);
  }
}
