package io.souverix.store.postgres;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.tck.EventStoreFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Opens a PostgreSQL store for a directory, in any JVM (the crash rule forks one): the server's URL
 * is read from {@value #URL_FILE} in the directory or its nearest ancestor, and each directory gets
 * a schema of its own, named after a hash of its path, so the same directory reopens the same
 * store.
 */
public final class PostgresStoreFactory implements EventStoreFactory {
  /** The file holding the server's base JDBC URL. */
  static final String URL_FILE = "postgres.url";

  /** Creates the factory. */
  public PostgresStoreFactory() {}

  /** Records the server for {@code directory} and everything below it. */
  static void register(Path directory, String baseUrl) throws java.io.IOException {
    Files.writeString(directory.resolve(URL_FILE), baseUrl, StandardCharsets.UTF_8);
  }

  @Override
  public EventStore open(Path directory, Clock clock) throws Exception {
    return PostgresEventStore.open(schemaUrl(directory), clock);
  }

  /** Creates the directory's schema if needed and returns a URL whose sessions use it. */
  static String schemaUrl(Path directory) throws Exception {
    Path dir = directory.toAbsolutePath().normalize();
    Path file = null;
    for (Path d = dir; d != null && file == null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(URL_FILE))) {
        file = d.resolve(URL_FILE);
      }
    }
    if (file == null) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "server URL; expected %s in %s or above, but found none",
              URL_FILE,
              dir));
    }
    String baseUrl = Files.readString(file, StandardCharsets.UTF_8).trim();
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(dir.toString().getBytes(StandardCharsets.UTF_8));
    String schema = "dir_" + HexFormat.of().formatHex(digest, 0, 10);
    try (Connection c = DriverManager.getConnection(baseUrl);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    }
    return baseUrl + "&currentSchema=" + schema;
  }

  @Override
  public boolean isDurable() {
    return true;
  }
}
