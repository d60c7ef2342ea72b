package io.souverix.benchmarks;

import io.souverix.lifecycle.event.RecordedEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One row of the SQLite store's {@code events} table, every column already in the text or number
 * form the store binds, so the raw baseline's timed code only binds and inserts.
 */
record EventRow(
    long position,
    String eventId,
    String streamId,
    long sequence,
    String type,
    int schemaVersion,
    String occurredAt,
    String recordedAt,
    String actor,
    @Nullable String region,
    @Nullable String causationId,
    @Nullable String correlationId,
    String payload,
    @Nullable String prevHash,
    String hash) {

  /** The store's insert, with its column order. */
  static final String INSERT =
      "INSERT INTO events (position, event_id, stream_id, sequence, type, schema_version,"
          + " occurred_at, recorded_at, actor, region, causation_id, correlation_id, payload,"
          + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Returns the row the store writes for a sealed event. */
  static EventRow of(RecordedEvent e) {
    return new EventRow(
        e.position(),
        e.eventId().toString(),
        e.streamId(),
        e.sequence(),
        e.type(),
        e.schemaVersion(),
        e.occurredAt().toString(),
        e.recordedAt().toString(),
        e.actor(),
        e.region(),
        e.causationId() == null ? null : e.causationId().toString(),
        e.correlationId() == null ? null : e.correlationId().toString(),
        e.payload().json(),
        e.prevHash(),
        e.hash());
  }

  /** Binds this row to {@link #INSERT}'s parameters. */
  void bind(PreparedStatement ps) throws SQLException {
    ps.setLong(1, position);
    ps.setString(2, eventId);
    ps.setString(3, streamId);
    ps.setLong(4, sequence);
    ps.setString(5, type);
    ps.setInt(6, schemaVersion);
    ps.setString(7, occurredAt);
    ps.setString(8, recordedAt);
    ps.setString(9, actor);
    ps.setString(10, region);
    ps.setString(11, causationId);
    ps.setString(12, correlationId);
    ps.setString(13, payload);
    ps.setString(14, prevHash);
    ps.setString(15, hash);
  }
}
