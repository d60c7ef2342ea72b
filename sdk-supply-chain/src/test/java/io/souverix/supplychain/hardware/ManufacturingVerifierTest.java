package io.souverix.supplychain.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManufacturingVerifierTest {
  static TestPki.Issued root;
  static TestPki.Issued factoryCa;
  static TestPki.Issued factory;
  static TestPki.Issued otherRoot;

  @BeforeAll
  static void pki() throws Exception {
    root = TestPki.root("Manufacturer Root");
    factoryCa = TestPki.ca("Factory CA Shenzhen", root);
    factory = TestPki.signing("QC Station 7", factoryCa);
    otherRoot = TestPki.root("Someone Else");
  }

  private static ManufacturingRecord signed() throws Exception {
    return ManufacturingRecord.of("Acme EMS Shenzhen", "B-2026-001", LocalDate.of(2026, 1, 2))
        .sign(
            Signer.inMemory(factory.keys(), SigningAlgorithm.ES256),
            List.of(factory.cert(), factoryCa.cert()));
  }

  private static ManufacturingVerifier verifier() {
    return ManufacturingVerifier.of(TestPki.validator(root.cert()));
  }

  private static HardwareException.Code codeOf(ThrowingRecord r) {
    try {
      verifier().verify(r.get());
      throw new AssertionError("verified");
    } catch (HardwareException e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  interface ThrowingRecord {
    ManufacturingRecord get() throws Exception;
  }

  @Test
  void verify_signedByFactoryChainingToRoot_verified() throws Exception {
    VerifiedManufacturingRecord v = verifier().verify(signed());
    assertThat(v.record().batchId()).isEqualTo("B-2026-001");
    assertThat(v.factoryCertificate()).isEqualTo(factory.cert());
  }

  @Test
  void signedBytes_areCanonicalJsonWithoutSignature() throws Exception {
    assertThat(new String(signed().signedBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"batch_id\":\"B-2026-001\",\"date\":\"2026-01-02\",\"origin\":\"Acme EMS Shenzhen\"}");
  }

  @Test
  void verify_payloadRoundTrip_verified() throws Exception {
    Payload p = Payload.parse(signed().toPayload().json());
    ManufacturingRecord expected = ManufacturingRecord.fromPayload(p);
    assertThat(verifier().verify(p).record()).isEqualTo(expected);
    assertThat(expected.qcSignature()).isPresent();
  }

  @Test
  void verify_editedBatch_signatureInvalid() {
    assertThat(
            codeOf(
                () -> {
                  Payload p = signed().toPayload().with("batch_id", "B-2026-002");
                  return ManufacturingRecord.fromPayload(p);
                }))
        .isEqualTo(HardwareException.Code.SIGNATURE_INVALID);
  }

  @Test
  void verify_unsigned_signatureMissing() {
    assertThat(codeOf(() -> ManufacturingRecord.of("x", "B1", LocalDate.of(2026, 1, 1))))
        .isEqualTo(HardwareException.Code.SIGNATURE_MISSING);
  }

  @Test
  void verify_factoryOfUntrustedRoot_chainUntrustedWithReason() throws Exception {
    TestPki.Issued rogueCa = TestPki.ca("Rogue CA", otherRoot);
    TestPki.Issued rogue = TestPki.signing("QC Station 7", rogueCa);
    ManufacturingRecord r =
        ManufacturingRecord.of("Acme EMS Shenzhen", "B-2026-001", LocalDate.of(2026, 1, 2))
            .sign(
                Signer.inMemory(rogue.keys(), SigningAlgorithm.ES256),
                List.of(rogue.cert(), rogueCa.cert()));
    assertThatThrownBy(() -> verifier().verify(r))
        .isInstanceOfSatisfying(
            HardwareException.class,
            e -> {
              assertThat(e.code()).isEqualTo(HardwareException.Code.CHAIN_UNTRUSTED);
              assertThat(e.chainReason()).isNotBlank();
            });
  }

  @Test
  void verify_missingIntermediate_chainUntrusted() throws Exception {
    ManufacturingRecord r =
        ManufacturingRecord.of("o", "B1", LocalDate.of(2026, 1, 2))
            .sign(Signer.inMemory(factory.keys(), SigningAlgorithm.ES256), List.of(factory.cert()));
    assertThat(codeOf(() -> r)).isEqualTo(HardwareException.Code.CHAIN_UNTRUSTED);
  }

  @Test
  void verify_signatureOfOtherKey_signatureInvalid() throws Exception {
    String sig = signed().qcSignature().orElseThrow();
    String[] parts = sig.split("\\.");
    ManufacturingRecord other =
        ManufacturingRecord.of("o", "B9", LocalDate.of(2026, 1, 2))
            .sign(
                Signer.inMemory(factory.keys(), SigningAlgorithm.ES256),
                List.of(factory.cert(), factoryCa.cert()));
    String otherSig = other.qcSignature().orElseThrow().split("\\.")[1];
    parts[1] = otherSig;
    Payload tampered = signed().toPayload().with("qc_signature", String.join(".", parts));
    assertThat(codeOf(() -> ManufacturingRecord.fromPayload(tampered)))
        .isEqualTo(HardwareException.Code.SIGNATURE_INVALID);
  }

  @Test
  void verify_malformedAndUnknownAlgorithm_namedSteps() throws Exception {
    Payload base = signed().toPayload();
    assertThat(codeOf(() -> ManufacturingRecord.fromPayload(base.with("qc_signature", "ES256.x"))))
        .isEqualTo(HardwareException.Code.SIGNATURE_MALFORMED);
    String sig = base.text("qc_signature").orElseThrow();
    assertThat(
            codeOf(
                () ->
                    ManufacturingRecord.fromPayload(
                        base.with("qc_signature", "none" + sig.substring(5)))))
        .isEqualTo(HardwareException.Code.ALGORITHM_NOT_ALLOWED);
    assertThat(
            codeOf(() -> ManufacturingRecord.fromPayload(base.with("qc_signature", "ES256.%%.%%"))))
        .isEqualTo(HardwareException.Code.SIGNATURE_MALFORMED);
  }

  @Test
  void fromPayload_badDate_recordMalformed() {
    assertThatThrownBy(
            () ->
                ManufacturingRecord.fromPayload(
                    Payload.of("origin", "o", "batch_id", "B1", "date", "2026-13-01")))
        .isInstanceOfSatisfying(
            HardwareException.class,
            e -> assertThat(e.code()).isEqualTo(HardwareException.Code.RECORD_MALFORMED));
  }
}
