package io.souverix.kafka;

import com.sun.management.OperatingSystemMXBean;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.RecordedEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka scale run of {@code docs/performance.md} ("Scale run (Kafka)"), for one fleet size: one
 * real in-process broker, a simulated fleet ({@link ScaleFleet}) published through {@link
 * KafkaEventLog}, folded by {@link KafkaProjectionWorker}s with {@link ScaleFold}, in four phases:
 *
 * <ol>
 *   <li><b>ingest</b>: every node's events, published by producer threads (each its own {@link
 *       KafkaEventLog}, nodes split between them), timed until the broker acknowledged the last;
 *   <li><b>backlog, 1 worker</b> and <b>backlog, 2 workers</b> (one consumer group each, its own
 *       output topic): the workers drain the whole events topic, timed from start until their
 *       committed count ({@link KafkaProjectionWorker#applied()}) reaches the events produced;
 *   <li><b>checks</b>: both output topics read back ({@code read_committed}); each node's state is
 *       the same from 1 and 2 workers, matches the fleet's own stream heads and script, has no
 *       chain break, and the folded counts add up to the events produced;
 *   <li><b>paced, 1 worker</b> and <b>paced, 2 workers</b>: on a fresh events topic, producers at a
 *       fixed share of the 1-worker backlog rate for a fixed time; a {@code read_committed} probe
 *       on the output topic takes, per output record, the time it sees it minus the {@code
 *       occurredAt} of the event it folded (stamped when the event was made, just before its send).
 * </ol>
 *
 * Consumer lag (log end offsets minus the group's committed offsets, summed over partitions) and
 * the 1-minute load average are sampled every second; CPU time is taken per thread group (broker,
 * producers, workers, probe) and for the whole process (the rest is GC and JIT) per phase.
 */
final class ScaleRun {
  private static final Clock CLOCK = Clock.systemUTC();

  private ScaleRun() {}

  /**
   * What to run.
   *
   * @param nodes simulated nodes
   * @param eventsPerNode events per node in the backlog phases
   * @param partitions partitions of every topic
   * @param producers producer threads
   * @param chunk events per {@link KafkaEventLog#publish} call in the ingest phase
   * @param maxPollRecords events per poll, and so per transaction, of a worker
   * @param pacedShare the paced rate as a share of the 1-worker backlog rate
   * @param paced how long the paced producers run
   * @param pacedWarmup latencies of events made in this first part of the paced run are dropped
   * @param timeout how long one phase may take at most
   * @param reportDir where the per-size report and lag series go
   */
  record Config(
      int nodes,
      int eventsPerNode,
      int partitions,
      int producers,
      int chunk,
      int maxPollRecords,
      double pacedShare,
      Duration paced,
      Duration pacedWarmup,
      Duration timeout,
      Path reportDir) {}

  /**
   * The CPU seconds of one phase: {@code process} is the whole JVM; then Java threads by group
   * ({@link #group}); then, when the JVM lets us read them ({@code --add-exports
   * java.management/sun.management=ALL-UNNAMED}), its internal threads: {@code gc} (GC workers, G1
   * concurrent and refinement threads), {@code jit} (compiler threads), {@code vm} (the rest);
   * {@code unattributed} is the process minus all of these (threads that ended during the phase, or
   * all internal threads when they cannot be read); {@code gc pauses} is wall time.
   *
   * @param seconds CPU seconds by group, in a fixed order
   * @param wallSeconds the phase's wall time
   */
  record Cpu(Map<String, Double> seconds, double wallSeconds) {
    double total() {
      return seconds.getOrDefault("process", 0.0);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "wall %.1f s, cpu s:", wallSeconds));
      seconds.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
      return b.toString();
    }

    /** The group of a thread, by name: producers, workers, probe, sampler or broker. */
    static String group(String thread) {
      if (thread.contains("scale-producer") || thread.startsWith("scale-gen")) {
        return "producers";
      }
      if (thread.contains("scale-g")
          || thread.contains("scale-paced-g")
          || thread.startsWith("souverix-kafka-worker")) {
        return "workers";
      }
      if (thread.contains("scale-probe") || thread.contains("scale-check")) {
        return "probe";
      }
      if (thread.startsWith("scale-sampler") || thread.contains("adminclient")) {
        return "sampler";
      }
      return "broker";
    }

    static Snapshot snapshot() {
      ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
      long[] ids = tmx.getAllThreadIds();
      ThreadInfo[] infos = tmx.getThreadInfo(ids);
      Map<Long, String> names = new HashMap<>();
      Map<Long, Long> cpu = new HashMap<>();
      for (int i = 0; i < ids.length; i++) {
        long t = tmx.getThreadCpuTime(ids[i]);
        if (infos[i] != null && t >= 0) {
          names.put(ids[i], infos[i].getThreadName());
          cpu.put(ids[i], t);
        }
      }
      long process =
          ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      return new Snapshot(names, cpu, internalThreads(), process, gcMillis);
    }

    /** CPU nanoseconds of the JVM's internal threads by name, or empty if not readable. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> internalThreads() {
      try {
        Object mbean =
            Class.forName("sun.management.ManagementFactoryHelper")
                .getMethod("getHotspotThreadMBean")
                .invoke(null);
        return new HashMap<>(
            (Map<String, Long>)
                Class.forName("sun.management.HotspotThreadMBean")
                    .getMethod("getInternalThreadCpuTimes")
                    .invoke(mbean));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return Map.of(); // not exported to us: left in "unattributed"
      }
    }

    static String internalGroup(String thread) {
      if (thread.contains("GC") || thread.startsWith("G1") || thread.contains("Conc")) {
        return "gc";
      }
      return thread.contains("Compiler") ? "jit" : "vm";
    }

    /** Thread CPU times at one moment. */
    record Snapshot(
        Map<Long, String> names,
        Map<Long, Long> cpu,
        Map<String, Long> internal,
        long process,
        long gcMillis) {
      /** The CPU time from this snapshot to now; threads that ended in between are not seen. */
      Cpu until(double wallSeconds) {
        Snapshot now = snapshot();
        Map<String, Double> groups = new LinkedHashMap<>();
        groups.put("process", (now.process - process) / 1e9);
        for (String g : List.of("broker", "producers", "workers", "probe", "sampler")) {
          groups.put(g, 0.0);
        }
        double threads = 0;
        for (Map.Entry<Long, Long> e : now.cpu.entrySet()) {
          double d = (e.getValue() - cpu.getOrDefault(e.getKey(), 0L)) / 1e9;
          threads += d;
          groups.merge(group(now.names.get(e.getKey())), d, Double::sum);
        }
        for (String g : List.of("gc", "jit", "vm")) {
          groups.put(g, 0.0);
        }
        for (Map.Entry<String, Long> e : now.internal.entrySet()) {
          double d = (e.getValue() - internal.getOrDefault(e.getKey(), 0L)) / 1e9;
          threads += d;
          groups.merge(internalGroup(e.getKey()), d, Double::sum);
        }
        groups.put("unattributed", groups.get("process") - threads);
        groups.put("gc pauses", (now.gcMillis - gcMillis) / 1e3);
        return new Cpu(groups, wallSeconds);
      }
    }
  }

  /**
   * A backlog drain.
   *
   * @param workers workers in the group
   * @param events events folded and committed
   * @param seconds from the workers' start to the last commit
   * @param lag samples {elapsed ms, lag}
   * @param cpu CPU time of the phase
   */
  record Drain(int workers, long events, double seconds, List<long[]> lag, Cpu cpu) {
    double rate() {
      return events / seconds;
    }

    long maxLag() {
      return lag.stream().mapToLong(s -> s[1]).max().orElse(0);
    }

    /**
     * The drain rate while the lag went from 90 % to 10 % of the events (first sample at or below
     * 90 %, first at or below 10 %): without the group join and the JIT warm-up at the start.
     */
    double steadyRate() {
      long[] from = lag.stream().filter(s -> s[1] <= events * 0.9).findFirst().orElse(null);
      long[] to = lag.stream().filter(s -> s[1] <= events * 0.1).findFirst().orElse(null);
      if (from == null || to == null || to[0] <= from[0]) {
        return Double.NaN;
      }
      return (from[1] - to[1]) * 1000.0 / (to[0] - from[0]);
    }

    /** The lag at a share (0 to 1) of the drain time: the sample nearest to it. */
    long lagAt(double share) {
      long t = (long) (seconds * 1000 * share);
      return lag.stream()
          .min(Comparator.comparingLong(s -> Math.abs(s[0] - t)))
          .map(s -> s[1])
          .orElse(0L);
    }
  }

  /**
   * A paced run.
   *
   * @param workers workers in the group
   * @param targetRate events/s asked of the producers
   * @param events events produced (and folded, and seen by the probe)
   * @param seconds how long the producers ran
   * @param latencyMicros sorted end-to-end latencies after the warm-up, in microseconds
   * @param lag samples {elapsed ms, lag} after the warm-up
   * @param cpu CPU time of the phase
   */
  record Paced(
      int workers,
      double targetRate,
      long events,
      double seconds,
      long[] latencyMicros,
      List<long[]> lag,
      Cpu cpu) {
    double rate() {
      return events / seconds;
    }

    double percentileMillis(double p) {
      if (latencyMicros.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100 * latencyMicros.length) - 1;
      return latencyMicros[Math.max(0, Math.min(latencyMicros.length - 1, i))] / 1000.0;
    }

    long maxLag() {
      return lag.stream().mapToLong(s -> s[1]).max().orElse(0);
    }

    double meanLag() {
      return lag.stream().mapToLong(s -> s[1]).average().orElse(0);
    }
  }

  /**
   * The figures of one fleet size.
   *
   * @param config what ran
   * @param events events produced in the ingest phase
   * @param ingestSeconds from the first send to the last acknowledgement
   * @param meanRecordBytes mean envelope size (value of an events record), sampled
   * @param ingestCpu CPU time of the ingest phase
   * @param one the 1-worker drain
   * @param two the 2-worker drain
   * @param pacedOne the 1-worker paced run
   * @param pacedTwo the 2-worker paced run
   * @param loadMin the lowest 1-minute load average sampled during the run
   * @param loadMax the highest
   */
  record Result(
      Config config,
      long events,
      double ingestSeconds,
      long meanRecordBytes,
      Cpu ingestCpu,
      Drain one,
      Drain two,
      Paced pacedOne,
      Paced pacedTwo,
      double loadMin,
      double loadMax) {
    double ingestRate() {
      return events / ingestSeconds;
    }
  }

  /** Runs every phase for one fleet size and deletes the broker's data at the end. */
  static Result run(Config c, PrintStream log) throws Exception {
    String name = String.format(Locale.ROOT, "scale-%d-%d", c.nodes(), System.currentTimeMillis());
    List<Double> load = new CopyOnWriteArrayList<>();
    KafkaBroker broker = KafkaBroker.start(name);
    try {
      log.printf(Locale.ROOT, "[%s] broker up at %s%n", name, broker.bootstrap());
      broker.createTopic("events", c.partitions(), false);
      for (String t : List.of("out-1", "out-2", "paced-out-1", "paced-out-2")) {
        broker.createTopic(t, c.partitions(), true);
      }
      broker.createTopic("paced-1", c.partitions(), false);
      broker.createTopic("paced-2", c.partitions(), false);

      ScaleFleet fleet = ScaleFleet.create(CLOCK, c.nodes());
      AtomicLong recordBytes = new AtomicLong();
      AtomicLong recordSamples = new AtomicLong();
      Cpu ingestCpu;
      try (Sampler s = Sampler.start(broker, null, "events", c.partitions(), load)) {
        ingestCpu = ingest(broker, c, fleet, recordBytes, recordSamples);
      }
      double ingestSeconds = ingestCpu.wallSeconds();
      long events = fleet.total();
      check(
          events == (long) c.nodes() * c.eventsPerNode(),
          "events produced; expected %d, but got %d",
          (long) c.nodes() * c.eventsPerNode(),
          events);
      log.printf(
          Locale.ROOT,
          "[%s] ingest: %d events in %.1f s = %.0f events/s; %s%n",
          name,
          events,
          ingestSeconds,
          events / ingestSeconds,
          ingestCpu);

      Drain one = drain(broker, c, 1, "events", "out-1", events, load);
      log.printf(
          Locale.ROOT, "[%s] backlog 1 worker: %.0f events/s; %s%n", name, one.rate(), one.cpu());
      Drain two = drain(broker, c, 2, "events", "out-2", events, load);
      log.printf(
          Locale.ROOT, "[%s] backlog 2 workers: %.0f events/s; %s%n", name, two.rate(), two.cpu());

      Map<String, ScaleFold.State> states1 = readStates(broker, "out-1", c.partitions());
      Map<String, ScaleFold.State> states2 = readStates(broker, "out-2", c.partitions());
      checkStates(fleet, c, states1, "1 worker");
      check(
          states2.equals(states1),
          "states from 2 workers; expected the %d states from 1 worker, but %d differ",
          states1.size(),
          states1.entrySet().stream()
                  .filter(e -> !e.getValue().equals(states2.get(e.getKey())))
                  .count()
              + Math.max(0, states2.size() - states1.size()));
      log.printf(
          Locale.ROOT,
          "[%s] checks passed: %d node states equal from 1 and 2 workers, %d events folded once%n",
          name,
          states1.size(),
          events);
      states1.clear();
      states2.clear();

      double rate = c.pacedShare() * one.rate();
      Paced pacedOne = paced(broker, c, 1, rate, load);
      log.printf(Locale.ROOT, "[%s] paced 1 worker: %s%n", name, describe(pacedOne));
      Paced pacedTwo = paced(broker, c, 2, rate, load);
      log.printf(Locale.ROOT, "[%s] paced 2 workers: %s%n", name, describe(pacedTwo));

      double meanBytes = (double) recordBytes.get() / Math.max(1, recordSamples.get());
      Result r =
          new Result(
              c,
              events,
              ingestSeconds,
              Math.round(meanBytes),
              ingestCpu,
              one,
              two,
              pacedOne,
              pacedTwo,
              load.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
              load.stream().mapToDouble(d -> d).max().orElse(Double.NaN));
      writeReport(r, name);
      return r;
    } finally {
      broker.close();
      deleteData(name);
    }
  }

  static String describe(Paced p) {
    return String.format(
        Locale.ROOT,
        "target %.0f events/s, sent %d in %.1f s (%.0f/s); latency p50 %.1f ms, p99 %.1f ms, max"
            + " %.1f ms over %d samples; lag max %d, mean %.0f; %s",
        p.targetRate(),
        p.events(),
        p.seconds(),
        p.rate(),
        p.percentileMillis(50),
        p.percentileMillis(99),
        p.percentileMillis(100),
        p.latencyMicros().length,
        p.maxLag(),
        p.meanLag(),
        p.cpu());
  }

  // ---------------------------------------------------------------- ingest

  private static KafkaEventLog producer(KafkaBroker broker, String topic, int t) {
    return KafkaEventLog.builder(broker.bootstrap())
        .topic(topic)
        .config(ProducerConfig.CLIENT_ID_CONFIG, "scale-producer-" + t)
        .config(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .config(ProducerConfig.LINGER_MS_CONFIG, 5)
        .config(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024)
        .timeout(Duration.ofSeconds(120))
        .build();
  }

  /** What one producer thread does with its event log. */
  private interface ProducerBody {
    void run(int thread, KafkaEventLog log) throws Exception;
  }

  /**
   * Runs one body per producer thread, each with its own event log; takes the CPU time when every
   * body returned (all its events acknowledged), before the logs close.
   */
  private static Cpu produce(KafkaBroker broker, Config c, String topic, ProducerBody body)
      throws Exception {
    CountDownLatch published = new CountDownLatch(c.producers());
    CountDownLatch release = new CountDownLatch(1);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Cpu.Snapshot before = Cpu.snapshot();
    long t0 = System.nanoTime();
    for (int t = 0; t < c.producers(); t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                try (KafkaEventLog log = producer(broker, topic, thread)) {
                  try {
                    body.run(thread, log);
                  } finally {
                    published.countDown();
                  }
                  release.await();
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "scale-gen-" + topic + "-" + t);
      threads.add(th);
      th.start();
    }
    boolean done = published.await(c.timeout().toMillis(), TimeUnit.MILLISECONDS);
    Cpu cpu = before.until((System.nanoTime() - t0) / 1e9);
    release.countDown();
    for (Thread th : threads) {
      th.join(c.timeout().toMillis());
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("producers to " + topic + " failed", failures.get(0));
    }
    check(done, "producers to %s; expected them to finish within %s", topic, c.timeout());
    return cpu;
  }

  private static Cpu ingest(
      KafkaBroker broker,
      Config c,
      ScaleFleet fleet,
      AtomicLong recordBytes,
      AtomicLong recordSamples)
      throws Exception {
    return produce(
        broker,
        c,
        "events",
        (thread, log) -> {
          EventIds ids = EventIds.create(CLOCK, new Random(thread));
          List<RecordedEvent> chunk = new ArrayList<>(c.chunk());
          for (int k = 0; k < c.eventsPerNode(); k++) {
            for (int i = thread; i < c.nodes(); i += c.producers()) {
              RecordedEvent e = fleet.next(i, ids);
              if (i % 997 == 0) {
                recordBytes.addAndGet(e.toJson().length());
                recordSamples.incrementAndGet();
              }
              chunk.add(e);
              if (chunk.size() == c.chunk()) {
                log.publish(chunk);
                chunk.clear();
              }
            }
          }
          log.publish(chunk);
        });
  }

  // ---------------------------------------------------------------- backlog drain

  private static List<KafkaProjectionWorker<ScaleFold.State>> workers(
      KafkaBroker broker, Config c, int count, String events, String output, String group) {
    List<KafkaProjectionWorker<ScaleFold.State>> ws = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      ws.add(
          KafkaProjectionWorker.builder(broker.bootstrap(), new ScaleFold())
              .eventsTopic(events)
              .outputTopic(output)
              .groupId(group)
              .transactionalId(group + "-w" + n)
              .maxPollRecords(c.maxPollRecords())
              .pollTimeout(Duration.ofMillis(100))
              .producerConfig(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
              .build());
    }
    return ws;
  }

  private static Drain drain(
      KafkaBroker broker,
      Config c,
      int count,
      String events,
      String output,
      long total,
      List<Double> load)
      throws Exception {
    String group = "scale-g" + count;
    List<KafkaProjectionWorker<ScaleFold.State>> ws =
        workers(broker, c, count, events, output, group);
    try (Sampler s = Sampler.start(broker, group, events, c.partitions(), load)) {
      Cpu.Snapshot before = Cpu.snapshot();
      long t0 = System.nanoTime();
      for (KafkaProjectionWorker<?> w : ws) {
        w.start();
      }
      awaitApplied(ws, total, c.timeout(), "backlog of " + events);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Cpu cpu = before.until(seconds);
      s.sampleNow();
      return new Drain(count, total, seconds, s.lag(), cpu);
    } finally {
      ws.forEach(KafkaProjectionWorker::close);
    }
  }

  private static void awaitApplied(
      List<? extends KafkaProjectionWorker<?>> ws, long total, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long applied = 0;
      for (KafkaProjectionWorker<?> w : ws) {
        if (w.failure().isPresent()) {
          throw new IllegalStateException("worker failed on " + what, w.failure().get());
        }
        applied += w.applied();
      }
      check(
          applied <= total,
          "events folded of %s; expected at most %d, but got %d",
          what,
          total,
          applied);
      if (applied == total) {
        return;
      }
      check(
          System.nanoTime() < deadline,
          "events folded of %s; expected %d within %s, but got %d",
          what,
          total,
          timeout,
          applied);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  // ---------------------------------------------------------------- checks

  private static void checkStates(
      ScaleFleet fleet, Config c, Map<String, ScaleFold.State> states, String who) {
    check(
        states.size() == c.nodes(),
        "node states from %s; expected %d, but got %d",
        who,
        c.nodes(),
        states.size());
    long folded = 0;
    String hardware = ScaleFleet.hardwareStateAfter(c.eventsPerNode());
    String software = ScaleFleet.softwareStateAfter(c.eventsPerNode());
    for (int i = 0; i < c.nodes(); i++) {
      String node = fleet.nodeId(i);
      ScaleFold.State s = states.get(node);
      check(s != null, "state of %s from %s; expected one, but got none", node, who);
      folded += s.events();
      boolean ok =
          s.events() == c.eventsPerNode()
              && s.chainBreaks() == 0
              && s.hardwareSeq() + s.softwareSeq() == c.eventsPerNode()
              && s.hardwareHash().equals(String.valueOf(fleet.headHash(i, false)))
              && s.softwareHash().equals(String.valueOf(fleet.headHash(i, true)))
              && s.hardware().equals(hardware)
              && s.software().equals(software);
      check(
          ok,
          "state of %s from %s; expected %d events, no chain break, the fleet's heads, %s/%s,"
              + " but got %s",
          node,
          who,
          c.eventsPerNode(),
          hardware,
          software,
          s);
    }
    check(
        folded == fleet.total(),
        "events folded by %s; expected %d, but got %d",
        who,
        fleet.total(),
        folded);
  }

  static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(Locale.ROOT, format, args));
    }
  }

  private static Map<String, Object> consumerConfig(KafkaBroker broker, String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return c;
  }

  /** Reads an output topic to its end, read_committed: the last state of each node. */
  static Map<String, ScaleFold.State> readStates(KafkaBroker broker, String topic, int partitions)
      throws Exception {
    Map<String, byte[]> last = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerConfig(broker, "scale-check-" + topic))) {
      List<TopicPartition> parts = partitions(topic, partitions);
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        check(System.nanoTime() < deadline, "reading %s; expected its end %s in time", topic, end);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          last.put(new String(r.key(), StandardCharsets.UTF_8), r.value());
        }
      }
    }
    ScaleFold fold = new ScaleFold();
    Map<String, ScaleFold.State> states = new HashMap<>(last.size() * 2);
    last.forEach((k, v) -> states.put(k, fold.decode(v)));
    return states;
  }

  private static List<TopicPartition> partitions(String topic, int partitions) {
    List<TopicPartition> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new TopicPartition(topic, p));
    }
    return parts;
  }

  // ---------------------------------------------------------------- paced

  private static Paced paced(
      KafkaBroker broker, Config c, int count, double rate, List<Double> load) throws Exception {
    String events = "paced-" + count;
    String output = "paced-out-" + count;
    String group = "scale-paced-g" + count;
    ScaleFleet fleet = ScaleFleet.create(CLOCK, c.nodes());
    List<KafkaProjectionWorker<ScaleFold.State>> ws =
        workers(broker, c, count, events, output, group);
    try {
      for (KafkaProjectionWorker<?> w : ws) {
        w.start();
      }
      // Wait for the group to settle, so that joining it is not part of any latency.
      long settle = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (ws.stream().mapToInt(w -> w.assignment().size()).sum() != c.partitions()
          || ws.stream().anyMatch(w -> w.assignment().isEmpty())) {
        check(System.nanoTime() < settle, "group %s; expected it to settle within 60 s", group);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      long warmupEnd = ScaleFold.micros(CLOCK.instant()) + c.pacedWarmup().toNanos() / 1000;
      try (Probe probe = Probe.start(broker, output, c.partitions(), warmupEnd);
          Sampler s = Sampler.start(broker, group, events, c.partitions(), load)) {
        Cpu cpu = pace(broker, c, fleet, events, rate);
        long sent = fleet.total();
        awaitApplied(ws, sent, c.timeout(), "paced " + events);
        long[] latencies = probe.awaitAndTake(sent, c.timeout());
        s.sampleNow();
        List<long[]> lag =
            s.lag().stream().filter(l -> l[0] >= c.pacedWarmup().toMillis()).toList();
        return new Paced(count, rate, sent, cpu.wallSeconds(), latencies, lag, cpu);
      }
    } finally {
      ws.forEach(KafkaProjectionWorker::close);
    }
  }

  /** Produces at {@code rate} events/s for the paced duration; the CPU time is of that time. */
  private static Cpu pace(KafkaBroker broker, Config c, ScaleFleet fleet, String topic, double rate)
      throws Exception {
    double perThread = rate / c.producers();
    long duration = c.paced().toNanos();
    return produce(
        broker,
        c,
        topic,
        (thread, log) -> {
          EventIds ids = EventIds.create(CLOCK, new Random(100 + thread));
          List<RecordedEvent> chunk = new ArrayList<>();
          int cursor = thread;
          long mine = 0;
          long start = System.nanoTime();
          while (true) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= duration) {
              break;
            }
            long due = (long) (perThread * elapsed / 1e9) - mine;
            if (due <= 0) {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
              continue;
            }
            for (long j = 0; j < Math.min(due, 500); j++) {
              chunk.add(fleet.next(cursor, ids));
              cursor += c.producers();
              if (cursor >= c.nodes()) {
                cursor = thread;
              }
            }
            log.publish(chunk);
            mine += chunk.size();
            chunk.clear();
          }
        });
  }

  /**
   * A read_committed consumer of an output topic, from its end, polling on a thread of its own: per
   * record, the time the poll returned it minus the {@code occurredAt} of the event it folded.
   * Latencies of events made before the warm-up's end are dropped.
   */
  private static final class Probe implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScaleFold fold = new ScaleFold();
    private final long warmupEnd;
    private final Thread runner = new Thread(this::run, "scale-probe");
    private volatile long target = Long.MAX_VALUE;
    private volatile boolean closing;
    private volatile @Nullable Throwable failure;
    private long seen;
    private long chainBreaks;
    private long[] samples = new long[1 << 16];
    private int count;

    private Probe(KafkaConsumer<byte[], byte[]> consumer, long warmupEnd) {
      this.consumer = consumer;
      this.warmupEnd = warmupEnd;
    }

    static Probe start(KafkaBroker broker, String topic, int partitions, long warmupEndMicros) {
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(consumerConfig(broker, "scale-probe-" + topic));
      List<TopicPartition> parts = partitions(topic, partitions);
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      parts.forEach(consumer::position); // resolve the end now, before any event is sent
      Probe p = new Probe(consumer, warmupEndMicros);
      p.runner.setDaemon(true);
      p.runner.start();
      return p;
    }

    /** Waits until {@code expected} records were seen; returns the sorted latencies (µs). */
    long[] awaitAndTake(long expected, Duration timeout) throws InterruptedException {
      target = expected;
      runner.join(timeout.toMillis());
      check(!runner.isAlive(), "probe; expected %d records within %s", expected, timeout);
      if (failure != null) {
        throw new IllegalStateException("probe failed", failure);
      }
      check(
          seen == expected,
          "output records seen by the probe; expected %d (one per event), but got %d",
          expected,
          seen);
      check(
          chainBreaks == 0, "chain breaks seen by the probe; expected 0, but got %d", chainBreaks);
      long[] kept = Arrays.copyOf(samples, count);
      Arrays.sort(kept);
      return kept;
    }

    private void run() {
      try {
        while (!closing && seen < target) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
          long now = ScaleFold.micros(CLOCK.instant());
          for (ConsumerRecord<byte[], byte[]> r : records) {
            ScaleFold.State s = fold.decode(r.value());
            seen++;
            chainBreaks += s.chainBreaks();
            if (s.lastMicros() >= warmupEnd) {
              if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
              }
              samples[count++] = now - s.lastMicros();
            }
          }
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      closing = true;
      runner.join(10_000);
      consumer.close(Duration.ofSeconds(5));
    }
  }

  // ---------------------------------------------------------------- sampling

  /** Samples the group's lag and the load average every second, on a thread of its own. */
  private static final class Sampler implements AutoCloseable {
    private final KafkaBroker broker;
    private final @Nullable String group;
    private final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    private final List<Double> load;
    private final List<long[]> lag = new CopyOnWriteArrayList<>();
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    private Sampler(
        KafkaBroker broker,
        @Nullable String group,
        String topic,
        int partitions,
        List<Double> load) {
      this.broker = broker;
      this.group = group;
      this.load = load;
      for (TopicPartition tp : partitions(topic, partitions)) {
        latest.put(tp, OffsetSpec.latest());
      }
      this.thread = new Thread(this::run, "scale-sampler");
      thread.setDaemon(true);
    }

    static Sampler start(
        KafkaBroker broker,
        @Nullable String group,
        String topic,
        int partitions,
        List<Double> load) {
      Sampler s = new Sampler(broker, group, topic, partitions, load);
      s.thread.start();
      return s;
    }

    private void run() {
      long next = System.nanoTime();
      while (running) {
        sampleNow();
        next += TimeUnit.SECONDS.toNanos(1);
        LockSupport.parkNanos(next - System.nanoTime());
      }
    }

    synchronized void sampleNow() {
      try {
        String avg = Files.readString(Path.of("/proc/loadavg"));
        load.add(Double.parseDouble(avg.substring(0, avg.indexOf(' '))));
      } catch (IOException | RuntimeException e) {
        // not Linux: no load average
      }
      if (group == null) {
        return;
      }
      try {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        var ends = broker.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
            broker
                .admin()
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        long sum = 0;
        for (var e : ends.entrySet()) {
          OffsetAndMetadata o = committed.get(e.getKey());
          sum += e.getValue().offset() - (o == null ? 0 : o.offset());
        }
        lag.add(new long[] {elapsed, sum});
      } catch (Exception e) {
        // a missed sample; the next one comes in a second
      }
    }

    List<long[]> lag() {
      return List.copyOf(lag);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      LockSupport.unpark(thread);
      thread.join(15_000);
    }
  }

  // ---------------------------------------------------------------- report

  private static void writeReport(Result r, String name) throws IOException {
    Files.createDirectories(r.config().reportDir());
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s%n%s%n", name, r.config()));
    b.append(
        String.format(
            Locale.ROOT,
            "ingest %d events in %.1f s: %.0f events/s, mean record %d bytes; %s%n",
            r.events(),
            r.ingestSeconds(),
            r.ingestRate(),
            r.meanRecordBytes(),
            r.ingestCpu()));
    for (Drain d : List.of(r.one(), r.two())) {
      b.append(
          String.format(
              Locale.ROOT,
              "backlog %d worker(s): %.1f s, %.0f events/s (%.0f/s from 90 %% to 10 %% lag), lag"
                  + " max %d, at 25/50/75 %% %d/%d/%d; %s%n",
              d.workers(),
              d.seconds(),
              d.rate(),
              d.steadyRate(),
              d.maxLag(),
              d.lagAt(0.25),
              d.lagAt(0.5),
              d.lagAt(0.75),
              d.cpu()));
    }
    for (Paced p : List.of(r.pacedOne(), r.pacedTwo())) {
      b.append(String.format(Locale.ROOT, "paced %d worker(s): %s%n", p.workers(), describe(p)));
    }
    b.append(String.format(Locale.ROOT, "load average %.1f to %.1f%n", r.loadMin(), r.loadMax()));
    b.append("lag series (ms, lag):\n");
    Map<String, List<long[]>> series = new LinkedHashMap<>();
    series.put("backlog-1", r.one().lag());
    series.put("backlog-2", r.two().lag());
    series.put("paced-1", r.pacedOne().lag());
    series.put("paced-2", r.pacedTwo().lag());
    series.forEach(
        (k, v) -> {
          b.append(k).append(':');
          v.forEach(s -> b.append(' ').append(s[0]).append('=').append(s[1]));
          b.append('\n');
        });
    Files.writeString(
        r.config().reportDir().resolve("scale-" + r.config().nodes() + ".txt"),
        b.toString(),
        StandardCharsets.UTF_8);
  }

  /** The table row of one size, in the layout of docs/performance.md. */
  static String row(Result r) {
    return String.format(
        Locale.ROOT,
        "| %,d | %,d | %,.0f | %,.0f (%,.0f) | %,.0f (%,.0f) | %,d | %,.0f | %.1f / %.1f / %.1f | %.1f / %.1f /"
            + " %.1f | %,d / %,d | %.1f-%.1f |",
        r.config().nodes(),
        r.events(),
        r.ingestRate(),
        r.one().rate(),
        r.one().steadyRate(),
        r.two().rate(),
        r.two().steadyRate(),
        r.one().maxLag(),
        r.pacedOne().targetRate(),
        r.pacedOne().percentileMillis(50),
        r.pacedOne().percentileMillis(99),
        r.pacedOne().percentileMillis(100),
        r.pacedTwo().percentileMillis(50),
        r.pacedTwo().percentileMillis(99),
        r.pacedTwo().percentileMillis(100),
        r.pacedOne().maxLag(),
        r.pacedTwo().maxLag(),
        r.loadMin(),
        r.loadMax());
  }

  static final String HEADER =
      "| nodes | events | ingest events/s | backlog 1 worker events/s (steady)"
          + " | backlog 2 workers events/s (steady)"
          + " | max lag (backlog) | paced events/s | latency 1 worker p50 / p99 / max ms"
          + " | latency 2 workers p50 / p99 / max ms | max lag paced 1 / 2 | load |\n"
          + "|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|";

  private static void deleteData(String name) throws IOException {
    Path root = Path.of("target", "kafka");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir :
          dirs.filter(d -> d.getFileName().toString().startsWith(name + "-")).toList()) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
