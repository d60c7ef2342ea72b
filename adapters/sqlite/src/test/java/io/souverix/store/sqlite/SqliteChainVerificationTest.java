package io.souverix.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.verify.ChainProblem;
import io.souverix.lifecycle.verify.ChainProblem.Kind;
import io.souverix.lifecycle.verify.ChainVerification;
import io.souverix.lifecycle.verify.ChainVerifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampers with a SQLite store through plain SQL, as someone with file access could, and checks what
 * {@link ChainVerifier} reports. Layout: streams "a" and "b", 4 events each, interleaved, so stream
 * "a" holds positions 1, 3, 5, 7 and "b" positions 2, 4, 6, 8.
 */
class SqliteChainVerificationTest {
  @TempDir Path dir;
  Path file;
  SqliteEventStore store;

  @BeforeEach
  void fill() throws Exception {
    file = dir.resolve("events.db");
    store = SqliteEventStore.open(file, TestEvents.CLOCK);
    TestEvents events = new TestEvents(1);
    for (int i = 0; i < 4; i++) {
      store.append("a", ExpectedVersion.any(), events.batch(1, "a" + i));
      store.append("b", ExpectedVersion.any(), events.batch(1, "b" + i));
    }
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void verify_untouchedStore_isOk() throws Exception {
    ChainVerification v = ChainVerifier.verify(store);

    assertThat(v.ok()).isTrue();
    assertThat(v.eventsChecked()).isEqualTo(8);
    assertThat(v.streamsChecked()).isEqualTo(2);
    assertThat(v.headPosition()).isEqualTo(8);
  }

  @Test
  void verify_payloadUpdated_reportsHashMismatchAtThatEventOnly() throws Exception {
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.payload',"
            + " json('{\"index\":0,\"label\":\"forged\"}')) WHERE position = 3");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::streamId, ChainProblem::kind)
        .containsExactly(tuple(3L, "a", Kind.HASH_MISMATCH));
  }

  @Test
  void verify_envelopeFieldUpdated_reportsHashMismatch() throws Exception {
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.actor', 'someone-else') WHERE position = 4");
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.occurredAt', '2020-01-01T00:00:00Z') WHERE position = 6");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(tuple(4L, Kind.HASH_MISMATCH), tuple(6L, Kind.HASH_MISMATCH));
  }

  @Test
  void verify_payloadNotCanonical_reportsBothProblems() throws Exception {
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.payload',"
            + " json('{\"label\":\"a0\", \"index\":0}')) WHERE position = 1");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(tuple(1L, Kind.HASH_MISMATCH), tuple(1L, Kind.NON_CANONICAL_PAYLOAD));
  }

  @Test
  void verify_editWithRecomputedHash_reportsBrokenLinkAtSuccessor() throws Exception {
    RecordedEvent original = store.readAll(3, 1).get(0);
    RecordedEvent forged =
        RecordedEvent.seal(
            original.withPayload(1, Payload.of("label", "forged")).toNewEvent(),
            "a",
            2,
            original.prevHash(),
            original.recordedAt(),
            3);
    sql(
        "UPDATE events SET envelope = '"
            + forged.toJson().replace("'", "''")
            + "' WHERE position = 3");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::sequence, ChainProblem::kind)
        .containsExactly(tuple(5L, 3L, Kind.PREV_HASH_MISMATCH));
  }

  @Test
  void verify_middleEventDeleted_reportsGapsAtTheNextEvents() throws Exception {
    sql("DELETE FROM events WHERE position = 3");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(
            tuple(4L, Kind.POSITION_GAP),
            tuple(5L, Kind.SEQUENCE_GAP),
            tuple(5L, Kind.PREV_HASH_MISMATCH));
  }

  @Test
  void verify_lastEventOfStreamDeleted_isNotDetectableWithoutAnAnchor() throws Exception {
    sql("DELETE FROM events WHERE position = 8");

    ChainVerification v = ChainVerifier.verify(store);
    assertThat(v.ok()).isTrue();
    assertThat(v.eventsChecked()).isEqualTo(7);
  }

  @Test
  void verify_sequencesOfTwoEventsSwapped_reportsOrderAndChainProblems() throws Exception {
    sql("UPDATE events SET envelope = json_set(envelope, '$.sequence', 2) WHERE position = 5");
    sql("UPDATE events SET envelope = json_set(envelope, '$.sequence', 3) WHERE position = 3");

    ChainVerification v = ChainVerifier.verify(store);
    assertThat(v.problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .contains(
            tuple(3L, Kind.HASH_MISMATCH),
            tuple(3L, Kind.SEQUENCE_GAP),
            tuple(5L, Kind.HASH_MISMATCH),
            tuple(5L, Kind.SEQUENCE_OUT_OF_ORDER));
    assertThat(v.problems()).extracting(ChainProblem::streamId).containsOnly("a");
  }

  @Test
  void verify_rowsReorderedInTheGlobalOrder_reportsStreamOrderProblems() throws Exception {
    // Move stream a's first event behind its second: positions 1 and 3 trade places.
    sql("UPDATE events SET position = 100 WHERE position = 1");
    sql("UPDATE events SET position = 1 WHERE position = 3");
    sql("UPDATE events SET position = 3 WHERE position = 100");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(
            tuple(1L, Kind.SEQUENCE_GAP),
            tuple(1L, Kind.PREV_HASH_MISMATCH),
            tuple(3L, Kind.SEQUENCE_OUT_OF_ORDER),
            tuple(3L, Kind.PREV_HASH_MISMATCH));
  }

  @Test
  void verify_severalTamperings_reportsEveryOne() throws Exception {
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.payload', json('{\"x\":1}'))"
            + " WHERE position = 2");
    sql("DELETE FROM events WHERE position = 5");
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.region', 'elsewhere') WHERE position = 8");

    assertThat(ChainVerifier.verify(store).problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(
            tuple(2L, Kind.HASH_MISMATCH),
            tuple(6L, Kind.POSITION_GAP),
            tuple(7L, Kind.SEQUENCE_GAP),
            tuple(7L, Kind.PREV_HASH_MISMATCH),
            tuple(8L, Kind.HASH_MISMATCH));
  }

  @Test
  void verify_unreadableRow_reportsItAndChecksTheRest() throws Exception {
    sql(
        "UPDATE events SET envelope = json_set(envelope, '$.recordedAt', 'yesterday') WHERE position = 4");
    sql("UPDATE events SET envelope = json_set(envelope, '$.actor', 'x') WHERE position = 7");

    ChainVerification v = ChainVerifier.verify(store);
    assertThat(v.problems())
        .extracting(ChainProblem::position, ChainProblem::kind)
        .containsExactly(
            tuple(4L, Kind.UNREADABLE_EVENT),
            tuple(6L, Kind.SEQUENCE_GAP),
            tuple(6L, Kind.PREV_HASH_MISMATCH),
            tuple(7L, Kind.HASH_MISMATCH));
    assertThat(v.eventsChecked()).isEqualTo(7);
  }

  private void sql(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }
}
