package io.souverix.kafka;

import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import io.souverix.lifecycle.spi.TransportException.Code;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} over Apache Kafka: one topic per channel, the envelope's key as the record
 * key (so one key's envelopes share a partition and keep their order), an idempotent producer with
 * {@code acks=all}, and polls that {@code assign} the channel's partitions and {@code seek} to the
 * offsets the cursor carries: no consumer group, so a cursor alone determines where a poll reads,
 * on any connection, after any restart.
 *
 * <pre>{@code
 * try (KafkaTransport t = KafkaTransport.builder("kafka-1.eu:9092").keys(keys).build()) {
 *   t.send(TransportEnvelope.sign(signer, "desired-state", "node-0001", "master-eu", 7, json));
 *   TransportBatch b = t.poll("desired-state", cursor, 100, Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>Topic of a channel: the {@link Builder#topicPrefix prefix} (default {@value #DEFAULT_PREFIX})
 * followed by the channel name, with every character other than {@code A-Z a-z 0-9 -} written as
 * {@code _} and two lowercase hex digits ({@code desired-state} becomes {@code
 * souverix.transport.desired-state}, {@code fleet:eu} becomes {@code
 * souverix.transport.fleet_3aeu}); see {@link #topicOf}. A send creates a missing topic with {@link
 * Builder#partitions} partitions (default {@value #DEFAULT_PARTITIONS}).
 *
 * <p>Record: key = the envelope's key in UTF-8, value = {@link TransportEnvelope#toJson()}. A poll
 * verifies every record with the {@link SenderKeyResolver}: an envelope that fails becomes a {@link
 * Rejection} (never a {@link Delivery}); one signed for another channel is a rejection with {@code
 * MALFORMED}; a record that is not an envelope at all (written by a foreign producer) is skipped
 * and logged. By default {@link #send} verifies too and refuses bad envelopes.
 *
 * <p>Cursor: {@code kt1.<channel tag>.<offset of partition 0>.<offset of partition 1>...}, base 36,
 * the offsets after the last record returned; hence at most {@value #MAX_PARTITIONS} partitions per
 * channel topic. Order: per partition (so per key); a batch interleaves partitions.
 *
 * <p>Thread-safe: sends share one producer; each concurrent poll uses a consumer of its own.
 *
 * @since 0.1
 */
public final class KafkaTransport implements Transport {
  /** The default topic prefix. */
  public static final String DEFAULT_PREFIX = "souverix.transport.";

  /** The default number of partitions of a topic this transport creates. */
  public static final int DEFAULT_PARTITIONS = 6;

  /** The most partitions a channel topic may have: the cursor holds one offset per partition. */
  public static final int MAX_PARTITIONS = 24;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTransport.class);
  private static final String CURSOR_PREFIX = "kt1.";
  private static final int MAX_TOPIC_LENGTH = 249;
  private static final int MAX_IDLE_CONSUMERS = 4;
  private static final Duration TOPIC_RECHECK = Duration.ofMillis(200);

  private final SenderKeyResolver keys;
  private final String prefix;
  private final int partitions;
  private final Optional<Short> replicationFactor;
  private final Duration timeout;
  private final boolean verifyOnSend;
  private final Map<String, Object> consumerConfig;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;
  private final Set<String> knownTopics = ConcurrentHashMap.newKeySet();

  private final Object lock = new Object();
  private final ArrayDeque<KafkaConsumer<byte[], byte[]>> idle = new ArrayDeque<>();
  private final Set<KafkaConsumer<byte[], byte[]>> busy = new HashSet<>();
  private boolean closed;

  private KafkaTransport(Builder b) {
    this.keys = Objects.requireNonNull(b.keys, "keys");
    this.prefix = b.prefix;
    this.partitions = b.partitions;
    this.replicationFactor = b.replicationFactor;
    this.timeout = b.timeout;
    this.verifyOnSend = b.verifyOnSend;

    Map<String, Object> common = new HashMap<>(b.config);
    common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);

    Map<String, Object> p = new HashMap<>(common);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        String.valueOf(Math.max(1_000, timeout.toMillis() / 2)));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    // One envelope of the largest payload is about 350 KB of JSON.
    p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);

    Map<String, Object> c = new HashMap<>(common);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Transport.MAX_POLL);
    this.consumerConfig = Map.copyOf(c);

    this.admin = Admin.create(common);
    try {
      this.producer = new KafkaProducer<>(p);
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  /**
   * Starts a builder of a transport on a cluster. {@link Builder#keys} is required.
   *
   * @param bootstrapServers the Kafka bootstrap servers, e.g. {@code "127.0.0.1:9092"}; not empty
   * @return a new builder
   * @throws IllegalArgumentException if {@code bootstrapServers} is empty
   * @since 0.1
   */
  public static Builder builder(String bootstrapServers) {
    return new Builder(Topics.check(bootstrapServers, "bootstrapServers"));
  }

  /**
   * Returns the topic that carries a channel: {@code prefix} followed by the channel name with
   * every character other than {@code A-Z a-z 0-9 -} escaped as {@code _} and two lowercase hex
   * digits (so distinct channels never share a topic, and no channel topic contains a {@code .}
   * after the prefix). A name longer than Kafka's 249 characters becomes {@code prefix + "_h" +}
   * the SHA-256 hex of the channel name.
   *
   * @param prefix the topic prefix; not null
   * @param channel the channel name; not null
   * @return the topic name
   */
  public static String topicOf(String prefix, String channel) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(channel, "channel");
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < channel.length(); i++) {
      char ch = channel.charAt(i);
      if ((ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || ch == '-') {
        sb.append(ch);
      } else {
        sb.append('_').append(String.format(Locale.ROOT, "%02x", (int) ch & 0xff));
      }
    }
    if (sb.length() > MAX_TOPIC_LENGTH) {
      return prefix + "_h" + io.souverix.lifecycle.internal.Sha256.hex(channel);
    }
    return sb.toString();
  }

  @Override
  public void send(TransportEnvelope envelope) throws TransportException, InterruptedException {
    Objects.requireNonNull(envelope, "envelope");
    checkOpen();
    if (verifyOnSend) {
      Delivery.check(envelope, keys);
    }
    String topic = topicOf(prefix, envelope.channel());
    ensureTopic(topic);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, envelope.key().getBytes(StandardCharsets.UTF_8), envelope.toJson());
    try {
      producer.send(record).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw sendFailure(envelope, topic, e.getCause());
    } catch (TimeoutException e) {
      throw TransportException.of(
          Code.UNAVAILABLE,
          String.format(
              Locale.ROOT,
              "send of %s to %s; expected an acknowledgement within %s, but got none",
              envelope,
              topic,
              timeout),
          e);
    } catch (KafkaException | IllegalStateException e) {
      throw sendFailure(envelope, topic, e);
    }
  }

  private TransportException sendFailure(
      TransportEnvelope envelope, String topic, @Nullable Throwable cause) {
    if (isClosed()) {
      return closedException();
    }
    Code code;
    if (cause instanceof RecordTooLargeException) {
      code = Code.TOO_LARGE;
    } else if (cause instanceof AuthorizationException
        || cause instanceof AuthenticationException) {
      code = Code.REFUSED;
    } else {
      code = Code.UNAVAILABLE;
    }
    return TransportException.of(
        code,
        String.format(
            Locale.ROOT,
            "send of %s to %s; expected an acknowledgement, but got %s",
            envelope,
            topic,
            cause),
        cause);
  }

  private void ensureTopic(String topic) throws TransportException, InterruptedException {
    if (knownTopics.contains(topic)) {
      return;
    }
    NewTopic t = new NewTopic(topic, Optional.of(partitions), replicationFactor);
    try {
      admin.createTopics(List.of(t)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw TransportException.of(
            e.getCause() instanceof AuthorizationException ? Code.REFUSED : Code.UNAVAILABLE,
            String.format(
                Locale.ROOT, "topic %s; expected it created, but got %s", topic, e.getCause()),
            e.getCause());
      }
    } catch (TimeoutException e) {
      throw TransportException.of(
          Code.UNAVAILABLE,
          String.format(
              Locale.ROOT, "topic %s; expected it created within %s, but got none", topic, timeout),
          e);
    }
    knownTopics.add(topic);
  }

  @Override
  public TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
      throws TransportException, InterruptedException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxCount < 1 || maxCount > MAX_POLL) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "maxCount; expected 1 to %d, but got %d", MAX_POLL, maxCount));
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait; expected zero or more, but got " + maxWait);
    }
    checkOpen();
    long @Nullable [] start = decode(channel, from);
    String topic = topicOf(prefix, channel);
    long deadline = System.nanoTime() + maxWait.toNanos();
    int count = partitionsOf(topic, deadline);
    if (count == 0) {
      if (start != null) {
        throw invalidCursor(from, "a cursor of an existing channel topic (" + topic + ")");
      }
      return new TransportBatch(List.of(), List.of(), from);
    }
    if (count > MAX_PARTITIONS) {
      throw TransportException.of(
          Code.UNAVAILABLE,
          String.format(
              Locale.ROOT,
              "topic %s; expected at most %d partitions, but got %d",
              topic,
              MAX_PARTITIONS,
              count));
    }
    if (start != null && start.length > count) {
      throw invalidCursor(from, "at most " + count + " partition offsets");
    }
    KafkaConsumer<byte[], byte[]> consumer = acquire();
    try {
      return read(consumer, channel, topic, count, start, from, maxCount, deadline);
    } catch (WakeupException e) {
      throw closedException();
    } catch (InterruptException e) {
      throw new InterruptedException("interrupted while polling " + topic);
    } catch (OffsetOutOfRangeException e) {
      throw invalidCursor(from, "offsets within the retained log of " + topic);
    } catch (KafkaException e) {
      if (isClosed()) {
        throw closedException();
      }
      throw TransportException.of(
          e instanceof AuthorizationException || e instanceof AuthenticationException
              ? Code.REFUSED
              : Code.UNAVAILABLE,
          String.format(Locale.ROOT, "poll of %s; expected records, but got %s", topic, e),
          e);
    } finally {
      release(consumer);
    }
  }

  private TransportBatch read(
      KafkaConsumer<byte[], byte[]> consumer,
      String channel,
      String topic,
      int count,
      long @Nullable [] start,
      TransportCursor from,
      int maxCount,
      long deadline)
      throws TransportException {
    List<TopicPartition> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      parts.add(new TopicPartition(topic, i));
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
    long[] pos = new long[count];
    List<TopicPartition> fromBeginning = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (start != null && i < start.length) {
        pos[i] = start[i];
        if (pos[i] > end.get(parts.get(i))) {
          throw invalidCursor(
              from,
              String.format(
                  Locale.ROOT, "offset of partition %d at most %d", i, end.get(parts.get(i))));
        }
      } else {
        fromBeginning.add(parts.get(i));
      }
    }
    if (!fromBeginning.isEmpty()) {
      Map<TopicPartition, Long> first = consumer.beginningOffsets(fromBeginning, timeout);
      for (TopicPartition tp : fromBeginning) {
        pos[tp.partition()] = first.get(tp);
      }
    }
    boolean available = false;
    consumer.assign(parts);
    for (int i = 0; i < count; i++) {
      consumer.seek(parts.get(i), pos[i]);
      available |= end.get(parts.get(i)) > pos[i];
    }
    // Records that are there already are fetched even with a zero wait (bounded by the timeout).
    long until = available ? Math.max(deadline, System.nanoTime() + timeout.toNanos()) : deadline;
    ConsumerRecords<byte[], byte[]> records = ConsumerRecords.empty();
    do {
      long left = Math.max(0, until - System.nanoTime());
      records = consumer.poll(Duration.ofNanos(left));
    } while (records.isEmpty() && System.nanoTime() < until && !isClosed());
    consumer.unsubscribe();

    List<Delivery> deliveries = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    TransportCursor next = from;
    int taken = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (taken == maxCount) {
        break;
      }
      pos[r.partition()] = r.offset() + 1;
      next = encode(channel, pos);
      TransportEnvelope e;
      try {
        e = TransportEnvelope.parse(r.value() == null ? new byte[0] : r.value());
      } catch (TransportException x) {
        LOG.warn(
            "skipping record {}-{}@{}: not a transport envelope: {}",
            topic,
            r.partition(),
            r.offset(),
            x.getMessage());
        continue;
      }
      taken++;
      if (!e.channel().equals(channel)) {
        rejections.add(
            new Rejection(
                e,
                next,
                Code.MALFORMED,
                String.format(
                    Locale.ROOT,
                    "envelope on the topic of channel %s; expected channel %s, but got %s",
                    channel,
                    channel,
                    e.channel())));
        continue;
      }
      try {
        deliveries.add(Delivery.verify(e, next, keys));
      } catch (TransportException x) {
        rejections.add(Rejection.of(e, next, x));
      }
    }
    return new TransportBatch(deliveries, rejections, next);
  }

  /**
   * The partition count of a topic, waiting until the deadline for it to exist; 0 if it does not.
   */
  private int partitionsOf(String topic, long deadline)
      throws TransportException, InterruptedException {
    while (true) {
      try {
        TopicDescription d =
            admin
                .describeTopics(List.of(topic))
                .topicNameValues()
                .get(topic)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return d.partitions().size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          if (isClosed()) {
            throw closedException();
          }
          throw TransportException.of(
              e.getCause() instanceof AuthorizationException ? Code.REFUSED : Code.UNAVAILABLE,
              String.format(
                  Locale.ROOT, "topic %s; expected its metadata, but got %s", topic, e.getCause()),
              e.getCause());
        }
      } catch (TimeoutException e) {
        throw TransportException.of(
            Code.UNAVAILABLE,
            String.format(
                Locale.ROOT,
                "topic %s; expected its metadata within %s, but got none",
                topic,
                timeout),
            e);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return 0;
      }
      synchronized (lock) {
        if (closed) {
          throw closedException();
        }
        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TOPIC_RECHECK.toNanos()));
        if (closed) {
          throw closedException();
        }
      }
    }
  }

  static TransportCursor encode(String channel, long[] offsets) {
    StringBuilder sb = new StringBuilder(CURSOR_PREFIX).append(tag(channel));
    for (long o : offsets) {
      sb.append('.').append(Long.toString(o, 36));
    }
    return TransportCursor.of(sb.toString());
  }

  /** The offsets of a cursor of this channel; null for the beginning. */
  static long @Nullable [] decode(String channel, TransportCursor cursor)
      throws TransportException {
    if (cursor.isBeginning()) {
      return null;
    }
    String v = cursor.value();
    String head = CURSOR_PREFIX + tag(channel) + ".";
    if (!v.startsWith(head)) {
      throw invalidCursor(cursor, "a cursor this transport issued for channel " + channel);
    }
    String[] parts = v.substring(head.length()).split("\\.", -1);
    if (parts.length > MAX_PARTITIONS) {
      throw invalidCursor(cursor, "at most " + MAX_PARTITIONS + " partition offsets");
    }
    long[] offsets = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        if (parts[i].isEmpty() || parts[i].length() > 12 || parts[i].startsWith("-")) {
          throw new NumberFormatException(parts[i]);
        }
        offsets[i] = Long.parseLong(parts[i], 36);
      } catch (NumberFormatException e) {
        throw invalidCursor(cursor, "base-36 partition offsets");
      }
    }
    return offsets;
  }

  /** A short tag of the channel name, so a cursor of one channel is refused on another. */
  private static String tag(String channel) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(channel.getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue(), 36);
  }

  private static TransportException invalidCursor(TransportCursor cursor, String expected) {
    return TransportException.of(
        Code.INVALID_CURSOR,
        String.format(Locale.ROOT, "cursor; expected %s, but got '%s'", expected, cursor.value()));
  }

  private KafkaConsumer<byte[], byte[]> acquire() throws TransportException {
    synchronized (lock) {
      if (closed) {
        throw closedException();
      }
      KafkaConsumer<byte[], byte[]> c = idle.poll();
      if (c == null) {
        c = new KafkaConsumer<>(consumerConfig);
      }
      busy.add(c);
      return c;
    }
  }

  private void release(KafkaConsumer<byte[], byte[]> c) {
    boolean keep;
    synchronized (lock) {
      busy.remove(c);
      keep = !closed && idle.size() < MAX_IDLE_CONSUMERS;
      if (keep) {
        idle.push(c);
      }
    }
    if (!keep) {
      c.close(Duration.ZERO);
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void checkOpen() throws TransportException {
    if (isClosed()) {
      throw closedException();
    }
  }

  private static TransportException closedException() {
    return TransportException.of(Code.CLOSED, "kafka transport; expected open, but got closed");
  }

  /**
   * Closes the producer (waiting for records in flight, up to the builder's timeout), the admin
   * client and idle consumers, and wakes polls that are waiting (they fail with {@code CLOSED}).
   * Idempotent.
   */
  @Override
  public void close() {
    List<KafkaConsumer<byte[], byte[]>> toClose;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (KafkaConsumer<byte[], byte[]> c : busy) {
        c.wakeup();
      }
      toClose = new ArrayList<>(idle);
      idle.clear();
      lock.notifyAll();
    }
    for (KafkaConsumer<byte[], byte[]> c : toClose) {
      c.close(Duration.ZERO);
    }
    producer.close(timeout);
    admin.close(Duration.ofSeconds(1));
  }

  @Override
  public String toString() {
    return "KafkaTransport[" + prefix + "*]";
  }

  /** A builder of {@link KafkaTransport}; mutable and not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private final Map<String, Object> config = new HashMap<>();
    private @Nullable SenderKeyResolver keys;
    private String prefix = DEFAULT_PREFIX;
    private int partitions = DEFAULT_PARTITIONS;
    private Optional<Short> replicationFactor = Optional.empty();
    private Duration timeout = Duration.ofSeconds(30);
    private boolean verifyOnSend = true;

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    /**
     * Sets the host's key resolver, which verifies every envelope polled (and sent, see {@link
     * #verifyOnSend}). Required.
     *
     * @param keys the resolver; not null
     * @return this builder
     */
    public Builder keys(SenderKeyResolver keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Sets the prefix of channel topics; defaults to {@value KafkaTransport#DEFAULT_PREFIX}.
     *
     * @param prefix 1 to 100 of {@code A-Z a-z 0-9 . _ -}
     * @return this builder
     * @throws IllegalArgumentException if the prefix is empty, too long or has other characters
     */
    public Builder topicPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.isEmpty() || prefix.length() > 100 || !prefix.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "topic prefix; expected 1 to 100 of A-Z a-z 0-9 . _ -, but got '%s'",
                prefix));
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets how many partitions a topic this transport creates gets; defaults to {@value
     * KafkaTransport#DEFAULT_PARTITIONS}. Existing topics are used as they are.
     *
     * @param count 1 to {@value KafkaTransport#MAX_PARTITIONS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder partitions(int count) {
      if (count < 1 || count > MAX_PARTITIONS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "partitions; expected 1 to %d, but got %d", MAX_PARTITIONS, count));
      }
      this.partitions = count;
      return this;
    }

    /**
     * Sets the replication factor of topics this transport creates; defaults to the broker's {@code
     * default.replication.factor}. With {@code acks=all}, durability also depends on the topic's
     * {@code min.insync.replicas}, which the operator sets.
     *
     * @param factor at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder replicationFactor(int factor) {
      if (factor < 1 || factor > Short.MAX_VALUE) {
        throw new IllegalArgumentException(
            "replication factor; expected at least 1, but got " + factor);
      }
      this.replicationFactor = Optional.of((short) factor);
      return this;
    }

    /**
     * Sets how long a send waits for its acknowledgement and a client call for the broker; defaults
     * to 30 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Topics.positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets whether {@link KafkaTransport#send} verifies envelopes and refuses bad ones (default
     * true). Polls verify in every case; turning this off only moves the refusal to the reader, as
     * a {@link Rejection}.
     *
     * @param verify whether to verify at send
     * @return this builder
     */
    public Builder verifyOnSend(boolean verify) {
      this.verifyOnSend = verify;
      return this;
    }

    /**
     * Sets a Kafka client property for the producer, the consumers and the admin client (security,
     * compression, ...). Idempotence, acks, serializers, offsets reset and auto commit are fixed by
     * the transport.
     *
     * @param key a Kafka client property; not null
     * @param value its value; not null
     * @return this builder
     */
    public Builder config(String key, Object value) {
      config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Creates the transport (its clients connect lazily).
     *
     * @return the transport
     * @throws NullPointerException if {@link #keys} was not set
     * @throws org.apache.kafka.common.KafkaException if a client cannot be configured
     */
    public KafkaTransport build() {
      Objects.requireNonNull(keys, "keys");
      return new KafkaTransport(this);
    }
  }
}
