package io.souverix.attestation.result;

import static io.souverix.attestation.result.ResultFixtures.NOW;
import static io.souverix.attestation.result.ResultFixtures.affirming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttestationResultTest {
  @ParameterizedTest
  @CsvSource({
    "0, NONE",
    "1, NONE",
    "-1, NONE",
    "2, AFFIRMING",
    "31, AFFIRMING",
    "-2, AFFIRMING",
    "-32, AFFIRMING",
    "32, WARNING",
    "95, WARNING",
    "-33, WARNING",
    "-96, WARNING",
    "96, CONTRAINDICATED",
    "127, CONTRAINDICATED",
    "-97, CONTRAINDICATED",
    "-128, CONTRAINDICATED"
  })
  void tierOfValue_ar4siRanges_mapToTheirTier(int value, Tier tier) {
    assertThat(Tier.ofValue(value)).isEqualTo(tier);
  }

  @Test
  void tierOfValue_outsideAnInt8_throws() {
    assertThatThrownBy(() -> Tier.ofValue(128)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClaimAppraisal(-129, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trustClaimOf_standardName_isTheConstant() {
    assertThat(TrustClaim.of("runtime-opaque")).isSameAs(TrustClaim.RUNTIME_OPAQUE);
    assertThat(TrustClaim.standard())
        .hasSize(8)
        .extracting(TrustClaim::name)
        .contains("sourced-data");
    assertThat(TrustClaim.of("gpu-firmware").name()).isEqualTo("gpu-firmware");
    assertThatThrownBy(() -> TrustClaim.of("Bad Name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_noExplicitStatus_takesTheWorstClaim() {
    assertThat(affirming().build().status()).isEqualTo(Tier.AFFIRMING);
    assertThat(
            affirming()
                .claim(TrustClaim.FILE_SYSTEM, Tier.CONTRAINDICATED, "unknown binary /usr/bin/x")
                .build()
                .status())
        .isEqualTo(Tier.CONTRAINDICATED);
    assertThat(
            AttestationResult.newBuilder()
                .issuer("i")
                .subject("s")
                .nonce(new byte[8])
                .issuedAt(NOW)
                .expiresAt(NOW.plusSeconds(1))
                .build()
                .status())
        .isEqualTo(Tier.NONE);
  }

  @Test
  void build_statusMoreFavourableThanAClaim_throws() {
    assertThatThrownBy(
            () ->
                affirming()
                    .claim(TrustClaim.CONFIGURATION, Tier.WARNING, "debug enabled")
                    .status(Tier.AFFIRMING)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected warning or more severe");
    assertThat(affirming().status(Tier.WARNING).build().status()).isEqualTo(Tier.WARNING);
  }

  @Test
  void build_missingOrContradictoryOptions_throw() {
    assertThatThrownBy(() -> AttestationResult.newBuilder().issuer("i").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("subject");
    assertThatThrownBy(
            () ->
                AttestationResult.newBuilder()
                    .issuer("i")
                    .subject("s")
                    .nonce(new byte[8])
                    .issuedAt(NOW)
                    .expiresAt(NOW)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> AttestationResult.newBuilder().nonce(new byte[7]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttestationResult.newBuilder().issuer("a").issuer("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> affirming().claim(TrustClaim.HARDWARE, Tier.WARNING, "twice"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nonce_isCopiedInAndOut() {
    byte[] nonce = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
    AttestationResult r =
        AttestationResult.newBuilder()
            .issuer("i")
            .subject("s")
            .nonce(nonce)
            .issuedAt(NOW)
            .expiresAt(NOW.plusSeconds(1))
            .build();
    nonce[0] = 9;
    r.nonce()[1] = 9;
    assertThat(r.nonce()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void claims_roundTripThroughJwtClaims() {
    AttestationResult r =
        affirming()
            .audience("fleet")
            .claim(TrustClaim.of("gpu-firmware"), new ClaimAppraisal(-40, "negative warning"))
            .build();
    assertThat(ResultClaims.fromClaims(ResultClaims.toClaims(r))).isEqualTo(r);
  }
}
