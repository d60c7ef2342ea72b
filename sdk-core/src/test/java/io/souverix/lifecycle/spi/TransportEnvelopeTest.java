package io.souverix.lifecycle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportEnvelopeTest {
  private static final Signer SIGNER = signer();

  private static Signer signer() {
    try {
      return Signer.inMemory(
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), SigningAlgorithm.ED25519);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final SenderKeyResolver KEYS =
      (sender, keyId) ->
          sender.equals("node-1") && keyId.equals(SIGNER.keyId())
              ? Optional.of(SIGNER.publicKey())
              : Optional.empty();

  private static TransportEnvelope signed(String payload) throws Exception {
    return TransportEnvelope.sign(
        SIGNER, "desired-state", "node-1", "node-1", 7, payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signingInput_isCanonicalJsonWithTypeAndWithoutSignature() throws Exception {
    String input = new String(signed("hi").signingInput(), StandardCharsets.UTF_8);

    assertThat(input)
        .isEqualTo(
            "{\"alg\":\"EdDSA\",\"channel\":\"desired-state\",\"key\":\"node-1\",\"keyId\":\""
                + SIGNER.keyId()
                + "\",\"payload\":\"aGk\",\"sender\":\"node-1\",\"sequence\":7,"
                + "\"type\":\"souverix.transport.envelope/1\"}");
  }

  @Test
  void parse_ofToJson_roundTripsAndStillVerifies() throws Exception {
    TransportEnvelope e = signed("{\"v\":\"\u00fc \ud834\udd1e\"}");

    TransportEnvelope back = TransportEnvelope.parse(e.toJson());

    assertThat(back).isEqualTo(e);
    Delivery.check(back, KEYS);
  }

  @Test
  void parse_unknownMemberOrBadAlg_malformed() {
    for (String json :
        new String[] {
          "{\"alg\":\"none\",\"channel\":\"c\",\"key\":\"k\",\"keyId\":\"x\",\"payload\":\"\","
              + "\"sender\":\"s\",\"sequence\":1,\"signature\":\"\"}",
          "{\"alg\":\"EdDSA\",\"channel\":\"c\",\"key\":\"k\",\"keyId\":\"x\",\"payload\":\"\","
              + "\"sender\":\"s\",\"sequence\":1,\"signature\":\"\",\"extra\":1}",
          "[]",
          "not json"
        }) {
      assertThatThrownBy(() -> TransportEnvelope.parse(json.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOfSatisfying(
              TransportException.class,
              x -> assertThat(x.code()).isEqualTo(TransportException.Code.MALFORMED));
    }
  }

  @Test
  void check_tamperedPayload_signatureInvalid() throws Exception {
    TransportEnvelope e = signed("50%");
    TransportEnvelope tampered =
        TransportEnvelope.of(
            e.channel(),
            e.key(),
            e.sender(),
            e.sequence(),
            "99%".getBytes(StandardCharsets.UTF_8),
            e.algorithm(),
            e.keyId(),
            e.signature());

    assertThatThrownBy(() -> Delivery.check(tampered, KEYS))
        .isInstanceOfSatisfying(
            TransportException.class,
            x -> assertThat(x.code()).isEqualTo(TransportException.Code.SIGNATURE_INVALID));
  }

  @Test
  void sign_oversizedPayloadOrBadName_rejected() {
    assertThatThrownBy(
            () ->
                TransportEnvelope.sign(
                    SIGNER, "c", "k", "s", 1, new byte[TransportEnvelope.MAX_PAYLOAD_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload; expected at most");
    assertThatThrownBy(() -> TransportEnvelope.sign(SIGNER, "a/b", "k", "s", 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel; expected");
    assertThatThrownBy(() -> TransportEnvelope.sign(SIGNER, "c", "k", "s", 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inProcess_pollWaitingAtTheHead_returnsWhenClosed() throws Exception {
    Transport t = Transport.inProcess(KEYS);
    t.close();

    assertThatThrownBy(() -> t.poll("c", TransportCursor.beginning(), 1, Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            TransportException.class,
            x -> assertThat(x.code()).isEqualTo(TransportException.Code.CLOSED));
  }
}
