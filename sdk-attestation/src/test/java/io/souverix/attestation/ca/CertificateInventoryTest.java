package io.souverix.attestation.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.projection.Partitioning;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateInventoryTest {

  private static void fleet(CaFixture f) throws Exception {
    Lifecycle lc = f.lifecycle();
    for (int i = 1; i <= 4; i++) {
      String node = String.format(java.util.Locale.ROOT, "node-%06d", i);
      f.registerNode(lc, node, i % 2 == 0 ? "eu-west" : "us-east");
      IssuedCertificate c = f.ca.issue(f.deviceRequest(node, CaFixture.ec()));
      if (i == 3) {
        f.ca.revoke(c.serial(), RevocationReason.KEY_COMPROMISE);
      }
      if (i == 4) {
        f.ca.rotate(c.serial());
      }
    }
    f.ca.publishCrl();
  }

  @Test
  void rebuild_fromPositionZero_matchesTheAuthoritysView() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    fleet(f);
    CertificateInventory inventory = CertificateInventory.create();

    ProjectionRunner.builder(f.store).add(inventory).build().rebuild();

    assertThat(inventory.certificates()).hasSize(5);
    assertThat(inventory.lastCrlNumber(f.ca.issuer())).isEqualTo(1);
    NodeCertificates n4 = inventory.node("node-000004");
    assertThat(n4.certificates()).hasSize(2);
    assertThat(n4.active(f.clock.instant())).hasSize(1);
    assertThat(inventory.node("node-000003").revoked()).hasSize(1);
    assertThat(inventory.node("node-000003").active(f.clock.instant())).isEmpty();
    assertThat(inventory.dueForRotation(f.clock.instant(), Duration.ofDays(365)))
        .hasSize(3)
        .isEqualTo(f.ca.dueForRotation(Duration.ofDays(365)));
    assertThat(inventory.expiryForecast(f.clock.instant(), Duration.ofDays(400)).countsByRegion())
        .containsEntry("eu-west", 2)
        .containsEntry("us-east", 1);
  }

  @Test
  void merge_ofPartitions_equalsOneWorker() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    fleet(f);
    CertificateInventory whole = CertificateInventory.create();
    ProjectionRunner.builder(f.store).add(whole).build().rebuild();

    List<CertificateInventory.Snapshot> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      CertificateInventory part = CertificateInventory.create();
      ProjectionRunner.builder(f.store)
          .add(part)
          .partition(Partitioning.of(3), p)
          .build()
          .rebuild();
      parts.add(part.snapshot());
    }
    CertificateInventory restored = CertificateInventory.create();
    restored.restore(whole.merge(parts));

    assertThat(whole.merge(parts)).isEqualTo(whole.snapshot());
    assertThat(restored.node("node-000004").serials())
        .isEqualTo(whole.node("node-000004").serials());
  }

  @Test
  void authority_onSqliteStore_recordsAndReadsBack(@TempDir Path dir) throws Exception {
    ManualClock clock = ManualClock.at(CaFixture.START);
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"), clock)) {
      CaFixture f = new CaFixture(SigningAlgorithm.ES256, store);
      fleet(f);
      CertificateInventory inventory = CertificateInventory.create();
      ProjectionRunner.builder(store).add(inventory).build().rebuild();
      assertThat(inventory.certificates()).hasSize(5);
      assertThat(f.ca.publishCrl().number()).isEqualTo(2);
    }
  }
}
