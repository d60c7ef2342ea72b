package io.souverix.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Settings applied to every server session of a store, in one round trip when the session is taken
 * from the data source.
 *
 * @param applicationName shown in {@code pg_stat_activity}
 * @param statementTimeoutMillis the statement timeout, or -1 to keep the session's
 * @param synchronousCommitOff whether commits return before their WAL flush
 */
record SessionSettings(
    String applicationName, long statementTimeoutMillis, boolean synchronousCommitOff) {

  /**
   * Applies the settings to a session.
   *
   * @param nameSuffix appended to the application name (the listening session is told apart so)
   */
  void apply(Connection c, String nameSuffix) throws SQLException {
    String timeout =
        statementTimeoutMillis < 0
            ? "current_setting('statement_timeout')"
            : "'" + statementTimeoutMillis + "ms'";
    // With synchronous commit on, a stronger setting of the server or role (remote_apply, for a
    // synchronous standby) is kept; only off is raised to on.
    String sync =
        synchronousCommitOff
            ? "'off'"
            : "CASE current_setting('synchronous_commit') WHEN 'off' THEN 'on'"
                + " ELSE current_setting('synchronous_commit') END";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT set_config('application_name', ?, false),"
                + " set_config('statement_timeout', "
                + timeout
                + ", false),"
                + " set_config('synchronous_commit', "
                + sync
                + ", false)")) {
      ps.setString(1, applicationName + nameSuffix);
      ps.executeQuery().close();
    }
  }
}
