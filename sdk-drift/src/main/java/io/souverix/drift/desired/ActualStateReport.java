package io.souverix.drift.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridTimestamp;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node's report of its actual state: the value of each field as the node observes it, and how far
 * it has applied the master's changes. It is the payload of an {@code actual-state} envelope sent
 * by the node under its own id as key; the envelope's sequence equals {@link #sequence()}.
 *
 * @param node the reporting node; not null
 * @param sequence the node's sequence number for its reports, from 1
 * @param stamp when, by the node's hybrid clock; not null
 * @param appliedSequence the highest sequence of the master's changes the node has applied; 0 if
 *     none
 * @param fields the actual value of each field the node reports; copied, sorted by field
 * @since 0.1
 */
public record ActualStateReport(
    String node,
    long sequence,
    HybridTimestamp stamp,
    long appliedSequence,
    SortedMap<FieldKey, String> fields) {
  static final String TYPE = "souverix.actual-state/1";

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if {@code sequence} is below 1 or {@code appliedSequence}
   *     negative
   */
  public ActualStateReport {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(stamp, "stamp");
    if (sequence < 1 || appliedSequence < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "report; expected sequence >= 1 and appliedSequence >= 0, but got %d and %d",
              sequence,
              appliedSequence));
    }
    fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }

  /**
   * Returns the payload: the canonical JSON (RFC 8785) of {@code {"type":
   * "souverix.actual-state/1", "node", "sequence", "hlc", "applied_sequence", "fields":
   * {"<kind>:<name>": value}}} in UTF-8.
   *
   * @return a fresh array
   * @since 0.1
   */
  public byte[] toPayload() {
    ObjectNode o = Codec.object(TYPE);
    o.put("node", node);
    o.put("sequence", sequence);
    o.set("hlc", Codec.stamp(stamp));
    o.put("applied_sequence", appliedSequence);
    ObjectNode f = o.putObject("fields");
    for (Map.Entry<FieldKey, String> e : fields.entrySet()) {
      f.put(e.getKey().toString(), e.getValue());
    }
    return Codec.bytes(o);
  }

  /**
   * Reads a payload {@link #toPayload()} wrote.
   *
   * @param payload the payload; not null
   * @return the report
   * @throws DesiredStateException with {@code MALFORMED} if it is not an actual-state report
   * @since 0.1
   */
  public static ActualStateReport parse(byte[] payload) throws DesiredStateException {
    Objects.requireNonNull(payload, "payload");
    try {
      JsonNode o = Codec.read(payload, TYPE);
      JsonNode f = Codec.member(o, "fields");
      if (!f.isObject()) {
        throw new IllegalArgumentException("fields; expected an object, but got " + f);
      }
      SortedMap<FieldKey, String> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException(e.getKey() + "; expected a string, but got " + e);
        }
        fields.put(Codec.field(e.getKey()), e.getValue().textValue());
      }
      return new ActualStateReport(
          Codec.text(o, "node"),
          Codec.number(o, "sequence"),
          Codec.stamp(Codec.member(o, "hlc")),
          Codec.number(o, "applied_sequence"),
          fields);
    } catch (IllegalArgumentException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.MALFORMED, "actual-state report; " + e.getMessage(), e);
    }
  }
}
