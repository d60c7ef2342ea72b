package io.souverix.lifecycle.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A signed message a {@link Transport} carries between a node, a regional master and global
 * control: a payload sent on a channel under a key, by a sender, with the sender's sequence number
 * for that key, signed by the sender.
 *
 * <p>The {@linkplain #key() key} is what order is kept for (a node id, a region); the {@linkplain
 * #channel() channel} names the stream of messages (for example {@code desired-state} or {@code
 * events}). The pair (sender, key, sequence) identifies an envelope, so a receiver removes the
 * duplicates that at-least-once delivery may bring.
 *
 * <h3>Security guarantees</h3>
 *
 * The signature covers the {@linkplain #signingInput() signing input}: the RFC 8785 canonical JSON
 * of every field but the signature, with the payload in base64url and a {@code type} member that
 * keeps these signatures apart from any other use of the same key. Transports never deliver an
 * envelope whose signature does not verify with the key the host's {@link SenderKeyResolver} gives
 * for its sender and key id ({@link Delivery#verify}).
 *
 * @since 0.1
 */
public final class TransportEnvelope {
  /** The largest payload, in bytes. */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  /** The longest channel, key and sender name, in characters. */
  public static final int MAX_NAME_LENGTH = 128;

  /** The largest sequence: the largest integer a JSON number carries exactly (2^53). */
  public static final long MAX_SEQUENCE = 1L << 53;

  static final String TYPE = "souverix.transport.envelope/1";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]*");
  private static final Set<String> MEMBERS =
      Set.of("alg", "channel", "key", "keyId", "payload", "sender", "sequence", "signature");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final String channel;
  private final String key;
  private final String sender;
  private final long sequence;
  private final byte[] payload;
  private final SigningAlgorithm algorithm;
  private final String keyId;
  private final byte[] signature;

  private TransportEnvelope(
      String channel,
      String key,
      String sender,
      long sequence,
      byte[] payload,
      SigningAlgorithm algorithm,
      String keyId,
      byte[] signature) {
    this.channel = checkName(channel, "channel");
    this.key = checkName(key, "key");
    this.sender = checkName(sender, "sender");
    if (sequence < 1 || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "sequence; expected 1 to 2^53, but got %d", sequence));
    }
    this.sequence = sequence;
    Objects.requireNonNull(payload, "payload");
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "payload; expected at most %d bytes, but got %d",
              MAX_PAYLOAD_BYTES,
              payload.length));
    }
    this.payload = payload.clone();
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.length() > 256 || !keyId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "keyId; expected at most 256 printable ASCII characters, but got " + keyId.length());
    }
    this.keyId = keyId;
    this.signature = Objects.requireNonNull(signature, "signature").clone();
  }

  /**
   * Creates an envelope and signs it.
   *
   * @param signer the sender's signer; not null
   * @param channel the channel; a name of letters, digits and {@code . _ : @ -}, starting with a
   *     letter or digit, at most {@value #MAX_NAME_LENGTH} characters
   * @param key the ordering key (node id, region); a name as for {@code channel}
   * @param sender the sender's id; a name as for {@code channel}
   * @param sequence the sender's sequence number for this key, 1 to 2^53
   * @param payload the payload, at most {@value #MAX_PAYLOAD_BYTES} bytes; copied
   * @return the signed envelope
   * @throws SignerException if the signer fails
   * @throws IllegalArgumentException if a field is out of range
   */
  public static TransportEnvelope sign(
      Signer signer, String channel, String key, String sender, long sequence, byte[] payload)
      throws SignerException {
    Objects.requireNonNull(signer, "signer");
    TransportEnvelope unsigned =
        new TransportEnvelope(
            channel,
            key,
            sender,
            sequence,
            payload,
            signer.algorithm(),
            signer.keyId(),
            new byte[0]);
    byte[] sig = signer.sign(unsigned.signingInput());
    return new TransportEnvelope(
        channel, key, sender, sequence, payload, signer.algorithm(), signer.keyId(), sig);
  }

  /**
   * Assembles an envelope from its fields without signing or verifying anything: for transports
   * that rebuild envelopes they received, and for tests of rejection. An empty signature makes an
   * unsigned envelope.
   *
   * @param channel the channel
   * @param key the ordering key
   * @param sender the sender's id
   * @param sequence the sender's sequence number, 1 to 2^53
   * @param payload the payload; copied
   * @param algorithm the algorithm the signature claims
   * @param keyId the key id the signature claims; printable ASCII, at most 256 characters
   * @param signature the signature; copied; may be empty
   * @return the envelope
   * @throws IllegalArgumentException if a field is out of range
   */
  public static TransportEnvelope of(
      String channel,
      String key,
      String sender,
      long sequence,
      byte[] payload,
      SigningAlgorithm algorithm,
      String keyId,
      byte[] signature) {
    return new TransportEnvelope(
        channel, key, sender, sequence, payload, algorithm, keyId, signature);
  }

  /**
   * Parses the JSON form {@link #toJson()} writes. Unknown members are rejected.
   *
   * @param json the JSON text's UTF-8 bytes; not null
   * @return the envelope, not verified
   * @throws TransportException {@code MALFORMED} if it is not an envelope
   */
  public static TransportEnvelope parse(byte[] json) throws TransportException {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw malformed("JSON, but got: " + e.getMessage(), e);
    }
    return fromJson(node);
  }

  private static TransportEnvelope fromJson(JsonNode node) throws TransportException {
    if (!node.isObject()) {
      throw malformed("a JSON object", null);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MEMBERS.contains(name)) {
        throw malformed("no member '" + name + "'", null);
      }
    }
    try {
      JsonNode seq = node.get("sequence");
      if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
        throw new IllegalArgumentException("sequence; expected an integer");
      }
      return new TransportEnvelope(
          text(node, "channel"),
          text(node, "key"),
          text(node, "sender"),
          seq.asLong(),
          B64D.decode(text(node, "payload")),
          SigningAlgorithm.fromJwsName(text(node, "alg")),
          text(node, "keyId"),
          B64D.decode(text(node, "signature")));
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(name + "; expected a string");
    }
    return v.textValue();
  }

  private static TransportException malformed(String detail, @Nullable Throwable cause) {
    return TransportException.of(
        TransportException.Code.MALFORMED, "transport envelope; expected " + detail, cause);
  }

  private static String checkName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_NAME_LENGTH || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s; expected 1 to %d letters, digits and . _ : @ -, starting with a letter or"
                  + " digit, but got '%s'",
              what,
              MAX_NAME_LENGTH,
              value.length() > 64 ? value.substring(0, 64) + "..." : value));
    }
    return value;
  }

  /**
   * Returns the bytes the signature covers: the canonical JSON (RFC 8785) of {@code type}, {@code
   * alg}, {@code channel}, {@code key}, {@code keyId}, {@code payload} (base64url without padding),
   * {@code sender} and {@code sequence}, in UTF-8.
   *
   * @return a fresh array
   */
  public byte[] signingInput() {
    ObjectNode o = fields();
    o.put("type", TYPE);
    return CanonicalJson.write(o).getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode fields() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("alg", algorithm.jwsName());
    o.put("channel", channel);
    o.put("key", key);
    o.put("keyId", keyId);
    o.put("payload", B64.encodeToString(payload));
    o.put("sender", sender);
    o.put("sequence", sequence);
    return o;
  }

  private ObjectNode toJsonNode() {
    ObjectNode o = fields();
    o.put("signature", B64.encodeToString(signature));
    return o;
  }

  /**
   * Returns the envelope's JSON text, canonical, in UTF-8: the members of {@link #signingInput()}
   * but {@code type}, plus {@code signature} in base64url without padding. {@link #parse(byte[])}
   * reads it back.
   *
   * @return a fresh array
   */
  public byte[] toJson() {
    return CanonicalJson.write(toJsonNode()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the channel.
   *
   * @return the channel name
   */
  public String channel() {
    return channel;
  }

  /**
   * Returns the ordering key.
   *
   * @return the key (a node id, a region)
   */
  public String key() {
    return key;
  }

  /**
   * Returns the sender's id.
   *
   * @return the sender
   */
  public String sender() {
    return sender;
  }

  /**
   * Returns the sender's sequence number for this key.
   *
   * @return 1 to 2^53
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the payload.
   *
   * @return a fresh copy
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Returns the payload's length without copying it.
   *
   * @return the length in bytes
   */
  public int payloadLength() {
    return payload.length;
  }

  /**
   * Returns the algorithm the signature claims.
   *
   * @return the algorithm
   */
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the id of the key the signature claims.
   *
   * @return the key id; may be empty for an unsigned envelope
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the signature.
   *
   * @return a fresh copy; empty for an unsigned envelope
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Tells whether the envelope carries a signature (not whether it verifies).
   *
   * @return true when the signature is not empty
   */
  public boolean isSigned() {
    return signature.length > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportEnvelope e
        && e.sequence == sequence
        && e.channel.equals(channel)
        && e.key.equals(key)
        && e.sender.equals(sender)
        && e.algorithm == algorithm
        && e.keyId.equals(keyId)
        && Arrays.equals(e.payload, payload)
        && Arrays.equals(e.signature, signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, key, sender, sequence, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TransportEnvelope[channel=%s, key=%s, sender=%s, sequence=%d, payload=%d bytes, %s]",
        channel,
        key,
        sender,
        sequence,
        payload.length,
        signature.length == 0 ? "unsigned" : algorithm.jwsName() + " keyId=" + keyId);
  }
}
