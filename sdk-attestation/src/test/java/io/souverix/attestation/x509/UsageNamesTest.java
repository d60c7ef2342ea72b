package io.souverix.attestation.x509;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageNamesTest {
  @Test
  void keyUsage_rfcNames_roundTripAndMatchRfc5280() {
    assertThat(KeyUsage.CRL_SIGN.rfcName()).isEqualTo("cRLSign");
    assertThat(KeyUsage.CONTENT_COMMITMENT.rfcName()).isEqualTo("contentCommitment");
    for (KeyUsage k : KeyUsage.values()) {
      assertThat(KeyUsage.fromRfcName(k.rfcName())).contains(k);
    }
    assertThat(KeyUsage.fromRfcName("crlSign")).isEmpty();
  }

  @Test
  void extendedKeyUsage_fromName_knownNamesOnly() {
    assertThat(ExtendedKeyUsage.fromName("serverAuth")).contains(ExtendedKeyUsage.SERVER_AUTH);
    assertThat(ExtendedKeyUsage.fromName("OCSPSigning")).contains(ExtendedKeyUsage.OCSP_SIGNING);
    assertThat(ExtendedKeyUsage.fromName("serverauth")).isEmpty();
  }
}
