package io.souverix.attestation.tpm;

import static io.souverix.attestation.tpm.Fixtures.HEX;
import static io.souverix.attestation.tpm.Fixtures.ak;
import static io.souverix.attestation.tpm.Fixtures.flip;
import static io.souverix.attestation.tpm.Fixtures.msg;
import static io.souverix.attestation.tpm.Fixtures.nonce;
import static io.souverix.attestation.tpm.Fixtures.pcrs;
import static io.souverix.attestation.tpm.Fixtures.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.NonceRegistry;
import io.souverix.attestation.tpm.QuoteException.Code;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quote verification against real swtpm quotes (scripts/tpm-fixtures.sh). */
class QuoteVerifierTest {
  private static QuoteVerifier verifier(String scheme) throws QuoteException {
    return QuoteVerifier.newBuilder().attestationKey(ak(scheme)).build();
  }

  private static void assertRejected(ThrowingCallable call, Code code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(QuoteException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsassa", "rsapss", "ecdsa"})
  void verify_swtpmQuote_returnsVerifiedQuoteWithTheReadBackPcrs(String scheme) throws Exception {
    VerifiedQuote q = verifier(scheme).verify(msg(scheme), sig(scheme), pcrs(scheme), nonce());

    assertThat(q.scheme()).isEqualTo(TpmSignature.Scheme.valueOf(scheme.toUpperCase()));
    assertThat(q.quote().extraData()).isEqualTo(nonce());
    assertThat(q.quote().selections())
        .containsExactly(new PcrSelection(TpmHash.SHA256, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
    assertThat(q.quote().qualifiedSigner()).hasSize(34).startsWith(0x00, 0x0b);
    assertThat(q.quote().clockInfo().safe()).isTrue();
    assertThat(q.quote().clockInfo().clock()).isPositive();
    Map<Integer, byte[]> golden = Fixtures.golden();
    assertThat(golden).hasSize(10);
    golden.forEach((pcr, v) -> assertThat(q.pcrs().value(TpmHash.SHA256, pcr)).contains(v));
  }

  @Test
  void verify_twoBankQuote_hashesBothBanksInSelectionOrder() throws Exception {
    VerifiedQuote q =
        verifier("rsassa").verify(msg("twobanks"), sig("twobanks"), pcrs("twobanks"), nonce());

    assertThat(q.quote().selections())
        .containsExactly(
            new PcrSelection(TpmHash.SHA1, List.of(0, 4)),
            new PcrSelection(TpmHash.SHA256, List.of(0, 4, 9)));
    assertThat(q.pcrs().banks()).containsExactly(TpmHash.SHA1, TpmHash.SHA256);
    assertThat(q.pcrs().value(TpmHash.SHA1, 4)).contains(new byte[20]);
    assertThat(q.pcrs().value(TpmHash.SHA256, 9)).contains(Fixtures.golden().get(9));
    assertThat(q.pcrs().value(TpmHash.SHA256, 1)).isEmpty();
  }

  @Test
  void verify_goldenValuesOfTheTpm_passes() throws Exception {
    QuoteVerifier v =
        QuoteVerifier.newBuilder()
            .attestationKey(ak("ecdsa"))
            .golden(TpmHash.SHA256, Fixtures.golden())
            .build();
    assertThat(v.verify(msg("ecdsa"), sig("ecdsa"), pcrs("ecdsa"), nonce())).isNotNull();
  }

  @Test
  void verify_wrongNonce_nonceMismatch() throws Exception {
    byte[] other = flip(nonce(), 31);
    assertRejected(
        () -> verifier("rsassa").verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), other),
        Code.NONCE_MISMATCH);
    assertRejected(
        () -> verifier("ecdsa").verify(msg("ecdsa"), sig("ecdsa"), pcrs("ecdsa"), new byte[0]),
        Code.NONCE_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsassa", "rsapss", "ecdsa"})
  void verify_tamperedMessage_signatureInvalid(String scheme) throws Exception {
    // Offset 0x50 lies in clockInfo: the structure still parses, only the signature breaks.
    byte[] tampered = flip(msg(scheme), 0x50);
    assertThat(TpmQuote.parse(tampered).clockInfo())
        .isNotEqualTo(TpmQuote.parse(msg(scheme)).clockInfo());
    assertRejected(
        () -> verifier(scheme).verify(tampered, sig(scheme), pcrs(scheme), nonce()),
        Code.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsassa", "rsapss", "ecdsa"})
  void verify_tamperedSignature_signatureInvalid(String scheme) throws Exception {
    byte[] s = sig(scheme);
    assertRejected(
        () -> verifier(scheme).verify(msg(scheme), flip(s, s.length - 1), pcrs(scheme), nonce()),
        Code.SIGNATURE_INVALID);
  }

  @Test
  void verify_signatureOfAnotherKeyOrKeyType_signatureInvalid() throws Exception {
    assertRejected(
        () -> verifier("rsapss").verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), nonce()),
        Code.SIGNATURE_INVALID);
    assertRejected(
        () -> verifier("ecdsa").verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), nonce()),
        Code.SIGNATURE_INVALID);
  }

  @Test
  void verify_otherHashConfigured_signatureInvalid() throws Exception {
    QuoteVerifier v =
        QuoteVerifier.newBuilder().attestationKey(ak("rsassa")).hash(TpmHash.SHA384).build();
    assertThatThrownBy(() -> v.verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), nonce()))
        .isInstanceOfSatisfying(
            QuoteException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.SIGNATURE_INVALID);
              assertThat(e).hasMessage("signature hash; expected sha384, but got sha256");
            });
  }

  @Test
  void verify_tamperedPcrValue_pcrDigestMismatch() throws Exception {
    // First value of the first TPML_DIGEST: 132 (selection) + 4 (list count) + 4 (count) + 2
    // (size).
    byte[] tampered = flip(pcrs("ecdsa"), 142);
    assertRejected(
        () -> verifier("ecdsa").verify(msg("ecdsa"), sig("ecdsa"), tampered, nonce()),
        Code.PCR_DIGEST_MISMATCH);
  }

  @Test
  void verify_pcrsOfAnotherSelection_pcrDigestMismatch() throws Exception {
    assertRejected(
        () -> verifier("rsassa").verify(msg("rsassa"), sig("rsassa"), pcrs("twobanks"), nonce()),
        Code.PCR_DIGEST_MISMATCH);
  }

  @Test
  void verify_goldenMismatchOrUnquotedGoldenPcr_goldenMismatch() throws Exception {
    Map<Integer, byte[]> wrong = new java.util.TreeMap<>(Fixtures.golden());
    wrong.put(9, flip(wrong.get(9), 0));
    QuoteVerifier v =
        QuoteVerifier.newBuilder()
            .attestationKey(ak("rsassa"))
            .golden(TpmHash.SHA256, wrong)
            .build();
    assertThatThrownBy(() -> v.verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), nonce()))
        .isInstanceOfSatisfying(
            QuoteException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.GOLDEN_MISMATCH);
              assertThat(e.getMessage())
                  .startsWith("PCR sha256:9; expected ")
                  .doesNotContain("PCR sha256:0");
            });
    QuoteVerifier unquoted =
        QuoteVerifier.newBuilder()
            .attestationKey(ak("rsassa"))
            .golden(TpmHash.SHA256, Map.of(16, new byte[32]))
            .build();
    assertRejected(
        () -> unquoted.verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), nonce()),
        Code.GOLDEN_MISMATCH);
  }

  @Test
  void verify_withNonceRegistry_acceptsAnIssuedNonceOnceThenReplayedNonce() throws Exception {
    // A registry whose randomness yields the fixture nonce: the quote answers its challenge.
    byte[] fixtureNonce = nonce();
    Random replaying =
        new Random() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(fixtureNonce, 0, bytes, 0, bytes.length);
          }
        };
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    NonceRegistry registry = NonceRegistry.create(clock, replaying, Duration.ofMinutes(5), 10);
    assertThat(registry.issue()).isEqualTo(fixtureNonce);
    QuoteVerifier v =
        QuoteVerifier.newBuilder().attestationKey(ak("rsassa")).nonceRegistry(registry).build();

    assertThat(v.verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), fixtureNonce)).isNotNull();
    assertRejected(
        () -> v.verify(msg("rsassa"), sig("rsassa"), pcrs("rsassa"), fixtureNonce),
        Code.REPLAYED_NONCE);
  }

  @Test
  void verify_nonceNeverIssued_replayedNonce() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    NonceRegistry empty = NonceRegistry.create(clock, new Random(1), Duration.ofMinutes(5), 10);
    QuoteVerifier v =
        QuoteVerifier.newBuilder().attestationKey(ak("ecdsa")).nonceRegistry(empty).build();
    assertRejected(
        () -> v.verify(msg("ecdsa"), sig("ecdsa"), pcrs("ecdsa"), nonce()), Code.REPLAYED_NONCE);
  }

  @Test
  void verify_forgedQuoteWithIssuedNonce_doesNotConsumeIt() throws Exception {
    byte[] fixtureNonce = nonce();
    Random replaying =
        new Random() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(fixtureNonce, 0, bytes, 0, bytes.length);
          }
        };
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    NonceRegistry registry = NonceRegistry.create(clock, replaying, Duration.ofMinutes(5), 10);
    registry.issue();
    QuoteVerifier v =
        QuoteVerifier.newBuilder().attestationKey(ak("ecdsa")).nonceRegistry(registry).build();
    byte[] s = sig("ecdsa");

    assertRejected(
        () -> v.verify(msg("ecdsa"), flip(s, s.length - 1), pcrs("ecdsa"), fixtureNonce),
        Code.SIGNATURE_INVALID);
    assertThat(v.verify(msg("ecdsa"), s, pcrs("ecdsa"), fixtureNonce)).isNotNull();
  }

  @Test
  void verify_notAQuote_notAQuoteBeforeAnythingElse() throws Exception {
    byte[] badMagic = flip(msg("rsassa"), 0);
    assertRejected(
        () -> verifier("rsassa").verify(badMagic, sig("rsassa"), pcrs("rsassa"), nonce()),
        Code.NOT_A_QUOTE);
    byte[] certify = msg("rsassa");
    certify[5] = 0x17; // TPM_ST_ATTEST_CERTIFY
    assertThatThrownBy(() -> TpmQuote.parse(certify))
        .isInstanceOf(QuoteException.class)
        .hasMessage("TPMS_ATTEST type; expected 0x8018 (TPM_ST_ATTEST_QUOTE), but got 0x8017");
  }

  @Test
  void verify_garbageFiles_parseError() throws Exception {
    byte[] m = msg("rsassa");
    assertRejected(
        () ->
            verifier("rsassa")
                .verify(
                    java.util.Arrays.copyOf(m, m.length - 1),
                    sig("rsassa"),
                    pcrs("rsassa"),
                    nonce()),
        Code.PARSE_ERROR);
    assertRejected(
        () -> verifier("rsassa").verify(m, new byte[] {0, 0x14, 0, 0x0b}, pcrs("rsassa"), nonce()),
        Code.PARSE_ERROR);
    assertRejected(
        () -> verifier("rsassa").verify(m, sig("rsassa"), new byte[10], nonce()), Code.PARSE_ERROR);
  }

  @Test
  void publicKeyFromPem_notAKey_parseError() {
    assertRejected(() -> QuoteVerifier.publicKeyFromPem("hello"), Code.PARSE_ERROR);
    assertRejected(
        () ->
            QuoteVerifier.publicKeyFromPem(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
        Code.PARSE_ERROR);
  }

  @Test
  void builder_missingKeySha1OrTwiceSet_rejected() throws Exception {
    assertThatThrownBy(() -> QuoteVerifier.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> QuoteVerifier.newBuilder().hash(TpmHash.SHA1))
        .isInstanceOf(IllegalArgumentException.class);
    QuoteVerifier.Builder b = QuoteVerifier.newBuilder().attestationKey(ak("ecdsa"));
    assertThatThrownBy(() -> b.attestationKey(ak("rsassa")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.golden(TpmHash.SHA256, Map.of(0, new byte[20])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.golden(TpmHash.SHA256, Map.of(32, new byte[32])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tpmQuote_fixture_fieldsAsMarshalled() throws Exception {
    TpmQuote q = TpmQuote.parse(msg("rsassa"));
    byte[] raw = msg("rsassa");
    assertThat(HEX.formatHex(raw, 0, 6)).isEqualTo("ff5443478018");
    assertThat(q.encoded()).isEqualTo(raw);
    assertThat(q.pcrDigest()).hasSize(32);
    // magic 4, type 2, qualifiedSigner 2+34, extraData 2+32: clockInfo starts at offset 76.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw);
    assertThat(q.clockInfo())
        .isEqualTo(
            new ClockInfo(
                b.getLong(76),
                Integer.toUnsignedLong(b.getInt(84)),
                Integer.toUnsignedLong(b.getInt(88)),
                raw[92] == 1));
    assertThat(q.firmwareVersion()).isEqualTo(b.getLong(93));
    assertThat(q.extraData()).isEqualTo(java.util.Arrays.copyOfRange(raw, 44, 76));
  }
}
