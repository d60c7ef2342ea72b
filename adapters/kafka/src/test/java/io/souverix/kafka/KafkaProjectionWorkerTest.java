package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the event log and the projection workers against one real KRaft broker, started once for the
 * class. Every wait is bounded; polling waits are on the real broker.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class KafkaProjectionWorkerTest {
  private static final int PARTITIONS = 4;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start("worker-test");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static KafkaEventLog log(String topic) {
    return KafkaEventLog.builder(broker.bootstrap()).topic(topic).build();
  }

  private static <S> KafkaProjectionWorker<S> worker(
      KeyedFold<S> fold, String events, String output, String group, String id) {
    return KafkaProjectionWorker.builder(broker.bootstrap(), fold)
        .eventsTopic(events)
        .outputTopic(output)
        .groupId(group)
        .transactionalId(id)
        .maxPollRecords(8)
        .pollTimeout(Duration.ofMillis(100))
        .consumerConfig(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
        .build();
  }

  @Test
  void publish_fleet_eachNodeInOnePartitionInStreamOrder() throws Exception {
    broker.createTopic("events-order", PARTITIONS, false);
    EventStore store = Fleet.store(6, 5);
    try (KafkaEventLog log = log("events-order")) {
      assertThat(log.relay(store, 0, 25)).isEqualTo(25);
      assertThat(log.relay(store, 25, 1000)).isEqualTo(60);
      assertThat(log.relay(store, 60, 1000)).isEqualTo(60);
    }

    List<ConsumerRecord<byte[], byte[]>> records = readAll("events-order", 60);

    Map<String, Set<Integer>> partitionsByNode = new HashMap<>();
    Map<String, Long> lastSequence = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      RecordedEvent e = KafkaEventLog.decode(r);
      assertThat(e.hashMatches()).isTrue();
      partitionsByNode
          .computeIfAbsent(KafkaEventLog.keyOf(e.streamId()), k -> new HashSet<>())
          .add(r.partition());
      long previous = lastSequence.getOrDefault(e.streamId(), 0L);
      assertThat(e.sequence()).isEqualTo(previous + 1);
      lastSequence.put(e.streamId(), e.sequence());
    }
    assertThat(partitionsByNode)
        .hasSize(6)
        .allSatisfy((node, parts) -> assertThat(parts).hasSize(1));
    assertThat(records.stream().map(r -> KafkaEventLog.decode(r).position()).sorted().toList())
        .isEqualTo(Fleet.events(store).stream().map(RecordedEvent::position).toList());
  }

  @Test
  void twoWorkers_oneGroup_sameOutputAsOneWorker() throws Exception {
    broker.createTopic("events-eq", PARTITIONS, false);
    broker.createTopic("activity-one", PARTITIONS, true);
    broker.createTopic("activity-two", PARTITIONS, true);
    List<RecordedEvent> events = Fleet.events(Fleet.store(16, 8));
    try (KafkaEventLog log = log("events-eq")) {
      log.publish(events);
      log.publish(events.subList(0, 40)); // a relay that restarted: a page published twice
    }
    NodeActivity fold = NodeActivity.create();

    Map<String, NodeActivity.State> one;
    try (KafkaProjectionWorker<NodeActivity.State> w =
        worker(fold, "events-eq", "activity-one", "g-one", "one-1")) {
      w.start();
      awaitGroupDone("g-one", "events-eq", List.of(w));
      one = readStates(fold, "activity-one");
    }
    Map<String, NodeActivity.State> two;
    try (KafkaProjectionWorker<NodeActivity.State> a =
            worker(fold, "events-eq", "activity-two", "g-two", "two-1");
        KafkaProjectionWorker<NodeActivity.State> b =
            worker(fold, "events-eq", "activity-two", "g-two", "two-2")) {
      a.start();
      b.start();
      awaitGroupDone("g-two", "events-eq", List.of(a, b));
      assertThat(a.applied() + b.applied()).isEqualTo(events.size() + 40);
      two = readStates(fold, "activity-two");
    }

    Map<String, NodeActivity.State> expected = new TreeMap<>();
    for (RecordedEvent e : events) {
      expected.merge(
          KafkaEventLog.keyOf(e.streamId()), fold.apply(null, e), (s, x) -> fold.apply(s, e));
    }
    assertThat(one).hasSize(16).isEqualTo(expected);
    assertThat(two).isEqualTo(one);
    assertThat(one.values())
        .allSatisfy(
            s -> {
              assertThat(s.events()).isEqualTo(16);
              assertThat(s.chainBreaks()).isZero();
            });
  }

  @Test
  void secondWorker_joinsAndFirstLeavesMidStream_eachEventFoldedOnce() throws Exception {
    broker.createTopic("events-mid", PARTITIONS, false);
    broker.createTopic("counts-mid", PARTITIONS, false); // not compacted: every output is kept
    List<RecordedEvent> events = Fleet.events(Fleet.store(12, 10)); // 240 events
    Counting fold = new Counting();
    try (KafkaEventLog log = log("events-mid");
        KafkaProjectionWorker<Long> first =
            worker(fold, "events-mid", "counts-mid", "g-mid", "m-1");
        KafkaProjectionWorker<Long> second =
            worker(fold, "events-mid", "counts-mid", "g-mid", "m-2")) {
      log.publish(events.subList(0, 60));
      first.start();
      awaitGroupDone("g-mid", "events-mid", List.of(first));
      assertThat(first.assignment()).hasSize(PARTITIONS);

      // The second worker joins while the first is busy with the next 90 events.
      log.publish(events.subList(60, 150));
      second.start();
      await(
          "the group to split the partitions",
          List.of(first, second),
          () ->
              !first.assignment().isEmpty()
                  && !second.assignment().isEmpty()
                  && first.assignment().size() + second.assignment().size() == PARTITIONS);
      awaitGroupDone("g-mid", "events-mid", List.of(first, second));

      // The first leaves; the second takes its shards over from the output topic.
      first.close();
      log.publish(events.subList(150, events.size()));
      await(
          "the second worker to own every partition",
          List.of(second),
          () -> second.assignment().size() == PARTITIONS);
      awaitGroupDone("g-mid", "events-mid", List.of(second));
      assertThat(second.applied()).isPositive();
      assertThat(first.applied() + second.applied()).isEqualTo(events.size());
    }

    // Every event offset was folded into the committed output exactly once ...
    List<ConsumerRecord<byte[], byte[]>> output = readAll("counts-mid", events.size());
    Set<String> folded = new HashSet<>();
    Map<String, Long> counts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : output) {
      Header h = r.headers().lastHeader(Topics.SOURCE_OFFSET_HEADER);
      assertThat(folded.add(r.partition() + "@" + new String(h.value(), StandardCharsets.UTF_8)))
          .as("output of %s", r)
          .isTrue();
      counts.put(new String(r.key(), StandardCharsets.UTF_8), fold.decode(r.value()));
    }
    assertThat(folded).hasSize(events.size());
    // ... so a fold that is not idempotent still counts each node's events exactly.
    Map<String, Long> expected = new TreeMap<>();
    for (RecordedEvent e : events) {
      expected.merge(KafkaEventLog.keyOf(e.streamId()), 1L, Long::sum);
    }
    assertThat(counts).isEqualTo(expected);
  }

  /** Counts every event it is given: folding an event twice would show in the count. */
  private static final class Counting implements KeyedFold<Long> {
    @Override
    public Long apply(@Nullable Long state, RecordedEvent event) {
      return state == null ? 1L : state + 1;
    }

    @Override
    public byte[] encode(Long state) {
      return Long.toString(state).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Long decode(byte[] bytes) {
      return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static <S> Map<String, S> readStates(KeyedFold<S> fold, String topic) throws Exception {
    Map<String, S> states = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(topic, -1)) {
      states.put(new String(r.key(), StandardCharsets.UTF_8), fold.decode(r.value()));
    }
    return states;
  }

  /** Reads a topic from the beginning to its end, read_committed; expects at least {@code min}. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int min)
      throws Exception {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        parts.add(new TopicPartition(topic, p));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, WAIT);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          fail("reading %s did not reach %s", topic, end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    assertThat(out.size()).isGreaterThanOrEqualTo(min);
    return out;
  }

  /** Waits until the group's committed offsets reach the end of every partition of the topic. */
  private static void awaitGroupDone(
      String group, String topic, List<KafkaProjectionWorker<?>> workers) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        broker.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    await(
        "group " + group + " to commit the end of " + topic,
        workers,
        () -> {
          try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                broker
                    .admin()
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream()
                .allMatch(
                    e ->
                        e.getValue().offset() == 0
                            || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() == e.getValue().offset()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Polls a condition on the real broker every 50 ms, failing fast if a worker failed. */
  private static void await(
      String what, List<KafkaProjectionWorker<?>> workers, BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      for (KafkaProjectionWorker<?> w : workers) {
        w.failure().ifPresent(t -> fail("worker failed while waiting for " + what, t));
      }
      if (System.nanoTime() > deadline) {
        fail("timed out after %s waiting for %s", WAIT, what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the broker is a real server
    }
  }
}
