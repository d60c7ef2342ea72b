package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaEventLogRecordTest {
  private static ConsumerRecord<byte[], byte[]> received(ProducerRecord<byte[], byte[]> sent) {
    return new ConsumerRecord<>(
        sent.topic(),
        0,
        42L,
        0L,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        sent.key(),
        sent.value(),
        sent.headers(),
        Optional.empty());
  }

  @Test
  void keyOf_softwareStream_isItsNode() {
    assertThat(KafkaEventLog.keyOf("node-07/agent")).isEqualTo("node-07");
    assertThat(KafkaEventLog.keyOf("node-07")).isEqualTo("node-07");
  }

  @Test
  void decode_ofPublishedRecord_givesSameEventAtItsPosition() throws Exception {
    List<RecordedEvent> events = Fleet.events(Fleet.store(2, 2));
    RecordedEvent e = events.get(3);

    ProducerRecord<byte[], byte[]> sent = KafkaEventLog.toRecord("t", e);
    RecordedEvent back = KafkaEventLog.decode(received(sent));

    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("node-01");
    assertThat(back.toJson()).isEqualTo(e.toJson());
    assertThat(back.position()).isEqualTo(e.position()).isEqualTo(4);
    assertThat(back.hashMatches()).isTrue();
  }

  @Test
  void decode_keyOfAnotherNode_throwsIllegalArgument() throws Exception {
    RecordedEvent e = Fleet.events(Fleet.store(1, 1)).get(0);
    ProducerRecord<byte[], byte[]> sent = KafkaEventLog.toRecord("t", e);
    ProducerRecord<byte[], byte[]> forged =
        new ProducerRecord<>(
            "t", null, "node-99".getBytes(StandardCharsets.UTF_8), sent.value(), sent.headers());

    assertThatThrownBy(() -> KafkaEventLog.decode(received(forged)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected node id 'node-00', but got 'node-99'");
  }
}
