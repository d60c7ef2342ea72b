package io.souverix.supplychain.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.supplychain.Digest;
import io.souverix.supplychain.hardware.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Vendor manifests, baseline, updates and anti-rollback against a real validating store. */
class FirmwareUpdatesTest {
  static TestPki.Issued vendorRoot;
  static TestPki.Issued vendorCa;
  static TestPki.Issued vendor;
  static TestPki.Issued rogue;
  static final byte[] IMAGE_1 = "firmware 1.0.0".getBytes(StandardCharsets.UTF_8);
  static final byte[] IMAGE_2 = "firmware 2.0.0".getBytes(StandardCharsets.UTF_8);

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-15T00:00:00Z"));
  private final EventIds ids = EventIds.create(clock, new Random(3));
  private FirmwareVerifier verifier;
  private FirmwareCatalog catalog;
  private FirmwareUpdates updates;
  private EventStore store;

  @BeforeAll
  static void pki() throws Exception {
    vendorRoot = TestPki.root("Firmware Vendor Root");
    vendorCa = TestPki.ca("Firmware Signing CA", vendorRoot);
    vendor = TestPki.signing("BMC Firmware Release", vendorCa);
    rogue = TestPki.signing("Rogue", TestPki.root("Rogue Root"));
  }

  @BeforeEach
  void setUp() {
    verifier = FirmwareVerifier.of(TestPki.validator(vendorRoot.cert()));
    catalog = FirmwareCatalog.create();
    updates = FirmwareUpdates.of(catalog);
    store =
        FirmwareUpdates.withSchemas(EventSchemas.builtIn()).validating(EventStore.inMemory(clock));
  }

  private static SignedFirmwareManifest manifest(byte[] image, String version, long svn)
      throws Exception {
    return SignedFirmwareManifest.sign(
        new FirmwareManifest(version, Digest.sha256(image), svn),
        Signer.inMemory(vendor.keys(), SigningAlgorithm.ES256),
        List.of(vendor.cert(), vendorCa.cert()));
  }

  private FirmwareState provisioned(String version, long svn) throws Exception {
    VerifiedFirmwareManifest m = verifier.verify(manifest(IMAGE_1, version, svn), IMAGE_1);
    store.append(
        "node-1",
        ExpectedVersion.noStream(),
        List.of(updates.baseline(m, ids.next(), clock.instant(), "provisioner")));
    return updates.state(store.readStream("node-1", 1, 100));
  }

  @Test
  void verify_vendorSigned_manifestVerified() throws Exception {
    VerifiedFirmwareManifest v = verifier.verify(manifest(IMAGE_1, "1.0.0", 3), IMAGE_1);
    assertThat(v.manifest().securityVersion()).isEqualTo(3);
    assertThat(v.vendorCertificate()).isEqualTo(vendor.cert());
  }

  @Test
  void verify_wrongImage_digestMismatch() {
    assertThatThrownBy(() -> verifier.verify(manifest(IMAGE_1, "1.0.0", 3), IMAGE_2))
        .isInstanceOfSatisfying(
            FirmwareException.class,
            e -> assertThat(e.code()).isEqualTo(FirmwareException.Code.DIGEST_MISMATCH));
  }

  @Test
  void verify_rogueVendor_chainUntrusted() throws Exception {
    SignedFirmwareManifest s =
        SignedFirmwareManifest.sign(
            new FirmwareManifest("9.9.9", Digest.sha256(IMAGE_1), 99),
            Signer.inMemory(rogue.keys(), SigningAlgorithm.ES256),
            List.of(rogue.cert()));
    assertThatThrownBy(() -> verifier.verify(s))
        .isInstanceOfSatisfying(
            FirmwareException.class,
            e -> assertThat(e.code()).isEqualTo(FirmwareException.Code.CHAIN_UNTRUSTED));
  }

