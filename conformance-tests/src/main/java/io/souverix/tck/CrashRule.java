package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * ES-5.2: forks a JVM that appends through the vendor's factory, kills it with SIGKILL after some
 * acknowledgements, reopens the store here and checks that every acknowledged event is there,
 * intact, and that no batch is half-written. Several rounds on one store (one per kill point), so
 * every writer after the first starts from a store that was killed. Bounded by {@link #ROUND_LIMIT}
 * per round.
 */
final class CrashRule {
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);

  private CrashRule() {}

  /** An acknowledged event as the writer printed it. */
  record Ack(UUID eventId, long position, String streamId, long sequence, String hash) {}

  static void run(
      Class<? extends EventStoreFactory> factoryClass, TckEnvironment env, int[] acksBeforeKill)
      throws Exception {
    EventStoreFactory factory = factoryClass.getDeclaredConstructor().newInstance();
    Path directory = Files.createDirectories(env.directory().resolve("crash"));
    Map<UUID, Ack> acked = new HashMap<>();
    for (int round = 0; round < acksBeforeKill.length; round++) {
      String context = "crash round " + (round + 1);
      Writer w = Writer.start(factoryClass, directory, "w" + round, 2026L + round, env);
      try {
        w.awaitAcks(acksBeforeKill[round], context);
      } finally {
        // SIGKILL on POSIX systems: no shutdown hooks, no finally blocks in the writer.
        w.process.destroyForcibly();
      }
      for (Ack a : w.finish(context)) {
        acked.put(a.eventId(), a);
      }
      try (EventStore store = factory.open(directory, Clock.systemUTC())) {
        check(store, acked, context);
      }
    }
  }

  private static void check(EventStore store, Map<UUID, Ack> acked, String context)
      throws Exception {
    List<RecordedEvent> all = EventStoreVerification.readAll(store);
    EventStoreVerification.assertChainIntact(
        all.stream()
            .sorted(
                java.util.Comparator.comparing(RecordedEvent::streamId)
                    .thenComparingLong(RecordedEvent::sequence))
            .toList());
    Map<UUID, RecordedEvent> byId = new HashMap<>();
    Map<String, List<RecordedEvent>> batches = new HashMap<>();
    for (RecordedEvent e : all) {
      byId.put(e.eventId(), e);
      batches.computeIfAbsent(e.payload().requireText("batch"), k -> new ArrayList<>()).add(e);
    }
    for (Ack ack : acked.values()) {
      RecordedEvent e = byId.get(ack.eventId());
      assertThat(e).as("%s: acknowledged event %s after the kill", context, ack).isNotNull();
      assertThat(new Ack(e.eventId(), e.position(), e.streamId(), e.sequence(), e.hash()))
          .as("%s: acknowledged event after the kill", context)
          .isEqualTo(ack);
    }
    for (Map.Entry<String, List<RecordedEvent>> batch : batches.entrySet()) {
      List<RecordedEvent> events = batch.getValue();
      long size = events.get(0).payload().number("size").orElseThrow();
      assertThat(events)
          .as("%s: batch %s is whole (an append is atomic)", context, batch.getKey())
          .hasSize((int) size);
    }
  }

  /** A forked writer JVM and the lines it printed. */
  private static final class Writer {
    final Process process;
    final Path stderr;
    final List<String> lines = new ArrayList<>();
    final Thread pump;
    final Duration limit;
    boolean ended;

    private Writer(Process process, Path stderr, Duration limit) {
      this.process = process;
      this.stderr = stderr;
      this.limit = limit;
      this.pump = new Thread(this::pump, "tck-crash-writer-stdout");
      pump.setDaemon(true);
      pump.start();
    }

    static Writer start(
        Class<?> factory, Path directory, String name, long seed, TckEnvironment env)
        throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path stderr = env.directory().resolve(name + ".err");
      ProcessBuilder pb =
          new ProcessBuilder(
              java.toString(),
              "-Xmx128m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-cp",
              FactoryVerifications.forkClassPath(),
              CrashAppender.class.getName(),
              factory.getName(),
              directory.toString(),
              name,
              Long.toString(seed));
      pb.redirectError(stderr.toFile());
      Duration limit = env.timeout().compareTo(ROUND_LIMIT) > 0 ? env.timeout() : ROUND_LIMIT;
      return new Writer(pb.start(), stderr, limit);
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
    synchronized void awaitAcks(int acks, String context) throws Exception {
      long deadline = System.nanoTime() + limit.toNanos();
      while (lines.isEmpty() || lines.size() - 1 < acks) {
        if (ended) {
          fail("%s: the writer JVM ended early: %s", context, stderrText());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail(
              "%s: the writer JVM printed %d lines in %s; expected ready and %d acks. stderr: %s",
              context, lines.size(), limit, acks, stderrText());
        }
        wait(Math.max(1, left / 1_000_000));
      }
      assertThat(lines.get(0)).as(context).isEqualTo("ready");
    }

    /** Waits for the killed process and returns every complete ack line it printed. */
    List<Ack> finish(String context) throws Exception {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s: writer ended", context).isTrue();
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
