package io.souverix.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.verify.ChainVerification;
import io.souverix.lifecycle.verify.ChainVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills writer processes with SIGKILL at random (seeded) points and checks after each kill that
 * every acknowledged event survived intact and nothing was half-written. Two writers share the file
 * and its streams in every round, so the kills also land while one process waits for the other's
 * lock. Set {@code -Dsouverix.crash.seed=...} to replay a run.
 */
class SqliteCrashTest {
  private static final int ROUNDS = 10; // two kills per round
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** An acknowledged event as the writer printed it. */
  record Ack(UUID eventId, long position, String streamId, long sequence, String hash) {}

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void writerProcesses_killedAtRandomPoints_loseNoAcknowledgedEventAndNoHalfBatch()
      throws Exception {
    long seed = Long.getLong("souverix.crash.seed", 0x5EED_2026L);
    Random random = new Random(seed);
    Path file = dir.resolve("crash.db");
    Map<UUID, Ack> acked = new HashMap<>();
    long previousHead = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String context = "seed " + seed + ", round " + round;
      Writer a = Writer.start(file, "w" + round + "a", random.nextLong(), dir);
      Writer b = Writer.start(file, "w" + round + "b", random.nextLong(), dir);
      for (Writer w : List.of(a, b)) {
        // A quarter of the kills come right after the store opened, the rest mid-stream.
        int acks = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(250);
        w.awaitReadyAndAcks(acks, context);
        w.process.destroyForcibly();
      }
      for (Writer w : List.of(a, b)) {
        List<Ack> acks = w.finish(context);
        for (Ack ack : acks) {
          acked.put(ack.eventId(), ack);
        }
      }

      try (SqliteEventStore store = SqliteEventStore.open(file, Clock.systemUTC())) {
        long head = checkStore(store, acked, context);
        assertThat(head).as(context).isGreaterThanOrEqualTo(previousHead);
        previousHead = head;
      }
    }
    assertThat(acked).as("acknowledged events over all rounds").hasSizeGreaterThan(ROUNDS);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }

  /** Checks one reopened file; returns its head position. */
  private static long checkStore(SqliteEventStore store, Map<UUID, Ack> acked, String context)
      throws Exception {
    ChainVerification v = ChainVerifier.verify(store);
    assertThat(v.problems()).as(context).isEmpty();
    long head = store.headPosition();
    assertThat(v.eventsChecked()).as(context).isEqualTo(head);

    Map<UUID, RecordedEvent> byId = new HashMap<>();
    Map<String, List<RecordedEvent>> batches = new HashMap<>();
    for (long from = 1; from <= head; ) {
      List<RecordedEvent> page = store.readAll(from, 2_000);
      for (RecordedEvent e : page) {
        byId.put(e.eventId(), e);
        batches.computeIfAbsent(e.payload().requireText("batch"), k -> new ArrayList<>()).add(e);
      }
      from = page.get(page.size() - 1).position() + 1;
    }
    for (Ack ack : acked.values()) {
      RecordedEvent e = byId.get(ack.eventId());
      assertThat(e).as("%s: acknowledged %s", context, ack).isNotNull();
      assertThat(new Ack(e.eventId(), e.position(), e.streamId(), e.sequence(), e.hash()))
          .as(context)
          .isEqualTo(ack);
    }
    // A batch is one transaction: all its events, consecutive in its stream and the global order.
    for (Map.Entry<String, List<RecordedEvent>> batch : batches.entrySet()) {
      List<RecordedEvent> events = batch.getValue();
      long size = events.get(0).payload().number("size").orElseThrow();
      assertThat(events).as("%s: batch %s", context, batch.getKey()).hasSize((int) size);
      for (int i = 0; i < events.size(); i++) {
        RecordedEvent e = events.get(i);
        assertThat(e.payload().number("index")).as(context).contains((long) i);
        assertThat(e.streamId()).as(context).isEqualTo(events.get(0).streamId());
        assertThat(e.sequence()).as(context).isEqualTo(events.get(0).sequence() + i);
        assertThat(e.position()).as(context).isEqualTo(events.get(0).position() + i);
      }
    }
    return head;
  }

  /** A forked writer JVM and the lines it printed. */
  private static final class Writer {
    final Process process;
    final Path stderr;
    final List<String> lines = new ArrayList<>();
    final Thread pump;
    boolean ended;

    private Writer(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.pump = new Thread(this::pump, "crash-writer-stdout");
      pump.setDaemon(true);
      pump.start();
    }

    static Writer start(Path file, String name, long seed, Path dir) throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path stderr = dir.resolve(name + ".err");
      ProcessBuilder pb =
          new ProcessBuilder(
              java.toString(),
              "-Xmx128m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              CrashWriter.class.getName(),
              file.toString(),
              name,
              Long.toString(seed));
      pb.redirectError(stderr.toFile());
      return new Writer(pb.start(), stderr);
    }

    private void pump() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (this) {
            lines.add(line);
            notifyAll();
          }
        }
      } catch (IOException e) {
        // The process was killed; what was read is what counts.
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    /** Waits for "ready" and then for {@code acks} acknowledged events. */
    synchronized void awaitReadyAndAcks(int acks, String context) throws Exception {
      long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
      while (lines.isEmpty() || lines.size() - 1 < acks) {
        if (ended) {
          fail("%s: writer ended early: %s", context, Files.readString(stderr));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("%s: writer printed only %d lines: %s", context, lines.size(), stderrText());
        }
        wait(Math.max(1, left / 1_000_000));
      }
      assertThat(lines.get(0)).as(context).isEqualTo("ready");
    }

    /** Waits for the killed process and returns every complete ack line it printed. */
    List<Ack> finish(String context) throws Exception {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(context).isTrue();
      pump.join(TimeUnit.SECONDS.toMillis(30));
      List<Ack> acks = new ArrayList<>();
      synchronized (this) {
        for (String line : lines) {
          String[] f = line.split(" ");
          // A line cut short by the kill lacks its final "." and is not counted.
          if (f.length == 7 && f[0].equals("ack") && f[6].equals(".")) {
            acks.add(
                new Ack(
                    UUID.fromString(f[1]), Long.parseLong(f[2]), f[3], Long.parseLong(f[4]), f[5]));
          }
        }
      }
      return acks;
    }

    private String stderrText() throws IOException {
      return Files.exists(stderr) ? Files.readString(stderr) : "";
    }
  }
}
