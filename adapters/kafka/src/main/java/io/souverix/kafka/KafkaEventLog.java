package io.souverix.kafka;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes recorded events to a Kafka events topic: one record per event, keyed by the node id of
 * its stream, so every event of a node (its hardware stream and its software components' streams)
 * lands in one partition, in the order published.
 *
 * <p>Record layout: key is the UTF-8 node id ({@link #keyOf(String)}); value is the UTF-8 envelope
 * JSON of {@link RecordedEvent#toJson()} (hash included, so consumers can check it); header {@value
 * #POSITION_HEADER} carries the source store's global position in decimal, when the event has one.
 *
 * <p>The producer is idempotent ({@code enable.idempotence=true}, {@code acks=all}): a retried send
 * is written once and per-partition order is kept. These two settings and the serializers cannot be
 * overridden through {@link Builder#config}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class KafkaEventLog implements AutoCloseable {
  /** The default events topic. */
  public static final String DEFAULT_TOPIC = "souverix.events";

  /** The header that carries the source store's global position of an event, in decimal. */
  public static final String POSITION_HEADER = "souverix-position";

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Duration timeout;

  private KafkaEventLog(Builder b) {
    Map<String, Object> config = new HashMap<>(b.config);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(config);
    this.topic = b.topic;
    this.timeout = b.timeout;
  }

  /**
   * Starts a builder of an event log on a cluster.
   *
   * @param bootstrapServers the Kafka bootstrap servers, e.g. {@code "127.0.0.1:9092"}; not empty
   * @return a new builder
   * @throws IllegalArgumentException if {@code bootstrapServers} is empty
   * @since 0.1
   */
  public static Builder builder(String bootstrapServers) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be empty");
    }
    return new Builder(bootstrapServers);
  }

  /**
   * Returns the record key of a stream: its node id, the part of the stream id before the first
   * {@code '/'} (a software component {@code "<nodeId>/<name>"} belongs to its node), or the whole
   * stream id.
   *
   * @param streamId the stream id; not null
   * @return the node id
   * @since 0.1
   */
  public static String keyOf(String streamId) {
    int slash = Objects.requireNonNull(streamId, "streamId").indexOf('/');
    return slash < 0 ? streamId : streamId.substring(0, slash);
  }

  /**
   * Returns the topic this log publishes to.
   *
   * @return the events topic
   * @since 0.1
   */
  public String topic() {
    return topic;
  }

  /**
   * Publishes events in the given order and waits until the broker acknowledged every one.
   *
   * @param events the events; not null; order is kept per node
   * @throws EventLogException {@code PUBLISH_FAILED} if a record was not acknowledged, {@code
   *     TIMEOUT} if acknowledgements did not come in time, {@code INTERRUPTED} if interrupted
   * @since 0.1
   */
  public void publish(List<RecordedEvent> events) throws EventLogException {
    Objects.requireNonNull(events, "events");
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    for (RecordedEvent e : events) {
      sent.add(producer.send(toRecord(topic, e)));
    }
    producer.flush();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < sent.size(); i++) {
      try {
        sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw EventLogException.of(
            EventLogException.Code.PUBLISH_FAILED,
            String.format(
                Locale.ROOT,
                "publish of event %s to %s; expected an acknowledgement, but got %s",
                events.get(i).eventId(),
                topic,
                e.getCause()),
            e.getCause());
      } catch (TimeoutException e) {
        throw EventLogException.of(
            EventLogException.Code.TIMEOUT,
            String.format(
                Locale.ROOT,
                "publish to %s; expected acknowledgements within %s, but %d of %d are missing",
                topic,
                timeout,
                sent.size() - i,
                sent.size()),
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw EventLogException.of(
            EventLogException.Code.INTERRUPTED, "interrupted while publishing to " + topic, e);
      }
    }
  }

  /**
   * Publishes the events of a store's global order after a position, one page: the relay from an
   * event store (the source of truth) to the log. Call it again with the returned position to go
   * on; keep that position durable to resume after a restart (a replayed page is published again:
   * consumers recognise it by the events' stream sequence, see {@link NodeActivity}).
   *
   * @param store the event store; not null
   * @param afterPosition the last position already published, 0 for none
   * @param maxEvents how many events to publish at most, 1 to {@link EventStore#MAX_BATCH}
   * @return the position of the last event published, or {@code afterPosition} if none
   * @throws EventStoreException if reading the store fails
   * @throws EventLogException if publishing fails; see {@link #publish(List)}
   * @since 0.1
   */
  public long relay(EventStore store, long afterPosition, int maxEvents)
      throws EventStoreException, EventLogException {
    Objects.requireNonNull(store, "store");
    if (maxEvents < 1 || maxEvents > EventStore.MAX_BATCH) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "maxEvents; expected 1 to %d, but got %d",
              EventStore.MAX_BATCH,
              maxEvents));
    }
    List<RecordedEvent> page = store.readAll(afterPosition + 1, maxEvents);
    if (page.isEmpty()) {
      return afterPosition;
    }
    publish(page);
    return page.get(page.size() - 1).position();
  }

  /**
   * Reads an event back from a record of an events topic.
   *
   * @param record a record written by {@link #publish}; not null
   * @return the event, at the position of its {@value #POSITION_HEADER} header (0 without one),
   *     with its hash as published (check it with {@link RecordedEvent#hashMatches()})
   * @throws IllegalArgumentException if the value is not an event envelope, or the key is not the
   *     event's node id
   * @since 0.1
   */
  public static RecordedEvent decode(ConsumerRecord<byte[], byte[]> record) {
    Objects.requireNonNull(record, "record");
    if (record.value() == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "record %s-%d@%d; expected an event envelope, but got no value",
              record.topic(),
              record.partition(),
              record.offset()));
    }
    long position = 0;
    Header h = record.headers().lastHeader(POSITION_HEADER);
    if (h != null) {
      try {
        position = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "header %s of record %s-%d@%d; expected a decimal position, but got %s",
                POSITION_HEADER,
                record.topic(),
                record.partition(),
                record.offset(),
                e.getMessage()),
            e);
      }
    }
    RecordedEvent event =
        RecordedEvent.parse(new String(record.value(), StandardCharsets.UTF_8), position);
    @Nullable String key =
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    String expected = keyOf(event.streamId());
    if (!expected.equals(key)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "key of record %s-%d@%d; expected node id '%s', but got '%s'",
              record.topic(),
              record.partition(),
              record.offset(),
              expected,
              key));
    }
    return event;
  }

  static ProducerRecord<byte[], byte[]> toRecord(String topic, RecordedEvent e) {
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(
            topic,
            keyOf(e.streamId()).getBytes(StandardCharsets.UTF_8),
            e.toJson().getBytes(StandardCharsets.UTF_8));
    if (e.position() > 0) {
      r.headers()
          .add(POSITION_HEADER, Long.toString(e.position()).getBytes(StandardCharsets.UTF_8));
    }
    return r;
  }

  /** Flushes and closes the producer, waiting up to the builder's timeout. */
  @Override
  public void close() {
    producer.close(timeout);
  }

  /** A builder of {@link KafkaEventLog}; mutable and not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private final Map<String, Object> config = new HashMap<>();
    private String topic = DEFAULT_TOPIC;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    /**
     * Sets the events topic; defaults to {@value KafkaEventLog#DEFAULT_TOPIC}.
     *
     * @param topic the topic name; not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder topic(String topic) {
      this.topic = Topics.check(topic, "topic");
      return this;
    }

    /**
     * Sets a producer property (security, compression, linger, ...). Idempotence, acks and the
     * serializers are fixed by the event log and override what is set here.
     *
     * @param key a Kafka producer property; not null
     * @param value its value; not null
     * @return this builder
     */
    public Builder config(String key, Object value) {
      config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets how long {@link #publish} waits for acknowledgements and {@link #close()} for the flush;
     * defaults to 30 seconds.
     *
     * @param timeout a positive duration; not null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Topics.positive(timeout, "timeout");
      return this;
    }

    /**
     * Builds the event log and its producer (which connects lazily).
     *
     * @return the event log
     */
    public KafkaEventLog build() {
      return new KafkaEventLog(this);
    }
  }
}
