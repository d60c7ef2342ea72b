package io.souverix.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.kafka.KafkaBroker;
import io.souverix.kafka.KafkaTransport;
import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.HardwareState;
import io.souverix.lifecycle.internal.InProcessTransport;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.store.postgres.PostgresEventStore;
import io.souverix.store.sqlite.SqliteEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the service from configuration and does one lifecycle round trip: provision a node (the
 * store records it), publish its state as a signed envelope, receive it back verified. Once with
 * the embedded defaults (SQLite, in-process), once with PostgreSQL and Kafka, changing only
 * properties.
 */
class FleetServiceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void start_embeddedDefaults_roundTripsThroughSqliteAndInProcess() throws Exception {
    Properties config = FleetService.defaults();
    assertThat(config.getProperty("souverix.store")).isEqualTo("sqlite");
    assertThat(config.getProperty("souverix.transport")).isEqualTo("in-process");
    Path file = dir.resolve("data").resolve("fleet.db");
    config.setProperty("souverix.store.sqlite.file", file.toString());

    try (FleetService service = FleetService.start(config, CLOCK)) {
      assertThat(service.store()).isInstanceOf(SqliteEventStore.class);
      assertThat(service.transport()).isInstanceOf(InProcessTransport.class);
      roundTrip(service, "node-0001");
    }
    assertThat(Files.size(file)).isPositive();
    // The store is durable: a second start on the same file sees the node.
    try (FleetService again = FleetService.start(config, CLOCK)) {
      assertThat(again.lifecycle().state("node-0001").state())
          .isEqualTo(HardwareState.PROVISIONING);
    }
  }

  @Test
  void start_postgresAndKafkaProperties_roundTripsThroughBoth() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        KafkaBroker kafka = KafkaBroker.start("fleet-service")) {
      Properties config = FleetService.defaults();
      config.setProperty("souverix.store", "postgres");
      config.setProperty("souverix.store.postgres.url", pg.getJdbcUrl("postgres", "postgres"));
      config.setProperty("souverix.transport", "kafka");
      config.setProperty("souverix.transport.kafka.bootstrap-servers", kafka.bootstrap());
      config.setProperty("souverix.transport.kafka.partitions", "2");
      config.setProperty("souverix.transport.kafka.client.client.id", "fleet-service-test");

      try (FleetService service = FleetService.start(config, CLOCK)) {
        assertThat(service.store()).isInstanceOf(PostgresEventStore.class);
        assertThat(service.transport()).isInstanceOf(KafkaTransport.class);
        roundTrip(service, "node-0002");
      }
    }
  }

  @Test
  void start_unknownStore_isRefusedWithTheKey() {
    Properties config = FleetService.defaults();
    config.setProperty("souverix.store", "mongodb");
    assertThatThrownBy(() -> FleetService.start(config, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("souverix.store; expected sqlite or postgres, but got 'mongodb'");
  }

  private static void roundTrip(FleetService service, String node) throws Exception {
    ComponentState s = service.provision(node, "SN-" + node);
    assertThat(s.state()).isEqualTo(HardwareState.PROVISIONING);
    assertThat(service.lifecycle().history(node)).hasSize((int) s.version());

    List<Delivery> got = service.receive(1, WAIT);
    assertThat(got).hasSize(1);
    Delivery d = got.get(0);
    assertThat(d.envelope().key()).isEqualTo(node);
    assertThat(d.envelope().sender()).isEqualTo("fleet-service");
    assertThat(d.envelope().sequence()).isEqualTo(s.version());
    assertThat(new String(d.envelope().payload(), StandardCharsets.UTF_8))
        .contains("\"node\":\"" + node + "\"")
        .contains("\"state\":\"PROVISIONING\"");
    // Nothing more: the service resumes after what it received.
    assertThat(service.receive(1, Duration.ZERO)).isEmpty();
  }
}
