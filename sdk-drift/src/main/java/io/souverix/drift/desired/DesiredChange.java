package io.souverix.drift.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridTimestamp;
import java.util.Locale;
import java.util.Objects;

/**
 * One change of a node's desired state, as the master of record publishes it: the new value of a
 * field, the master's sequence number for the node and the master's hybrid timestamp. It is the
 * payload of a {@code desired-state} envelope keyed by the node; the envelope's sequence equals
 * {@link #sequence()}.
 *
 * @param node the node the change is for (the envelope's key); not null
 * @param sequence the master's sequence number for the node, from 1, without gaps
 * @param field the field; not null
 * @param value the new value: a version, a policy version, or a config object's canonical JSON
 * @param stamp when, by the master's {@link io.souverix.drift.federation.HybridClock}; not null
 * @since 0.1
 */
public record DesiredChange(
    String node, long sequence, FieldKey field, String value, HybridTimestamp stamp) {
  static final String TYPE = "souverix.desired-change/1";

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code sequence} is below 1
   */
  public DesiredChange {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(stamp, "stamp");
    if (sequence < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "sequence; expected >= 1, but got %d", sequence));
    }
  }

  /**
   * Returns the payload: the canonical JSON (RFC 8785) of {@code {"type":
   * "souverix.desired-change/1", "node", "sequence", "field": "<kind>:<name>", "value", "hlc":
   * {"millis", "logical", "origin"}}} in UTF-8.
   *
   * @return a fresh array
   * @since 0.1
   */
  public byte[] toPayload() {
    return Codec.bytes(toJsonNode());
  }

  ObjectNode toJsonNode() {
    ObjectNode o = Codec.object(TYPE);
    o.put("node", node);
    o.put("sequence", sequence);
    o.put("field", field.toString());
    o.put("value", value);
    o.set("hlc", Codec.stamp(stamp));
    return o;
  }

  /**
   * Reads a payload {@link #toPayload()} wrote.
   *
   * @param payload the payload; not null
   * @return the change
   * @throws DesiredStateException with {@code MALFORMED} if it is not a desired change
   * @since 0.1
   */
  public static DesiredChange parse(byte[] payload) throws DesiredStateException {
    Objects.requireNonNull(payload, "payload");
    try {
      return fromJson(Codec.read(payload, TYPE));
    } catch (IllegalArgumentException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.MALFORMED, "desired change; " + e.getMessage(), e);
    }
  }

  static DesiredChange fromJson(JsonNode o) {
    return new DesiredChange(
        Codec.text(o, "node"),
        Codec.number(o, "sequence"),
        Codec.field(Codec.text(o, "field")),
        Codec.text(o, "value"),
        Codec.stamp(Codec.member(o, "hlc")));
  }
}
