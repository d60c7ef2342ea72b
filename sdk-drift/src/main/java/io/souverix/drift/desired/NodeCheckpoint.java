package io.souverix.drift.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.federation.FieldKey;
import io.souverix.lifecycle.spi.TransportCursor;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link DesiredStateNode} persists after every change it applies, in one piece: the cursor
 * after the last envelope it processed, the desired state it has applied and its sequence numbers.
 * Saving the cursor together with the state is what makes resuming exact: a node restarted from its
 * checkpoint polls from that cursor and holds the state that cursor stands for.
 *
 * @param cursor the text of the {@code desired-state} cursor ({@link TransportCursor#value()});
 *     empty for the beginning
 * @param appliedSequence the highest sequence of the master's changes applied; 0 if none
 * @param reportSequence the sequence of the node's last actual-state report; 0 if none
 * @param applied per field, the change whose value the node holds; copied, sorted by field
 * @since 0.1
 */
public record NodeCheckpoint(
    String cursor,
    long appliedSequence,
    long reportSequence,
    SortedMap<FieldKey, DesiredChange> applied) {
  static final String TYPE = "souverix.desired-checkpoint/1";

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if the cursor is not a valid cursor text or a sequence is
   *     negative
   */
  public NodeCheckpoint {
    TransportCursor.of(Objects.requireNonNull(cursor, "cursor"));
    if (appliedSequence < 0 || reportSequence < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "checkpoint sequences; expected >= 0, but got %d and %d",
              appliedSequence,
              reportSequence));
    }
    applied = Collections.unmodifiableSortedMap(new TreeMap<>(applied));
  }

  /**
   * Returns the checkpoint of a node that has processed nothing.
   *
   * @return the empty checkpoint
   * @since 0.1
   */
  public static NodeCheckpoint initial() {
    return new NodeCheckpoint("", 0, 0, new TreeMap<>());
  }

  /**
   * Returns the desired state the checkpoint holds.
   *
   * @return the value per field, sorted by field
   * @since 0.1
   */
  public SortedMap<FieldKey, String> desired() {
    SortedMap<FieldKey, String> m = new TreeMap<>();
    applied.forEach((k, v) -> m.put(k, v.value()));
    return Collections.unmodifiableSortedMap(m);
  }

  /**
   * Returns the checkpoint as canonical JSON (RFC 8785): {@code {"type":
   * "souverix.desired-checkpoint/1", "cursor", "applied_sequence", "report_sequence", "applied":
   * [changes as in DesiredChange.toPayload(), sorted by field]}}.
   *
   * @return the JSON text
   * @since 0.1
   */
  public String toJson() {
    ObjectNode o = Codec.object(TYPE);
    o.put("cursor", cursor);
    o.put("applied_sequence", appliedSequence);
    o.put("report_sequence", reportSequence);
    ArrayNode a = o.putArray("applied");
    for (DesiredChange c : applied.values()) {
      a.add(c.toJsonNode());
    }
    return new String(Codec.bytes(o), StandardCharsets.UTF_8);
  }

  /**
   * Reads the JSON {@link #toJson()} wrote.
   *
   * @param json the text; not null
   * @return the checkpoint
   * @throws DesiredStateException with {@code MALFORMED} if it is not a checkpoint
   * @since 0.1
   */
  public static NodeCheckpoint parse(String json) throws DesiredStateException {
    Objects.requireNonNull(json, "json");
    try {
      JsonNode o = Codec.read(json.getBytes(StandardCharsets.UTF_8), TYPE);
      JsonNode a = Codec.member(o, "applied");
      if (!a.isArray()) {
        throw new IllegalArgumentException("applied; expected an array, but got " + a);
      }
      SortedMap<FieldKey, DesiredChange> applied = new TreeMap<>();
      for (JsonNode c : a) {
        DesiredChange change = DesiredChange.fromJson(c);
        applied.put(change.field(), change);
      }
      return new NodeCheckpoint(
          Codec.text(o, "cursor"),
          Codec.number(o, "applied_sequence"),
          Codec.number(o, "report_sequence"),
          applied);
    } catch (IllegalArgumentException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.MALFORMED, "node checkpoint; " + e.getMessage(), e);
    }
  }
}
