package io.souverix.store.sqlite;

import io.souverix.lifecycle.internal.JdbcEvents;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into the SPI's typed exceptions, with what was being done. */
final class SqliteErrors {
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
  private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;

  private SqliteErrors() {}

  /**
   * A unique violation means another writer took the slot first: a {@code CONCURRENCY_CONFLICT}.
   * Anything else is a {@code STORAGE_FAILURE}.
   */
  static EventStoreException map(String context, SQLException e) {
    return isUniqueViolation(e) ? JdbcEvents.conflict(context, e) : storage(context, e);
  }

  /** A {@code STORAGE_FAILURE} saying what failed and, for a lock timeout, why. */
  static EventStoreException storage(String context, SQLException e) {
    String hint =
        isBusy(e) ? "; another connection held the database lock longer than the busy timeout" : "";
    return EventStoreException.of(
        EventStoreException.Code.STORAGE_FAILURE,
        String.format(Locale.ROOT, "%s failed: %s%s", context, e.getMessage(), hint),
        e);
  }

  static boolean isUniqueViolation(SQLException e) {
    return JdbcEvents.anyInChain(e, SqliteErrors::isUniqueViolation);
  }

  private static boolean isUniqueViolation(Throwable t) {
    if (t instanceof SQLiteException s) {
      SQLiteErrorCode code = s.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
        return true;
      }
    }
    if (t instanceof SQLException s) {
      int code = s.getErrorCode();
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return true;
      }
    }
    String message = t.getMessage();
    return message != null && message.contains("UNIQUE constraint failed");
  }

  private static boolean isBusy(SQLException e) {
    return JdbcEvents.anyInChain(
        e, t -> t instanceof SQLException s && (s.getErrorCode() & 0xFF) == SQLITE_BUSY);
  }
}
