package io.souverix.store.sqlite;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Maps events to rows and back. Column order is the same in {@link #SELECT} and {@link #INSERT}.
 */
final class Rows {
  private static final String COLUMNS =
      "position, event_id, stream_id, sequence, type, schema_version, occurred_at, recorded_at,"
          + " actor, region, causation_id, correlation_id, payload, prev_hash, hash";

  static final String SELECT = "SELECT " + COLUMNS + " FROM events";
  static final String INSERT =
      "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private Rows() {}

  static void bind(PreparedStatement ps, RecordedEvent e) throws SQLException {
    ps.setLong(1, e.position());
    ps.setString(2, e.eventId().toString());
    ps.setString(3, e.streamId());
    ps.setLong(4, e.sequence());
    ps.setString(5, e.type());
    ps.setInt(6, e.schemaVersion());
    ps.setString(7, e.occurredAt().toString());
    ps.setString(8, e.recordedAt().toString());
    ps.setString(9, e.actor());
    ps.setString(10, e.region());
    ps.setString(11, e.causationId() == null ? null : e.causationId().toString());
    ps.setString(12, e.correlationId() == null ? null : e.correlationId().toString());
    ps.setString(13, e.payload().json());
    ps.setString(14, e.prevHash());
    ps.setString(15, e.hash());
  }

  /** Runs a query selecting {@link #SELECT}'s columns and maps every row. */
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
      NewEvent e =
          NewEvent.builder(rs.getString(5), rs.getInt(6))
              .eventId(UUID.fromString(rs.getString(2)))
              .occurredAt(Instant.parse(rs.getString(7)))
              .actor(rs.getString(9))
              .region(rs.getString(10))
              .causationId(uuid(rs.getString(11)))
              .correlationId(uuid(rs.getString(12)))
              .payload(Payload.fromStored(rs.getString(13)))
              .build();
      return RecordedEvent.restore(
          e,
          rs.getString(3),
          rs.getLong(4),
          rs.getString(14),
          Instant.parse(rs.getString(8)),
          rs.getString(15),
          position);
    } catch (RuntimeException ex) {
      throw EventStoreException.of(
          EventStoreException.Code.CORRUPTED,
          String.format(
              Locale.ROOT,
              "stored event at position %d; expected a well-formed envelope, but got %s",
              position,
              ex.getMessage()),
          ex);
    }
  }

  private static @Nullable UUID uuid(@Nullable String s) {
    return s == null ? null : UUID.fromString(s);
  }
}
