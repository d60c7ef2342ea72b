package io.souverix.lifecycle.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UpcastersTest {
  /** The committed stream an "older SDK" wrote: envelope JSON lines, in global order. */
  static final String V1_STREAM = "v1-stream/node-serial-registered-v1.jsonl";

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-07-15T08:00:00Z"), ZoneOffset.UTC);
  private static final Upcasters UPCASTERS = Upcasters.builtIn();

  // ---- the v1 fixture and its generator ----

  /**
   * Writes the v1 stream as an older SDK did: node.serial_registered at schema version 1 (one node
   * with a batch id, one without), each followed by its REGISTER state change, appended to an
   * in-memory store on a fixed clock with seeded ids, so the output is byte-for-byte stable.
   */
  static String generateV1Stream() throws Exception {
    EventIds ids = EventIds.create(CLOCK, new Random(1));
    EventStore store = EventStore.inMemory(CLOCK);
    Map<String, Payload> nodes = new LinkedHashMap<>();
    nodes.put(
        "node-000042",
        Payload.of(
            "serial",
            "SN-0042",
            "model",
            "edge-4u",
            "region",
            "eu-west",
            "cluster",
            "c1",
            "batch_id",
            "B-2024-07"));
    nodes.put(
        "node-000043",
        Payload.of("serial", "SN-0043", "model", "edge-2u", "region", "eu-west", "cluster", "c2"));
    for (Map.Entry<String, Payload> n : nodes.entrySet()) {
      NewEvent registered =
          NewEvent.builder("node.serial_registered", 1)
              .eventId(ids.next())
              .occurredAt(CLOCK.instant())
              .actor("registrar")
              .region("eu-west")
              .payload(n.getValue())
              .build();
      NewEvent stateChanged =
          NewEvent.builder("lifecycle.state_changed", 1)
              .eventId(ids.next())
              .occurredAt(CLOCK.instant())
              .actor("registrar")
              .region("eu-west")
              .causationId(registered.eventId())
              .payload(
                  Payload.of(
                      "component_kind",
                      "hardware",
                      "from",
                      null,
                      "to",
                      "REGISTERED",
                      "command",
                      "REGISTER"))
              .build();
      store.append(n.getKey(), ExpectedVersion.noStream(), List.of(registered, stateChanged));
    }
    StringBuilder out = new StringBuilder();
    for (RecordedEvent e : store.readAll(1, 100)) {
      out.append(e.toJson()).append('\n');
    }
    store.close();
    return out.toString();
  }

  /**
   * Keeps the committed fixture equal to {@link #generateV1Stream()}; run with {@code
   * -Dsouverix.regenerateFixtures=true} to rewrite it.
   */
  @Test
  void v1StreamFixture_isWhatTheGeneratorWrites() throws Exception {
    Path file = Path.of("src/test/resources/io/souverix/lifecycle/schema").resolve(V1_STREAM);
    String generated = generateV1Stream();
    if (Boolean.getBoolean("souverix.regenerateFixtures")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate it with -Dsouverix.regenerateFixtures=true", file)
        .isEqualTo(generated);
  }

  static String readFixture() throws IOException {
    try (var in = UpcastersTest.class.getResourceAsStream(V1_STREAM)) {
      assertThat(in).as("fixture %s", V1_STREAM).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<RecordedEvent> fixtureEvents() throws IOException {
    List<RecordedEvent> events = new ArrayList<>();
    for (String line : readFixture().split("\n")) {
      events.add(RecordedEvent.parse(line));
    }
    return events;
  }

  static void assertChainIntact(List<RecordedEvent> stored) {
    Map<String, RecordedEvent> last = new LinkedHashMap<>();
    for (RecordedEvent e : stored) {
      assertThat(e.hashMatches()).as("hash of %s", e).isTrue();
      RecordedEvent prev = last.put(e.streamId(), e);
      assertThat(e.sequence()).isEqualTo(prev == null ? 1 : prev.sequence() + 1);
      assertThat(e.prevHash()).isEqualTo(prev == null ? null : prev.hash());
    }
  }

  private static final Payload V2_OF_42 =
      Payload.of(
          "serial",
          "SN-0042",
          "model",
          "edge-4u",
          "region",
          "eu-west",
          "cluster",
          "c1",
          "manufacturing",
          Map.of("batch_id", "B-2024-07"));
  private static final Payload V2_OF_43 =
      Payload.of("serial", "SN-0043", "model", "edge-2u", "region", "eu-west", "cluster", "c2");

  @Test
  void v1StreamFile_readsBackUpcastToV2_andStoredChainStillVerifies() throws Exception {
    List<RecordedEvent> stored = fixtureEvents();
    assertThat(stored).hasSize(4);
    assertChainIntact(stored);

    List<RecordedEvent> upcast = new ArrayList<>();
    for (RecordedEvent e : stored) {
      upcast.add(UPCASTERS.upcast(e));
    }

    assertThat(upcast.get(0).schemaVersion()).isEqualTo(2);
    assertThat(upcast.get(0).payload()).isEqualTo(V2_OF_42);
    assertThat(upcast.get(0).payload().text("manufacturing.batch_id")).hasValue("B-2024-07");
    assertThat(upcast.get(0).payload().has("batch_id")).isFalse();
    assertThat(upcast.get(2).payload()).isEqualTo(V2_OF_43);
    // Events already at their newest version pass through untouched.
    assertThat(upcast.get(1)).isSameAs(stored.get(1));
    // Envelope identity is kept; the stored hash covers the stored v1 form, not the upcast one.
    assertThat(upcast.get(0).eventId()).isEqualTo(stored.get(0).eventId());
    assertThat(upcast.get(0).hash()).isEqualTo(stored.get(0).hash());
    assertThat(upcast.get(0).hashMatches()).isFalse();
    assertChainIntact(stored);
  }

  @Test
  void v1StreamFile_importedIntoInMemoryStore_readsBackUpcastWithIntactChain() throws Exception {
    EventStore store = EventStore.inMemory(CLOCK);
    for (RecordedEvent e : fixtureEvents()) {
      store.append(
          e.streamId(), ExpectedVersion.exactly(e.sequence() - 1), List.of(e.toNewEvent()));
    }
    List<RecordedEvent> stored = store.readAll(1, 100);
    assertThat(stored).extracting(RecordedEvent::schemaVersion).containsExactly(1, 1, 1, 1);
    assertChainIntact(stored);
    assertThat(UPCASTERS.upcast(stored.get(0)).payload()).isEqualTo(V2_OF_42);
    assertThat(UPCASTERS.upcast(stored.get(2)).payload()).isEqualTo(V2_OF_43);
  }

  @Test
  void inMemoryStore_v1EventsFromOlderWriter_readBackAsV2() throws Exception {
    EventStore store = EventSchemas.builtIn().validating(EventStore.inMemory(CLOCK));
    EventIds ids = EventIds.create(CLOCK, new Random(3));
    store.append(
        "node-000042",
        ExpectedVersion.noStream(),
        List.of(
            NewEvent.builder("node.serial_registered", 1)
                .eventId(ids.next())
                .occurredAt(CLOCK.instant())
                .actor("legacy-registrar")
                .payload(SamplePayloads.of("node.serial_registered", 1))
                .build()));

    RecordedEvent stored = store.readStream("node-000042", 1, 1).get(0);
    RecordedEvent read = UPCASTERS.upcast(stored);

    assertThat(stored.hashMatches()).isTrue();
    assertThat(stored.schemaVersion()).isEqualTo(1);
    assertThat(read.schemaVersion()).isEqualTo(2);
    assertThat(read.payload())
        .isEqualTo(
            Payload.of(
                "serial",
                "SN-0042",
                "model",
                "edge-4u",
                "region",
                "eu-west",
                "cluster",
                "c1",
                "manufacturing",
                Map.of("batch_id", "B-2024-07")));
    assertThat(EventSchemas.builtIn().validate(read.type(), 2, read.payload()).schemaChecked())
        .isTrue();
  }

  // ---- failures ----

  private static RecordedEvent recorded(String type, int version, Payload payload) {
    NewEvent e =
        NewEvent.builder(type, version)
            .eventId(EventIds.create(CLOCK, new Random(5)).next())
            .occurredAt(CLOCK.instant())
            .actor("test")
            .payload(payload)
            .build();
    return RecordedEvent.seal(e, "node-000042", 1, null, CLOCK.instant(), 1);
  }

  @Test
  void upcast_storedV1PayloadViolatingV1Schema_isRejected() {
    RecordedEvent bad =
        recorded(
            "node.serial_registered",
            1,
            SamplePayloads.of("node.serial_registered", 1).with("batch_id", 9));
    SchemaViolationException e =
        catchThrowableOfType(SchemaViolationException.class, () -> UPCASTERS.upcast(bad));
    assertThat(e.code()).isEqualTo(SchemaViolationException.Code.VIOLATION);
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly("/batch_id: expected string, but got integer");
  }

  @Test
  void upcast_versionNewerThanKnown_isUnknownVersion() {
    RecordedEvent future =
        recorded("node.serial_registered", 3, SamplePayloads.of("node.serial_registered", 2));
    SchemaViolationException e =
        catchThrowableOfType(SchemaViolationException.class, () -> UPCASTERS.upcast(future));
    assertThat(e.code()).isEqualTo(SchemaViolationException.Code.UNKNOWN_VERSION);
  }

  @Test
  void upcast_unknownType_failsClosedUnlessOptedOut() throws Exception {
    RecordedEvent vendor = recorded("acme.part_replaced", 1, Payload.of("part", "fan"));
    assertThat(
            catchThrowableOfType(SchemaViolationException.class, () -> UPCASTERS.upcast(vendor))
                .code())
        .isEqualTo(SchemaViolationException.Code.UNKNOWN_TYPE);
    Upcasters relaxed =
        Upcasters.newBuilder()
            .schemas(EventSchemas.builtIn().allowingUnregisteredVendorTypes())
            .build();
    assertThat(relaxed.upcast(vendor)).isSameAs(vendor);
  }

  // ---- vendor chains ----

  private static String widgetSchema(String... fields) {
    StringBuilder props = new StringBuilder();
    for (String f : fields) {
      props
          .append(props.length() == 0 ? "" : ",")
          .append('"')
          .append(f)
          .append("\":{\"type\":\"string\"}");
    }
    return "{\"type\":\"object\",\"properties\":{"
        + props
        + "},\"required\":[\""
        + fields[0]
        + "\"],\"additionalProperties\":false}";
  }

  private static final EventSchemas WIDGET_SCHEMAS =
      EventSchemas.builtIn()
          .withVendorSchema("acme.widget_installed", 1, widgetSchema("name"))
          .withVendorSchema("acme.widget_installed", 2, widgetSchema("widget_name"))
          .withVendorSchema("acme.widget_installed", 3, widgetSchema("widget_name", "vendor"));

  private static final Upcaster WIDGET_1_TO_2 =
      Upcaster.of(
          "acme.widget_installed",
          1,
          p -> p.without("name").with("widget_name", p.requireText("name")));
  private static final Upcaster WIDGET_2_TO_3 =
      Upcaster.of("acme.widget_installed", 2, p -> p.with("vendor", "acme"));

  @Test
  void vendorUpcasters_composeWithBuiltIns_andChainAcrossVersions() throws Exception {
    Upcasters upcasters =
        Upcasters.newBuilder()
            .schemas(WIDGET_SCHEMAS)
            .add(WIDGET_2_TO_3)
            .add(WIDGET_1_TO_2)
            .build();

    RecordedEvent v1 = recorded("acme.widget_installed", 1, Payload.of("name", "w1"));
    RecordedEvent read = upcasters.upcast(v1);

    assertThat(read.schemaVersion()).isEqualTo(3);
    assertThat(read.payload()).isEqualTo(Payload.of("widget_name", "w1", "vendor", "acme"));
    assertThat(upcasters.newestVersion("acme.widget_installed")).hasValue(3);
    assertThat(
            upcasters
                .upcast(
                    recorded(
                        "node.serial_registered",
                        1,
                        SamplePayloads.of("node.serial_registered", 1)))
                .schemaVersion())
        .isEqualTo(2);
  }

  @Test
  void build_gapInChain_isRejected() {
    assertThatThrownBy(
            () -> Upcasters.newBuilder().schemas(WIDGET_SCHEMAS).add(WIDGET_1_TO_2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "upcasting chain of acme.widget_installed; expected a schema and an upcaster for every"
                + " version from v1 to v2, but got a gap at v2 (schemas [1, 2, 3], upcasters from"
                + " [1])");
    EventSchemas missingMiddleSchema =
        EventSchemas.builtIn()
            .withVendorSchema("acme.widget_installed", 1, widgetSchema("name"))
            .withVendorSchema("acme.widget_installed", 3, widgetSchema("widget_name", "vendor"));
    assertThatThrownBy(
            () ->
                Upcasters.newBuilder()
                    .schemas(missingMiddleSchema)
                    .add(WIDGET_1_TO_2)
                    .add(WIDGET_2_TO_3)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected to start at a schema version below the newest");
  }

  @Test
  void build_vendorSchemasWithoutUpcasters_isRejected() {
    assertThatThrownBy(() -> Upcasters.newBuilder().schemas(WIDGET_SCHEMAS).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gap at v1");
  }

  @Test
  void build_duplicateOrMisplacedUpcasters_areRejected() {
    assertThatThrownBy(
            () ->
                Upcasters.newBuilder()
                    .add(Upcaster.of("node.serial_registered", 1, p -> p))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upcaster for node.serial_registered v1; expected one, but got two");
    assertThatThrownBy(
            () ->
                Upcasters.newBuilder()
                    .add(Upcaster.of("node.serial_registered", 2, p -> p))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below the newest");
    assertThatThrownBy(
            () -> Upcasters.newBuilder().add(Upcaster.of("acme.unknown_thing", 1, p -> p)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'acme.unknown_thing' has none");
    assertThatThrownBy(() -> Upcaster.of("acme.thing", 0, p -> p))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Upcasters.newBuilder().schemas(WIDGET_SCHEMAS).schemas(WIDGET_SCHEMAS))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void upcast_throwingOrInvalidVendorUpcaster_failsWithUpcastFailed() {
    RecordedEvent v1 = recorded("acme.widget_installed", 1, Payload.of("name", "w1"));
    Upcasters throwing =
        Upcasters.newBuilder()
            .schemas(WIDGET_SCHEMAS)
            .add(
                Upcaster.of(
                    "acme.widget_installed",
                    1,
                    p -> {
                      throw new IllegalStateException("boom");
                    }))
            .add(WIDGET_2_TO_3)
            .build();
    SchemaViolationException e1 =
        catchThrowableOfType(SchemaViolationException.class, () -> throwing.upcast(v1));
    assertThat(e1.code()).isEqualTo(SchemaViolationException.Code.UPCAST_FAILED);
    assertThat(e1.getCause()).hasMessage("boom");

    Upcasters invalid =
        Upcasters.newBuilder()
            .schemas(WIDGET_SCHEMAS)
            .add(Upcaster.of("acme.widget_installed", 1, p -> p)) // forgets to rename
            .add(WIDGET_2_TO_3)
            .build();
    SchemaViolationException e2 =
        catchThrowableOfType(SchemaViolationException.class, () -> invalid.upcast(v1));
    assertThat(e2.code()).isEqualTo(SchemaViolationException.Code.UPCAST_FAILED);
    assertThat(e2.schemaVersion()).isEqualTo(1);
    assertThat(e2.violations())
        .extracting(Violation::toString)
        .containsExactly(
            "/widget_name: expected required property 'widget_name', but got none",
            "/name: expected only the properties [widget_name], but got unknown property 'name'");
  }
}
