package io.souverix.lifecycle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UpcastPropertyTest {
  private static final Instant T = Instant.parse("2024-07-15T08:00:00Z");

  /** Any text of 1..max characters, including non-ASCII letters and inner spaces. */
  private static Arbitrary<String> text(int max) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u024f')
        .withChars('\u4e2d', '\u6587')
        .ofMinLength(1)
        .ofMaxLength(max);
  }

  /** 1..max characters without whitespace, as identifiers are. */
  private static Arbitrary<String> ident(int max) {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .withCharRange('\u00c0', '\u00ff')
        .ofMinLength(1)
        .ofMaxLength(max);
  }

  @Provide
  Arbitrary<Payload> serialRegisteredV1() {
    return Combinators.combine(
            text(128), text(128), ident(200), ident(200), ident(200).injectNull(0.3))
        .as(
            (serial, model, region, cluster, batch) -> {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("serial", serial);
              fields.put("model", model);
              fields.put("region", region);
              fields.put("cluster", cluster);
              if (batch != null) {
                fields.put("batch_id", batch);
              }
              return Payload.of(fields);
            });
  }

  @Property(tries = 300)
  void upcast_anyValidV1SerialRegistered_givesValidV2KeepingEveryField(
      @ForAll("serialRegisteredV1") Payload v1) throws Exception {
    EventSchemas schemas = EventSchemas.builtIn();
    assertThat(schemas.validate("node.serial_registered", 1, v1).schemaChecked()).isTrue();
    NewEvent e =
        NewEvent.builder("node.serial_registered", 1)
            .eventId(
                UUID.nameUUIDFromBytes(v1.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .occurredAt(T)
            .actor("property")
            .payload(v1)
            .build();
    RecordedEvent stored = RecordedEvent.seal(e, "node-1", 1, null, T, 1);

    RecordedEvent read = Upcasters.builtIn().upcast(stored);

    assertThat(read.schemaVersion()).isEqualTo(2);
    assertThat(schemas.validate("node.serial_registered", 2, read.payload()).schemaChecked())
        .isTrue();
    Payload p = read.payload();
    for (String field : new String[] {"serial", "model", "region", "cluster"}) {
      assertThat(p.text(field)).isEqualTo(v1.text(field));
    }
    assertThat(p.has("batch_id")).isFalse();
    assertThat(p.text("manufacturing.batch_id")).isEqualTo(v1.text("batch_id"));
    assertThat(p.has("manufacturing")).isEqualTo(v1.has("batch_id"));
    assertThat(stored.hashMatches()).isTrue();
  }
}
