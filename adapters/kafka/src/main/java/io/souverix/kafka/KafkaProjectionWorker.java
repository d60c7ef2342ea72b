package io.souverix.kafka;

import io.souverix.lifecycle.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * A projection worker in a Kafka consumer group: it folds the events topic with a {@link
 * KeyedFold}, one shard per partition of the events topic, and writes every new per-node state to
 * an output topic, exactly once.
 *
 * <p>Each batch of polled events is one Kafka transaction: the new states go to the output topic
 * (to the partition with the same number as the event's partition, keyed by node id) together with
 * the group's consumer offsets ({@code sendOffsetsToTransaction}). The transaction commits or
 * aborts as a whole, so the output topic and the offsets always move together: after a crash, a
 * rebalance or a fenced producer, no event is ever folded into the committed output twice, and none
 * is skipped. The output topic is the checkpoint: when the group assigns a partition to a worker,
 * the worker reads the matching output partition ({@code read_committed}) to rebuild the shard's
 * states, checks that the last output record was folded from the event just before the committed
 * offset, and resumes from there. Make the output topic compacted (one record per node is all a
 * restore needs) with at least as many partitions as the events topic.
 *
 * <p>Workers of one projection share a {@code group.id}; each has its own stable {@code
 * transactional.id}. Consumers of the output topic must read with {@code
 * isolation.level=read_committed}.
 *
 * <p>{@link #start()} runs the worker on a thread of its own until {@link #close()}. An event that
 * cannot be decoded or folded stops the worker ({@link #failure()}); nothing of its batch is
 * committed.
 *
 * @param <S> the fold's per-node state
 * @since 0.1
 */
public final class KafkaProjectionWorker<S> implements AutoCloseable {
  private final KeyedFold<S> fold;
  private final String eventsTopic;
  private final String outputTopic;
  private final String transactionalId;
  private final Duration pollTimeout;
  private final Duration restoreTimeout;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaConsumer<byte[], byte[]> restorer;
  private final KafkaProducer<byte[], byte[]> producer;

  // Shard states by partition; touched by the worker thread only.
  private final Map<Integer, Map<String, S>> shards = new HashMap<>();
  private final AtomicLong applied = new AtomicLong();
  private final Object lifecycle = new Object();
  private volatile Set<Integer> assignment = Set.of();
  private volatile boolean running;
  private volatile @Nullable Throwable failure;
  private @Nullable EventLogException callbackFailure;
  private @Nullable Thread thread;
  private boolean started;
  private boolean closed;

  private KafkaProjectionWorker(Builder<S> b) {
    this.fold = b.fold;
    this.eventsTopic = b.eventsTopic;
    this.outputTopic = Objects.requireNonNull(b.outputTopic, "outputTopic");
    this.transactionalId = Objects.requireNonNull(b.transactionalId, "transactionalId");
    this.pollTimeout = b.pollTimeout;
    this.restoreTimeout = b.restoreTimeout;

    Map<String, Object> c = new HashMap<>(b.consumerConfig);
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(b.groupId, "groupId"));
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, b.maxPollRecords);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId);
    this.consumer = new KafkaConsumer<>(c);

    Map<String, Object> r = new HashMap<>(b.consumerConfig);
    r.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    r.remove(ConsumerConfig.GROUP_ID_CONFIG);
    r.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    r.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    r.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    r.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    r.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    r.put(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId + "-restore");
    this.restorer = new KafkaConsumer<>(r);

    Map<String, Object> p = new HashMap<>(b.producerConfig);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-out");
    this.producer = new KafkaProducer<>(p);
  }

  /**
   * Starts a builder of a worker.
   *
   * @param <S> the fold's state
   * @param bootstrapServers the Kafka bootstrap servers; not empty
   * @param fold the per-node fold; not null
   * @return a new builder
   * @throws IllegalArgumentException if {@code bootstrapServers} is empty
   * @since 0.1
   */
  public static <S> Builder<S> builder(String bootstrapServers, KeyedFold<S> fold) {
    return new Builder<>(
        Topics.check(bootstrapServers, "bootstrapServers"), Objects.requireNonNull(fold, "fold"));
  }

  /**
   * Registers the transactional producer (fencing any older producer with the same transactional
   * id), checks the topics, joins the group and starts folding on a thread of its own.
   *
   * @throws EventLogException {@code FENCED} if a newer producer took the transactional id, {@code
   *     CONFIGURATION} if the output topic has fewer partitions than the events topic or a topic is
   *     missing, {@code TIMEOUT} if the cluster did not answer
   * @throws IllegalStateException if already started or closed
   * @since 0.1
   */
  public void start() throws EventLogException {
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException("worker " + transactionalId + " already started or closed");
      }
      started = true;
      try {
        int in = consumer.partitionsFor(eventsTopic, restoreTimeout).size();
        int out = producer.partitionsFor(outputTopic).size();
        if (in == 0 || out < in) {
          throw EventLogException.of(
              EventLogException.Code.CONFIGURATION,
              String.format(
                  Locale.ROOT,
                  "partitions of output topic %s; expected at least the %d of events topic %s,"
                      + " but got %d",
                  outputTopic,
                  in,
                  eventsTopic,
                  out));
        }
        producer.initTransactions();
      } catch (ProducerFencedException e) {
        throw EventLogException.of(
            EventLogException.Code.FENCED, "transactional id " + transactionalId + " is taken", e);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw EventLogException.of(
            EventLogException.Code.TIMEOUT, "worker " + transactionalId + " could not start", e);
      } catch (KafkaException e) {
        throw EventLogException.of(
            EventLogException.Code.CONFIGURATION,
            "worker " + transactionalId + " could not start: " + e.getMessage(),
            e);
      }
      running = true;
      Thread t = new Thread(this::run, "souverix-kafka-worker-" + transactionalId);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  /**
   * Returns the partitions of the events topic this worker owns now.
   *
   * @return an unmodifiable sorted set of partition numbers
   * @since 0.1
   */
  public Set<Integer> assignment() {
    return assignment;
  }

  /**
   * Returns how many events this worker folded in committed transactions.
   *
   * @return the count since start
   * @since 0.1
   */
  public long applied() {
    return applied.get();
  }

  /**
   * Returns why the worker stopped, if it failed.
   *
   * @return the failure, empty while running or after a clean close
   * @since 0.1
   */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns whether the worker thread is folding.
   *
   * @return true between {@link #start()} and a failure or {@link #close()}
   * @since 0.1
   */
  public boolean isRunning() {
    Thread t = thread;
    return running && t != null && t.isAlive();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(eventsTopic), new Rebalance());
      while (running) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(pollTimeout);
        } catch (WakeupException e) {
          break;
        } catch (KafkaException e) {
          if (callbackFailure != null) {
            throw callbackFailure;
          }
          throw e;
        }
        if (!records.isEmpty()) {
          foldBatch(records);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (EventLogException | RuntimeException | Error e) {
      failure = e;
    } finally {
      running = false;
      closeClients();
      assignment = Set.of();
    }
  }

  private void foldBatch(ConsumerRecords<byte[], byte[]> records) throws EventLogException {
    Map<Integer, Map<String, S>> pending = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    int count = 0;
    producer.beginTransaction();
    try {
      for (TopicPartition tp : records.partitions()) {
        Map<String, S> shard = shards.get(tp.partition());
        if (shard == null) {
          throw new IllegalStateException("records of unassigned partition " + tp);
        }
        Map<String, S> overlay = new HashMap<>();
        long last = -1;
        for (ConsumerRecord<byte[], byte[]> rec : records.records(tp)) {
          S after = foldOne(shard, overlay, rec);
          ProducerRecord<byte[], byte[]> out =
              new ProducerRecord<>(outputTopic, tp.partition(), rec.key(), fold.encode(after));
          out.headers()
              .add(
                  Topics.SOURCE_OFFSET_HEADER,
                  Long.toString(rec.offset()).getBytes(StandardCharsets.UTF_8));
          producer.send(out);
          last = rec.offset();
          count++;
        }
        offsets.put(tp, new OffsetAndMetadata(last + 1));
        pending.put(tp.partition(), overlay);
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException
        | FencedInstanceIdException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      throw EventLogException.of(
          EventLogException.Code.FENCED,
          "worker " + transactionalId + " can no longer commit: " + e.getMessage(),
          e);
    } catch (EventLogException | IllegalArgumentException e) {
      producer.abortTransaction();
      throw e instanceof EventLogException
          ? (EventLogException) e
          : EventLogException.of(EventLogException.Code.INVALID_RECORD, e.getMessage(), e);
    } catch (KafkaException e) {
      // E.g. the group rebalanced while the batch was in flight: drop it and resume from the
      // committed offsets and output, which still agree.
      producer.abortTransaction();
      restore(
          new ArrayList<>(offsets.keySet().isEmpty() ? records.partitions() : offsets.keySet()));
      return;
    }
    for (Map.Entry<Integer, Map<String, S>> e : pending.entrySet()) {
      shards.get(e.getKey()).putAll(e.getValue());
    }
    applied.addAndGet(count);
  }

  private S foldOne(
      Map<String, S> shard, Map<String, S> overlay, ConsumerRecord<byte[], byte[]> rec)
      throws EventLogException {
    RecordedEvent event;
    try {
      event = KafkaEventLog.decode(rec);
    } catch (IllegalArgumentException e) {
      throw EventLogException.of(EventLogException.Code.INVALID_RECORD, e.getMessage(), e);
    }
    String key = KafkaEventLog.keyOf(event.streamId());
    S before = overlay.containsKey(key) ? overlay.get(key) : shard.get(key);
    S after = fold.apply(before, event);
    if (after == null) {
      throw EventLogException.of(
          EventLogException.Code.INVALID_RECORD,
          String.format(
              Locale.ROOT,
              "fold of event %s at %s-%d@%d; expected a state, but got null",
              event.eventId(),
              rec.topic(),
              rec.partition(),
              rec.offset()));
    }
    overlay.put(key, after);
    return after;
  }

  /** Rebuilds the shards of {@code parts} from the output topic and seeks to their offsets. */
  private void restore(Collection<TopicPartition> parts) throws EventLogException {
    if (parts.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new HashSet<>(parts), restoreTimeout);
    for (TopicPartition tp : parts) {
      OffsetAndMetadata c = committed.get(tp);
      long next = c == null ? 0 : c.offset();
      shards.put(tp.partition(), readShard(tp.partition(), next));
      if (c != null) {
        consumer.seek(tp, c);
      }
    }
  }

  private Map<String, S> readShard(int partition, long next) throws EventLogException {
    TopicPartition out = new TopicPartition(outputTopic, partition);
    restorer.assign(List.of(out));
    restorer.seekToBeginning(List.of(out));
    Map<String, S> shard = new HashMap<>();
    long folded = -1; // the highest events-topic offset folded into the output read so far
    long deadline = System.nanoTime() + restoreTimeout.toNanos();
    while (true) {
      long end = restorer.endOffsets(List.of(out), restoreTimeout).get(out);
      while (restorer.position(out, restoreTimeout) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : restorer.poll(pollTimeout)) {
          folded = Math.max(folded, sourceOffset(r));
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            shard.remove(key);
          } else {
            shard.put(key, fold.decode(r.value()));
          }
        }
      }
      if (folded + 1 == next) {
        return shard;
      }
      if (folded + 1 > next) {
        throw EventLogException.of(
            EventLogException.Code.RESTORE_FAILED,
            String.format(
                Locale.ROOT,
                "output %s; expected states folded up to events offset %d, but got up to %d:"
                    + " the output is ahead of the committed offsets",
                out,
                next - 1,
                folded));
      }
      if (!running || System.nanoTime() >= deadline) {
        throw EventLogException.of(
            EventLogException.Code.RESTORE_FAILED,
            String.format(
                Locale.ROOT,
                "output %s; expected states folded up to events offset %d within %s, but got up"
                    + " to %d",
                out,
                next - 1,
                restoreTimeout,
                folded));
      }
      // The last transaction's markers have not reached the output partition yet: wait for them.
      restorer.poll(pollTimeout);
    }
  }

  private static long sourceOffset(ConsumerRecord<byte[], byte[]> r) throws EventLogException {
    Header h = r.headers().lastHeader(Topics.SOURCE_OFFSET_HEADER);
    try {
      if (h != null && r.key() != null) {
        return Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw EventLogException.of(
        EventLogException.Code.RESTORE_FAILED,
        String.format(
            Locale.ROOT,
            "output record %s-%d@%d; expected a key and a %s header, but got none",
            r.topic(),
            r.partition(),
            r.offset(),
            Topics.SOURCE_OFFSET_HEADER));
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Called inside poll(): no transaction is open, every folded batch is committed.
      for (TopicPartition tp : partitions) {
        shards.remove(tp.partition());
      }
      publishAssignment();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      try {
        restore(partitions);
      } catch (EventLogException e) {
        callbackFailure = e;
        throw new KafkaException(e.getMessage(), e);
      }
      publishAssignment();
    }

    private void publishAssignment() {
      assignment = Collections.unmodifiableSortedSet(new TreeSet<>(shards.keySet()));
    }
  }

  private void closeClients() {
    try {
      consumer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      // closing: the group's session times out instead
    }
    restorer.close(Duration.ofSeconds(5));
    producer.close(Duration.ofSeconds(10));
  }

  /**
   * Stops folding: leaves the group (its partitions go to the other workers), closes the clients
   * and waits for the worker thread; idempotent. A batch in flight is committed or aborted first.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      t = thread;
    }
    if (t == null) {
      closeClients();
      return;
    }
    consumer.wakeup();
    try {
      t.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A builder of {@link KafkaProjectionWorker}; mutable and not thread-safe.
   *
   * @param <S> the fold's state
   */
  public static final class Builder<S> {
    private final String bootstrapServers;
    private final KeyedFold<S> fold;
    private String eventsTopic = KafkaEventLog.DEFAULT_TOPIC;
    private @Nullable String outputTopic;
    private @Nullable String groupId;
    private @Nullable String transactionalId;
    private int maxPollRecords = 500;
    private Duration pollTimeout = Duration.ofMillis(200);
    private Duration restoreTimeout = Duration.ofSeconds(60);
    private final Map<String, Object> consumerConfig = new HashMap<>();
    private final Map<String, Object> producerConfig = new HashMap<>();

    private Builder(String bootstrapServers, KeyedFold<S> fold) {
      this.bootstrapServers = bootstrapServers;
      this.fold = fold;
    }

    /**
     * Sets the events topic; defaults to {@value KafkaEventLog#DEFAULT_TOPIC}.
     *
     * @param topic the topic; not empty
     * @return this builder
     */
    public Builder<S> eventsTopic(String topic) {
      this.eventsTopic = Topics.check(topic, "eventsTopic");
      return this;
    }

    /**
     * Sets the output topic (required): compacted, with at least the events topic's partitions.
     *
     * @param topic the topic; not empty
     * @return this builder
     */
    public Builder<S> outputTopic(String topic) {
      this.outputTopic = Topics.check(topic, "outputTopic");
      return this;
    }

    /**
     * Sets the consumer group (required): the same for every worker of one projection.
     *
     * @param groupId the group id; not empty
     * @return this builder
     */
    public Builder<S> groupId(String groupId) {
      this.groupId = Topics.check(groupId, "groupId");
      return this;
    }

    /**
     * Sets the transactional id (required): unique per worker, and stable across its restarts so
     * that a restarted worker fences its previous incarnation.
     *
     * @param transactionalId the id; not empty
     * @return this builder
     */
    public Builder<S> transactionalId(String transactionalId) {
      this.transactionalId = Topics.check(transactionalId, "transactionalId");
      return this;
    }

    /**
     * Sets the most events one poll, and so one transaction, carries; defaults to 500.
     *
     * @param records at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder<S> maxPollRecords(int records) {
      if (records < 1) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "maxPollRecords; expected at least 1, but got %d", records));
      }
      this.maxPollRecords = records;
      return this;
    }

    /**
     * Sets how long one poll waits for events; defaults to 200 ms.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder<S> pollTimeout(Duration timeout) {
      this.pollTimeout = Topics.positive(timeout, "pollTimeout");
      return this;
    }

    /**
     * Sets how long rebuilding a shard from the output topic may take; defaults to 60 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder<S> restoreTimeout(Duration timeout) {
      this.restoreTimeout = Topics.positive(timeout, "restoreTimeout");
      return this;
    }

    /**
     * Sets a consumer property (security, session timeout, ...). Isolation level, auto commit,
     * group id and deserializers are fixed by the worker.
     *
     * @param key a Kafka consumer property; not null
     * @param value its value; not null
     * @return this builder
     */
    public Builder<S> consumerConfig(String key, Object value) {
      consumerConfig.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets a producer property (security, transaction timeout, ...). Transactional id, idempotence,
     * acks and serializers are fixed by the worker.
     *
     * @param key a Kafka producer property; not null
     * @param value its value; not null
     * @return this builder
     */
    public Builder<S> producerConfig(String key, Object value) {
      producerConfig.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the worker and its clients; {@link KafkaProjectionWorker#start()} starts it.
     *
     * @return the worker
     * @throws IllegalStateException if the output topic, group id or transactional id is not set
     */
    public KafkaProjectionWorker<S> build() {
      if (outputTopic == null || groupId == null || transactionalId == null) {
        throw new IllegalStateException("set outputTopic, groupId and transactionalId");
      }
      return new KafkaProjectionWorker<>(this);
    }
  }
}
