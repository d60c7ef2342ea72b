package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.NOW;
import static io.souverix.attestation.x509.TestPki.crlSpec;
import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.x509.TestPki.Issued;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;

class DeviceIdentityVerifierTest {
  private static final String HW_TYPE = "1.3.6.1.4.1.55738.9.1";

  private final Issued rootA = root("Factory A Root").issue();
  private final Issued caA = intermediate("Factory A IDevID CA", rootA).issue();
  private final Issued rootB = root("Factory B Root").issue();
  private final Issued caB = intermediate("Factory B IDevID CA", rootB).issue();

  private DeviceIdentityVerifier verifier() {
    return DeviceIdentityVerifier.newBuilder()
        .factory("fab-a", List.of(rootA.cert()))
        .factory("fab-b", List.of(rootB.cert()))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  @Test
  void verify_subjectSerialNumberMatches_isValid() {
    Issued device = leaf("node-1", caA).subjectSerial("SN-0042").issue();

    ChainVerification v = verifier().verify("fab-a", "SN-0042", device.cert(), List.of(caA.cert()));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.path()).containsExactly(device.cert(), caA.cert(), rootA.cert());
    assertThat(v.checks()).anyMatch(c -> c.name().equals("device-serial"));
  }

  @Test
  void verify_subjectSerialNumberDiffers_isSerialMismatch() {
    Issued device = leaf("node-1", caA).subjectSerial("SN-0042").issue();

    ChainVerification v = verifier().verify("fab-a", "SN-0043", device.cert(), List.of(caA.cert()));

    assertThat(v.reason()).contains(ReasonCode.SERIAL_MISMATCH);
    assertThat(v.message()).contains("expected 'SN-0043'").contains("SN-0042");
  }

  @Test
  void verify_hardwareModuleNameMatches_isValid() {
    Issued device = leaf("node-2", caA).hardwareModuleName(HW_TYPE, "HW-7781").issue();

    ChainVerification ok =
        verifier().verify("fab-a", "HW-7781", device.cert(), List.of(caA.cert()));
    ChainVerification bad =
        verifier().verify("fab-a", "HW-7782", device.cert(), List.of(caA.cert()));

    assertThat(ok.isValid()).as(ok.message()).isTrue();
    assertThat(bad.reason()).contains(ReasonCode.SERIAL_MISMATCH);
    assertThat(bad.message()).contains("hardwareModuleName 'HW-7781'");
  }

  @Test
  void verify_noSerialBindingAtAll_isSerialMismatch() {
    Issued device = leaf("node-3", caA).issue();

    ChainVerification v = verifier().verify("fab-a", "SN-1", device.cert(), List.of(caA.cert()));

    assertThat(v.reason()).contains(ReasonCode.SERIAL_MISMATCH);
    assertThat(v.message()).contains("no subject serialNumber and no hardwareModuleName");
  }

  @Test
  void verify_certificateOfAnotherRegisteredFactory_isUntrustedFactory() {
    Issued device = leaf("node-1", caA).subjectSerial("SN-0042").issue();

    ChainVerification v = verifier().verify("fab-b", "SN-0042", device.cert(), List.of(caA.cert()));

    assertThat(v.reason()).contains(ReasonCode.UNTRUSTED_FACTORY);
    assertThat(v.message()).contains("'fab-b'").contains("'fab-a'");
  }

  @Test
  void verify_unregisteredFactory_isUntrustedFactory() {
    Issued device = leaf("node-1", caA).subjectSerial("SN-0042").issue();

    ChainVerification v = verifier().verify("fab-x", "SN-0042", device.cert(), List.of(caA.cert()));

    assertThat(v.reason()).contains(ReasonCode.UNTRUSTED_FACTORY);
    assertThat(v.validationTime()).isEqualTo(NOW);
  }

  @Test
  void verify_certificateOfNoRegisteredFactory_isNoPath() {
    Issued rogueRoot = root("Factory A Root").issue(); // same name, other key
    Issued rogueCa = intermediate("Factory A IDevID CA", rogueRoot).issue();
    Issued device = leaf("node-1", rogueCa).subjectSerial("SN-0042").issue();

    ChainVerification v =
        verifier().verify("fab-a", "SN-0042", device.cert(), List.of(rogueCa.cert()));

    assertThat(v.reason()).contains(ReasonCode.NO_PATH);
  }

  @Test
  void verify_validatorOptions_applyRevocation() {
    Issued device = leaf("node-1", caB).subjectSerial("SN-9").issue();
    DeviceIdentityVerifier v =
        DeviceIdentityVerifier.newBuilder()
            .factory("fab-b", List.of(rootB.cert()))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .validatorOptions(
                b ->
                    b.crls(
                            List.of(
                                crlSpec(caB)
                                    .revoke(
                                        device.cert().getSerialNumber(), CRLReason.keyCompromise)
                                    .build()))
                        .revocationPolicy(
                            RevocationPolicy.of(
                                RevocationPolicy.Mode.HARD_FAIL, RevocationPolicy.Scope.LEAF_ONLY)))
            .build();

    ChainVerification r = v.verify("fab-b", "SN-9", device.cert(), List.of(caB.cert()));

    assertThat(r.reason()).contains(ReasonCode.REVOKED);
  }

  @Test
  void build_noFactory_throwsIllegalState() {
    assertThatThrownBy(() -> DeviceIdentityVerifier.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_duplicateFactory_throwsIllegalArgument() {
    DeviceIdentityVerifier.Builder b =
        DeviceIdentityVerifier.newBuilder().factory("fab-a", List.of(rootA.cert()));

    assertThatThrownBy(() -> b.factory("fab-a", List.of(rootB.cert())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_optionsSettingAnchors_throwsIllegalState() {
    DeviceIdentityVerifier v =
        DeviceIdentityVerifier.newBuilder()
            .factory("fab-a", List.of(rootA.cert()))
            .validatorOptions(b -> b.trustAnchors(List.of(rootB.cert())))
            .build();
    Issued device = leaf("node-1", caA).subjectSerial("SN-1").issue();

    assertThatThrownBy(() -> v.verify("fab-a", "SN-1", device.cert(), List.of(caA.cert())))
        .isInstanceOf(IllegalStateException.class);
  }
}