  @Test
  void verify_raisedSecurityVersionInChain_signatureInvalid() throws Exception {
    List<String> chain = manifest(IMAGE_1, "1.0.0", 3).signatureChain();
    String forged =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new FirmwareManifest("1.0.0", Digest.sha256(IMAGE_1), 30).canonicalBytes());
    SignedFirmwareManifest s =
        SignedFirmwareManifest.fromSignatureChain(List.of(forged, chain.get(1)));
    assertThatThrownBy(() -> verifier.verify(s))
        .isInstanceOfSatisfying(
            FirmwareException.class,
            e -> assertThat(e.code()).isEqualTo(FirmwareException.Code.SIGNATURE_INVALID));
  }

  @Test
  void baseline_event_roundTripsThroughValidatingStore() throws Exception {
    FirmwareState s = provisioned("1.0.0", 3);
    assertThat(s.baseline().version()).isEqualTo("1.0.0");
    assertThat(s.current().securityVersion()).isEqualTo(3);
    // The stored chain verifies again from the event alone.
    RecordedEvent e = store.readStream("node-1", 1, 1).get(0);
    @SuppressWarnings("unchecked")
    List<String> chain = (List<String>) e.payload().toMap().get("signature_chain");
    assertThat(verifier.verify(SignedFirmwareManifest.fromSignatureChain(chain)).manifest())
        .isEqualTo(s.baseline());
  }

  @Test
  void update_higherSecurityVersion_writesUpdateEvent() throws Exception {
    FirmwareState s = provisioned("1.0.0", 3);
    VerifiedFirmwareManifest target = verifier.verify(manifest(IMAGE_2, "2.0.0", 5), IMAGE_2);
    List<NewEvent> events =
        updates.update(
            s, target, FirmwareUpdates.Mode.SCHEDULED, null, ids::next, clock.instant(), "ops");
    store.append("node-1", ExpectedVersion.exactly(1), events);
    FirmwareState after = updates.state(store.readStream("node-1", 1, 100));
    assertThat(after.current().version()).isEqualTo("2.0.0");
    assertThat(after.current().securityVersion()).isEqualTo(5);
    assertThat(after.history()).hasSize(2);
    assertThat(events).extracting(NewEvent::type).containsExactly("maintenance.firmware_updated");
  }

  @Test
  void update_lowerSecurityVersion_rejectedAndNothingWritten() throws Exception {
    FirmwareState s = provisioned("2.0.0", 5);
    VerifiedFirmwareManifest older = verifier.verify(manifest(IMAGE_2, "1.0.0", 3), IMAGE_2);
    assertThatThrownBy(
            () ->
                updates.update(
                    s,
                    older,
                    FirmwareUpdates.Mode.EMERGENCY,
                    null,
                    ids::next,
                    clock.instant(),
                    "ops"))
        .isInstanceOfSatisfying(
            FirmwareException.class,
            e -> assertThat(e.code()).isEqualTo(FirmwareException.Code.ROLLBACK_REJECTED));
    assertThat(store.readStream("node-1", 1, 100)).hasSize(1);
  }

  @Test
  void update_lowerWithOverride_auditedWhoAndWhy() throws Exception {
    FirmwareState s = provisioned("2.0.0", 5);
    VerifiedFirmwareManifest older = verifier.verify(manifest(IMAGE_2, "1.0.0", 3), IMAGE_2);
    List<NewEvent> events =
        updates.update(
            s,
            older,
            FirmwareUpdates.Mode.EMERGENCY,
            new RollbackOverride("security-officer@example.com", "2.0.0 bricks NICs (INC-42)"),
            ids::next,
            clock.instant(),
            "ops");
    store.append("node-1", ExpectedVersion.exactly(1), events);
    List<RecordedEvent> stored = store.readStream("node-1", 1, 100);
    assertThat(stored)
        .extracting(RecordedEvent::type)
        .containsExactly(
            "node.firmware_baseline_captured",
            "supplychain.firmware_rollback_approved",
            "maintenance.firmware_updated");
    RecordedEvent audit = stored.get(1);
    assertThat(audit.actor()).isEqualTo("security-officer@example.com");
    assertThat(audit.payload().text("reason")).contains("2.0.0 bricks NICs (INC-42)");
    assertThat(audit.payload().number("from_security_version")).contains(5L);
    assertThat(audit.payload().number("to_security_version")).contains(3L);
    assertThat(updates.state(stored).current().securityVersion()).isEqualTo(3);
  }

  @Test
  void rollbackEvent_withoutRegisteredSchema_rejectedByValidatingStore() throws Exception {
    EventStore strict = EventSchemas.builtIn().validating(EventStore.inMemory(clock));
    FirmwareState s = provisioned("2.0.0", 5);
    VerifiedFirmwareManifest older = verifier.verify(manifest(IMAGE_2, "1.0.0", 3), IMAGE_2);
    List<NewEvent> events =
        updates.update(
            s,
            older,
            FirmwareUpdates.Mode.EMERGENCY,
            new RollbackOverride("a", "b"),
            ids::next,
            clock.instant(),
            "ops");
    assertThatThrownBy(() -> strict.append("node-2", ExpectedVersion.any(), events))
        .isInstanceOf(EventStoreException.class);
  }

  @Test
  void state_updateOfUncataloguedImage_unknownImage() throws Exception {
    provisioned("1.0.0", 3);
    FirmwareUpdates fresh = FirmwareUpdates.of(FirmwareCatalog.create());
    VerifiedFirmwareManifest target = verifier.verify(manifest(IMAGE_2, "2.0.0", 5), IMAGE_2);
    store.append(
        "node-1",
        ExpectedVersion.exactly(1),
        updates.update(
            updates.state(store.readStream("node-1", 1, 100)),
            target,
            FirmwareUpdates.Mode.SCHEDULED,
            null,
            ids::next,
            clock.instant(),
            "ops"));
    assertThatThrownBy(() -> fresh.state(store.readStream("node-1", 1, 100)))
        .isInstanceOfSatisfying(
            FirmwareException.class,
            e -> assertThat(e.code()).isEqualTo(FirmwareException.Code.UNKNOWN_IMAGE));
  }
}
