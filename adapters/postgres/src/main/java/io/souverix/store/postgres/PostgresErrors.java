package io.souverix.store.postgres;

import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
    if (UNIQUE_VIOLATION.equals(findState(e, UNIQUE_VIOLATION))) {
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

  /** Returns {@code wanted} if it appears anywhere in the chain, else the first state. */
  private static @Nullable String findState(SQLException e, String wanted) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SQLException && wanted.equals(((SQLException) t).getSQLState())) {
        return wanted;
      }
    }
    return e.getSQLState();
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof SQLException && ((SQLException) t).getNextException() != null) {
      return ((SQLException) t).getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
