package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import io.souverix.tck.TckEnvironment;
import io.souverix.tck.TransportBackend;
import io.souverix.tck.TransportVerification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Transport kit against {@link KafkaTransport} on one real in-process KRaft broker for the
 * class. Each rule gets its own topic prefix (an empty backend); each connection is a new {@link
 * KafkaTransport} (new producer, admin client and consumers), so a reconnect is real. The kit runs
 * with {@code verifyOnSend(false)}: bad envelopes then reach the topics and the kit checks that
 * polls report them as rejections (the reader-side check, which is what protects against records
 * other producers wrote). Two more tests cover the default refusal at send and foreign records.
 */
class KafkaTransportConformanceTest extends TransportVerification {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start("transport");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys) {
    String prefix = "tck" + PREFIXES.incrementAndGet() + ".";
    return new TransportBackend() {
      @Override
      public Transport connect() {
        return transport(prefix, keys, false);
      }

      @Override
      public void close() {
        // Topics stay on the broker; the next rule uses another prefix.
      }
    };
  }

  private static KafkaTransport transport(
      String prefix, SenderKeyResolver keys, boolean verifyOnSend) {
    return KafkaTransport.builder(broker.bootstrap())
        .keys(keys)
        .topicPrefix(prefix)
        .partitions(3)
        .replicationFactor(1)
        .timeout(Duration.ofSeconds(15))
        .verifyOnSend(verifyOnSend)
        .build();
  }

  @Test
  void send_forgedEnvelopeWithDefaultSettings_isRefusedAndNeverStored() throws Exception {
    Signer node = signer();
    Signer intruder = signer();
    SenderKeyResolver keys = only("node-0001", node);
    try (KafkaTransport t = transport("extra1.", keys, true)) {
      TransportEnvelope forged =
          TransportEnvelope.sign(intruder, "desired-state", "node-0001", "node-0001", 1, utf8("x"));
      TransportException refused =
          catchThrowableOfType(TransportException.class, () -> t.send(forged));
      assertThat(refused.code()).isEqualTo(TransportException.Code.UNKNOWN_KEY);

      TransportEnvelope good =
          TransportEnvelope.sign(node, "desired-state", "node-0001", "node-0001", 2, utf8("ok"));
      t.send(good);
      TransportBatch b = t.poll("desired-state", TransportCursor.beginning(), 10, Duration.ZERO);
      assertThat(b.deliveries()).extracting(Delivery::envelope).containsExactly(good);
      assertThat(b.rejections()).isEmpty();
    }
  }

  @Test
  void poll_foreignRecordsOnTheChannelTopic_areSkippedOrRejectedButNeverDelivered()
      throws Exception {
    Signer node = signer();
    SenderKeyResolver keys = only("node-0001", node);
    String prefix = "extra2.";
    try (KafkaTransport t = transport(prefix, keys, true)) {
      TransportEnvelope first =
          TransportEnvelope.sign(node, "fleet:eu", "node-0001", "node-0001", 1, utf8("one"));
      t.send(first); // creates the topic souverix-style: extra2.fleet_3aeu
      // A foreign producer writes garbage and an envelope signed for another channel (a replay).
      TransportEnvelope replay =
          TransportEnvelope.sign(node, "fleet:us", "node-0001", "node-0001", 2, utf8("two"));
      String topic = KafkaTransport.topicOf(prefix, "fleet:eu");
      assertThat(topic).isEqualTo("extra2.fleet_3aeu");
      try (KafkaProducer<byte[], byte[]> raw =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                  ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                  ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
        byte[] key = utf8("node-0001");
        raw.send(new ProducerRecord<>(topic, key, utf8("not an envelope")))
            .get(30, TimeUnit.SECONDS);
        raw.send(new ProducerRecord<>(topic, key, replay.toJson())).get(30, TimeUnit.SECONDS);
      }
      TransportEnvelope last =
          TransportEnvelope.sign(node, "fleet:eu", "node-0001", "node-0001", 3, utf8("three"));
      t.send(last);

      List<Delivery> deliveries = new ArrayList<>();
      List<Rejection> rejections = new ArrayList<>();
      TransportCursor cursor = TransportCursor.beginning();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (deliveries.size() < 2 && System.nanoTime() < deadline) {
        TransportBatch b = t.poll("fleet:eu", cursor, 10, Duration.ofMillis(500));
        deliveries.addAll(b.deliveries());
        rejections.addAll(b.rejections());
        cursor = b.next();
      }
      assertThat(deliveries).extracting(Delivery::envelope).containsExactly(first, last);
      assertThat(rejections)
          .extracting(Rejection::envelope, Rejection::code)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(replay, TransportException.Code.MALFORMED));
      // The cursor after the last record: nothing more, and it is refused on another channel.
      assertThat(t.poll("fleet:eu", cursor, 10, Duration.ZERO).isEmpty()).isTrue();
      TransportCursor stored = cursor;
      TransportException wrongChannel =
          catchThrowableOfType(
              TransportException.class, () -> t.poll("fleet:us", stored, 10, Duration.ZERO));
      assertThat(wrongChannel.code()).isEqualTo(TransportException.Code.INVALID_CURSOR);
    }
  }

  private static Signer signer() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return Signer.inMemory(g.generateKeyPair(), SigningAlgorithm.ES256);
  }

  private static SenderKeyResolver only(String sender, Signer signer) {
    return (s, keyId) ->
        s.equals(sender) && keyId.equals(signer.keyId())
            ? Optional.of(signer.publicKey())
            : Optional.empty();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
