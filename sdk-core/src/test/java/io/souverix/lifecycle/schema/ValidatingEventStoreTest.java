package io.souverix.lifecycle.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Subscription;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ValidatingEventStoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final EventIds ids = EventIds.create(CLOCK, new Random(7));
  private final EventStore inner = EventStore.inMemory(CLOCK);
  private final EventStore store = EventSchemas.builtIn().validating(inner);

  private NewEvent event(String type, int version, Payload payload) {
    return NewEvent.builder(type, version)
        .eventId(ids.next())
        .occurredAt(CLOCK.instant())
        .actor("test")
        .payload(payload)
        .build();
  }

  private NewEvent sample(EventType type) {
    return event(
        type.name(), type.currentVersion(), SamplePayloads.of(type.name(), type.currentVersion()));
  }

  @Test
  void append_batchWithOneInvalidEvent_rejectsWholeBatchAndWritesNothing() throws Exception {
    List<NewEvent> batch =
        List.of(
            sample(EventType.NODE_SERIAL_REGISTERED),
            event("node.health_validated", 1, Payload.of("healthy", "yes", "checks", List.of())),
            sample(EventType.LIFECYCLE_STATE_CHANGED));

    EventStoreException e =
        catchThrowableOfType(
            EventStoreException.class,
            () -> store.append("node-000042", ExpectedVersion.noStream(), batch));

    assertThat(e.code()).isEqualTo(EventStoreException.Code.INVALID_EVENT);
    assertThat(e.getMessage())
        .isEqualTo(
            "event at index 1 of the append to 'node-000042' (node.health_validated v1) was"
                + " rejected, nothing was written: payload of node.health_validated v1 violates"
                + " its schema; expected no violations, but got 1: /healthy: expected boolean,"
                + " but got string");
    assertThat(e.getCause()).isInstanceOf(SchemaViolationException.class);
    assertThat(((SchemaViolationException) e.getCause()).violations())
        .extracting(Violation::pointer, Violation::keyword)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/healthy", "type"));
    assertThat(inner.headPosition()).isZero();
    assertThat(inner.streamVersion("node-000042")).isZero();
    assertThat(store.readAll(1, 10)).isEmpty();
  }

  @Test
  void append_unknownType_isRejectedAndWritesNothing() throws Exception {
    EventStoreException e =
        catchThrowableOfType(
            EventStoreException.class,
            () ->
                store.append(
                    "node-000042",
                    ExpectedVersion.any(),
                    List.of(event("acme.part_replaced", 1, Payload.of("part", "fan")))));
    assertThat(e.code()).isEqualTo(EventStoreException.Code.INVALID_EVENT);
    assertThat(((SchemaViolationException) e.getCause()).code())
        .isEqualTo(SchemaViolationException.Code.UNKNOWN_TYPE);
    assertThat(inner.headPosition()).isZero();
  }

  @Test
  void append_vendorTypeWithOptOut_isWritten() throws Exception {
    EventStore relaxed = EventSchemas.builtIn().allowingUnregisteredVendorTypes().validating(inner);
    relaxed.append(
        "node-000042",
        ExpectedVersion.any(),
        List.of(event("acme.part_replaced", 1, Payload.of("part", "fan"))));
    assertThat(inner.headPosition()).isEqualTo(1);
  }

  @Test
  void append_validBatch_isWrittenByTheDelegate() throws Exception {
    List<NewEvent> batch = new ArrayList<>();
    for (EventType t : EventType.catalogue()) {
      batch.add(sample(t));
    }
    AppendResult r = store.append("node-000042", ExpectedVersion.noStream(), batch);
    assertThat(r.events()).hasSize(EventType.catalogue().size());
    assertThat(inner.readStream("node-000042", 1, 100))
        .extracting(RecordedEvent::type)
        .containsExactlyElementsOf(batch.stream().map(NewEvent::type).toList());
  }

  @Test
  void append_olderSchemaVersionWithSchema_isAccepted() throws Exception {
    store.append(
        "node-000042",
        ExpectedVersion.noStream(),
        List.of(
            event("node.serial_registered", 1, SamplePayloads.of("node.serial_registered", 1))));
    assertThat(inner.readStream("node-000042", 1, 1).get(0).schemaVersion()).isEqualTo(1);
  }

  @Test
  void everyOtherMethod_isDelegated() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    EventStore recording =
        (EventStore)
            Proxy.newProxyInstance(
                EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  try {
                    return method.invoke(inner, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    EventStore validating = EventSchemas.builtIn().validating(recording);

    validating.append(
        "node-000042",
        ExpectedVersion.noStream(),
        List.of(sample(EventType.NODE_SERIAL_REGISTERED)));
    validating.readStream("node-000042", 1, 10);
    validating.readAll(1, 10);
    validating.streamVersion("node-000042");
    validating.headPosition();
    assertThat(validating.awaitHead(1, Duration.ofSeconds(5))).isTrue();
    List<RecordedEvent> delivered = new CopyOnWriteArrayList<>();
    try (Subscription s = validating.subscribe(1, delivered::add)) {
      assertThat(s.awaitDelivered(1, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(delivered).extracting(RecordedEvent::sequence).containsExactly(1L);
    validating.close();

    Set<String> interfaceMethods = new TreeSet<>();
    for (Method m : EventStore.class.getMethods()) {
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        interfaceMethods.add(m.getName());
      }
    }
    assertThat(new TreeSet<>(calls)).containsAll(interfaceMethods);
    EventStoreException closed =
        catchThrowableOfType(
            EventStoreException.class,
            () ->
                validating.append(
                    "node-000043",
                    ExpectedVersion.any(),
                    List.of(sample(EventType.NODE_SERIAL_REGISTERED))));
    assertThat(closed.code()).isEqualTo(EventStoreException.Code.CLOSED);
    assertThat(Arrays.asList(calls.toArray())).contains("close");
  }
}
