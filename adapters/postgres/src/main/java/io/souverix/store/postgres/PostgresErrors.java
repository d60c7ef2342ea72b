package io.souverix.store.postgres;

import io.souverix.lifecycle.internal.JdbcEvents;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns PostgreSQL failures into the SPI's typed exceptions, with what was being done. */
final class PostgresErrors {
  /** SQLSTATE {@code unique_violation}. */
  static final String UNIQUE_VIOLATION = "23505";

  private PostgresErrors() {}

  /**
   * A unique violation means another writer took the slot first: a {@code CONCURRENCY_CONFLICT}.
   * Anything else is a {@code STORAGE_FAILURE}.
   */
  static EventStoreException map(String context, SQLException e) {
    if (JdbcEvents.anyInChain(
        e, t -> t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState()))) {
      return JdbcEvents.conflict(context, e);
    }
    return storage(context, e);
  }

  /** A {@code STORAGE_FAILURE} saying what failed, with the SQLSTATE. */
  static EventStoreException storage(String context, SQLException e) {
    return EventStoreException.of(
        EventStoreException.Code.STORAGE_FAILURE,
        String.format(
            Locale.ROOT, "%s failed: %s (SQLSTATE %s)", context, e.getMessage(), e.getSQLState()),
        e);
  }

  /**
   * Whether the connection is unusable after {@code e}: connection exceptions (class 08), an
   * administrator shutdown (class 57) or a failure without a SQLSTATE.
   */
  static boolean isConnectionBroken(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57");
  }
}
