package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Topic names and cursor texts of {@link KafkaTransport}, without a broker. */
class KafkaTransportCursorTest {
  @Test
  void topicOf_channelsWithEscapedCharacters_areDistinctValidTopicNames() {
    List<String> channels =
        List.of("desired-state", "fleet:eu", "fleet_3aeu", "a.b", "a_b", "a@b", "a_2eb", "A");
    Set<String> topics = new HashSet<>();
    for (String c : channels) {
      String t = KafkaTransport.topicOf("souverix.transport.", c);
      assertThat(t).matches("[A-Za-z0-9._-]{1,249}");
      assertThat(t.substring("souverix.transport.".length())).doesNotContain(".");
      topics.add(t);
    }
    assertThat(topics).hasSameSizeAs(channels);
    assertThat(KafkaTransport.topicOf("p.", "fleet:eu")).isEqualTo("p.fleet_3aeu");
    assertThat(KafkaTransport.topicOf("p.", "desired-state")).isEqualTo("p.desired-state");
  }

  @Test
  void topicOf_longChannel_isHashedWithinKafkaLimit() {
    String longName = ":".repeat(128);
    String t = KafkaTransport.topicOf("souverix.transport.", longName);
    assertThat(t).hasSizeLessThanOrEqualTo(249).startsWith("souverix.transport._h");
  }

  @Test
  void cursor_encodedOffsets_decodeToTheSameOffsetsForTheSameChannelOnly() throws Exception {
    long[] offsets = new long[KafkaTransport.MAX_PARTITIONS];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = 1_000_000_000_000L + i; // large offsets still fit 256 characters
    }
    TransportCursor c = KafkaTransport.encode("desired-state", offsets);
    assertThat(c.value()).startsWith("kt1.");
    assertThat(KafkaTransport.decode("desired-state", c)).containsExactly(offsets);
    assertThat(KafkaTransport.decode("desired-state", TransportCursor.beginning())).isNull();
    TransportException other =
        catchThrowableOfType(
            TransportException.class, () -> KafkaTransport.decode("actual-state", c));
    assertThat(other.code()).isEqualTo(TransportException.Code.INVALID_CURSOR);
  }

  @Test
  void cursor_forgedTexts_areInvalidCursor() {
    String tagged = KafkaTransport.encode("ch", new long[] {1}).value();
    String head = tagged.substring(0, tagged.lastIndexOf('.') + 1);
    for (String forged :
        List.of(
            "tck-forged-cursor",
            "zz.99999999999999999999",
            "-1",
            head + "-1",
            head,
            head + "zzzzzzzzzzzzz",
            head + "1..2")) {
      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () -> KafkaTransport.decode("ch", TransportCursor.of(forged)));
      assertThat(e).as(forged).isNotNull();
      assertThat(e.code()).isEqualTo(TransportException.Code.INVALID_CURSOR);
    }
  }
}
