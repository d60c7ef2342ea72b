package io.souverix.lifecycle.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordedEventTest {
  private static final Instant OCCURRED = Instant.parse("2026-03-01T10:00:00.123456789Z");
  private static final Instant RECORDED = Instant.parse("2026-03-01T10:00:01Z");

  private final NewEvent proposal =
      NewEvent.builder(EventType.NODE_SERIAL_REGISTERED)
          .eventId(UUID.fromString("01900000-0000-7000-8000-000000000001"))
          .occurredAt(OCCURRED)
          .actor("provisioner")
          .region("eu-west")
          .causationId(UUID.fromString("01900000-0000-7000-8000-000000000002"))
          .correlationId(UUID.fromString("01900000-0000-7000-8000-000000000003"))
          .payload(
              Payload.of("serial", "SN-1", "model", "X9 \u20ac", "region", "eu", "cluster", "c1"))
          .build();

  private final RecordedEvent first = RecordedEvent.seal(proposal, "node-1", 1, null, RECORDED, 1);
  private final RecordedEvent second =
      RecordedEvent.seal(proposal, "node-1", 2, first.hash(), RECORDED, 2);

  @Test
  void seal_thenToJsonAndParse_roundTripsWithTheSameHash() {
    RecordedEvent parsed = RecordedEvent.parse(second.toJson());

    assertThat(parsed.toJson()).isEqualTo(second.toJson());
    assertThat(parsed.hash()).isEqualTo(second.hash()).hasSize(64);
    assertThat(parsed.hashMatches()).isTrue();
    assertThat(parsed.prevHash()).isEqualTo(first.hash());
    assertThat(parsed.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
    assertThat(parsed.position()).isZero();
    assertThat(parsed.toNewEvent().payload()).isEqualTo(proposal.payload());
  }

  @Test
  void canonicalJsonWithoutHash_isTheGenericRfc8785FormOfTheEnvelope() throws Exception {
    String own = second.canonicalJsonWithoutHash();

    assertThat(CanonicalJson.write(Json.MAPPER.readTree(own))).isEqualTo(own);
    assertThat(own).doesNotContain("\"hash\"").contains("\"prevHash\":\"" + first.hash() + "\"");
    assertThat(CanonicalJson.write(Json.MAPPER.readTree(second.toJson())))
        .isEqualTo(second.toJson());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "actor, someone",
    "region, us-east",
    "causationId, 01900000-0000-7000-8000-0000000000ff",
    "correlationId, 01900000-0000-7000-8000-0000000000ff",
    "eventId, 01900000-0000-7000-8000-0000000000ff",
    "occurredAt, 2026-03-01T10:00:00Z",
    "recordedAt, 2026-03-01T10:00:02Z",
    "prevHash, 0000000000000000000000000000000000000000000000000000000000000000",
    "streamId, node-2",
    "type, node.manufacturing_origin_recorded"
  })
  void hashMatches_anyTextFieldChanged_isFalse(String field, String value) throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(second.toJson());
    json.put(field, value);

    assertThat(RecordedEvent.parse(json.toString()).hashMatches()).isFalse();
  }

  @Test
  void hashMatches_numberOrPayloadChanged_isFalse() throws Exception {
    for (String field : new String[] {"sequence", "schemaVersion"}) {
      ObjectNode json = (ObjectNode) Json.MAPPER.readTree(second.toJson());
      json.put(field, 3);
      assertThat(RecordedEvent.parse(json.toString()).hashMatches()).as(field).isFalse();
    }
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(second.toJson());
    ((ObjectNode) json.get("payload")).put("serial", "SN-2");
    assertThat(RecordedEvent.parse(json.toString()).hashMatches()).isFalse();
  }

  @Test
  void seal_prevHashPresentExactlyAfterTheFirstEvent_isEnforced() {
    assertThatThrownBy(() -> RecordedEvent.seal(proposal, "node-1", 1, first.hash(), RECORDED, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordedEvent.seal(proposal, "node-1", 2, null, RECORDED, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordedEvent.seal(proposal, "bad id", 1, null, RECORDED, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_malformedEnvelope_isRejected() {
    assertThatThrownBy(() -> RecordedEvent.parse("[]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordedEvent.parse(second.toJson().replace("\"hash\"", "\"hush\"")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_withPosition_keepsPositionAndPayloadTextVerbatim() {
    String json = second.toJson();
    RecordedEvent parsed = RecordedEvent.parse(json, 42);
    assertThat(parsed.position()).isEqualTo(42);
    assertThat(parsed.payload().json()).isEqualTo(second.payload().json());

    // A payload edited only in formatting is kept as written, so the hash no longer matches.
    String reformatted = json.replace("{\"cluster\":\"c1\",", "{ \"cluster\" : \"c1\" ,");
    assertThat(reformatted).isNotEqualTo(json);
    RecordedEvent edited = RecordedEvent.parse(reformatted, 42);
    assertThat(edited.payload().isCanonical()).isFalse();
    assertThat(edited.hashMatches()).isFalse();
  }

  @Test
  void parse_unknownRepeatedOrMissingField_rejected() {
    String json = second.toJson();
    assertThatThrownBy(
            () -> RecordedEvent.parse(json.replace("{\"actor\"", "{\"extra\":1,\"actor\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'extra'");
    assertThatThrownBy(
            () ->
                RecordedEvent.parse(
                    json.replace(
                        "{\"actor\":\"provisioner\",", "{\"actor\":\"a\",\"actor\":\"b\",")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeats field 'actor'");
    assertThatThrownBy(() -> RecordedEvent.parse(json.replace("\"actor\":\"provisioner\",", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks field 'actor'");
    assertThatThrownBy(
            () -> RecordedEvent.parse(json.replace("\"sequence\":2", "\"sequence\":\"2\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sequence' must be an integer");
    assertThatThrownBy(() -> RecordedEvent.parse(json + " {}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordedEvent.parse("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordedEvent.parse("{\"actor\":"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
