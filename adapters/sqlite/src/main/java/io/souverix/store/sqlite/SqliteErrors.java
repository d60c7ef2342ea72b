package io.souverix.store.sqlite;

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
    if (isUniqueViolation(e)) {
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
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SQLiteException) {
        SQLiteErrorCode code = ((SQLiteException) t).getResultCode();
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
          return true;
        }
      }
      if (t instanceof SQLException) {
        int code = ((SQLException) t).getErrorCode();
        if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
          return true;
        }
      }
      String message = t.getMessage();
      if (message != null && message.contains("UNIQUE constraint failed")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBusy(SQLException e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SQLException && (((SQLException) t).getErrorCode() & 0xFF) == SQLITE_BUSY) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException && ((SQLException) t).getNextException() != null) {
      return ((SQLException) t).getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
