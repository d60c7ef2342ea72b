package io.souverix.cli;

import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/** Opens existing stores for the read-only commands, refusing anything that is not a store. */
final class Stores {
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.UTF_8);

  private Stores() {}

  /**
   * Opens an existing SQLite event store. Opening a store migrates its schema, so the file is first
   * checked read-only: a missing file, another kind of file or a SQLite database without the
   * store's {@code events} table is refused without being touched.
   */
  static SqliteEventStore openExisting(Path file) throws CliException {
    if (!Files.exists(file)) {
      throw input("no such file: %s", file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw input("cannot read %s; expected a readable file", file);
    }
    checkIsStore(file);
    try {
      return SqliteEventStore.newBuilder(file).open();
    } catch (EventStoreException e) {
      throw new CliException(
          CliException.Kind.INPUT,
          String.format(Locale.ROOT, "cannot open the event store %s: %s", file, e.getMessage()),
          e);
    }
  }

  private static void checkIsStore(Path file) throws CliException {
    byte[] header = new byte[SQLITE_HEADER.length];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(header, 0, header.length) != header.length
          || !Arrays.equals(header, SQLITE_HEADER)) {
        throw input(
            "%s is not a Souverix event store; expected a SQLite database, but got another kind"
                + " of file",
            file);
      }
    } catch (IOException e) {
      throw input("cannot read %s: %s", file, e.getMessage());
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'")) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw input(
            "%s is not a Souverix event store; expected a table 'events', but got none", file);
      }
    } catch (SQLException e) {
      throw input("%s is not a readable SQLite database: %s", file, e.getMessage());
    }
  }

  private static CliException input(String format, Object... args) {
    return new CliException(CliException.Kind.INPUT, String.format(Locale.ROOT, format, args));
  }
}
